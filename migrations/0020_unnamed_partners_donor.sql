-- Equipment a text says comes from partners it does not name ("equipment from foreign partners") is kept with that
-- wording as its donor rather than lost or given to a guessed state: a group donor the extractor uses only where the
-- givers are left unnamed, and every such pledge waits for review. Matches Catalog/donors.csv.
INSERT INTO donors (code, alpha3, name, kind, aliases) VALUES
    ('PARTNERS', NULL, 'Unnamed partners', 'coalition', ARRAY['foreign partners','international partners','unnamed partners']::text[])
ON CONFLICT (code) DO NOTHING;
