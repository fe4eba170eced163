-- Free-text items (pledge_versions.item, 0007) take their category from their head noun; an item whose head noun
-- names no category is stored under 'other' instead of failing its ingest batch on the foreign key.
INSERT INTO equipment_categories (code) VALUES ('other') ON CONFLICT DO NOTHING;
