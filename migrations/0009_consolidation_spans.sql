-- Consolidation groups statements that chain (each within 14 days of the next), so a pledge covers a span of dates:
-- announced_on is its earliest statement, last_stated_on its latest (NULL when that is announced_on). A new
-- statement joins the pledge when it lies within 14 days of the span (issue 10). Both tables get the column in the
-- same place, so pledge_current keeps pledge_versions' column order (the projection trigger copies whole rows).

ALTER TABLE pledge_versions ADD COLUMN last_stated_on date;
ALTER TABLE pledge_current ADD COLUMN last_stated_on date;
ALTER TABLE pledge_versions ADD CONSTRAINT last_stated_after_announced
    CHECK (last_stated_on IS NULL OR (announced_on IS NOT NULL AND last_stated_on > announced_on AND last_stated_on <= DATE '2100-12-31'));

-- `pledge db check` compares pledge_current with this view: a view's * is fixed when it is created, so recreate it.
CREATE OR REPLACE VIEW pledge_current_expected AS
SELECT DISTINCT ON (pledge_id) * FROM pledge_versions ORDER BY pledge_id, version DESC;
