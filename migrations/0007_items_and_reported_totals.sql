-- Issue 9, ledger side: free-text equipment items, catalog additions (promotions), reported running totals.

-- 1. Free-text items. An equipment pledge names a catalog system, or (when no system matches) the item as the source
-- names it ("demining vehicles", "155mm artillery rounds") with a category from its head noun when one is known.
-- Two statements of the same item (ignoring case and spacing) and quantity are the same pledge, as for a system.
ALTER TABLE pledge_versions ADD COLUMN item text CHECK (item IS NULL OR (length(item) BETWEEN 1 AND 200 AND item = btrim(item)));
ALTER TABLE pledge_current ADD COLUMN item text;

ALTER TABLE pledge_versions DROP CONSTRAINT money_or_equipment;
ALTER TABLE pledge_versions ADD CONSTRAINT money_or_equipment CHECK (
    (kind = 'money' AND amount IS NOT NULL AND currency IS NOT NULL AND system_id IS NULL AND quantity IS NULL AND item IS NULL)
    OR (kind = 'equipment' AND amount IS NULL AND currency IS NULL
        AND (system_id IS NOT NULL OR category IS NOT NULL OR item IS NOT NULL)));
ALTER TABLE pledge_versions ADD CONSTRAINT item_or_system CHECK (item IS NULL OR system_id IS NULL);

CREATE INDEX pledge_current_item ON pledge_current (lower(item)) WHERE item IS NOT NULL;

-- pledge_current_expected was created with * expanded then: list the new column too (db check compares whole rows).
CREATE OR REPLACE VIEW pledge_current_expected AS
SELECT DISTINCT ON (pledge_id) * FROM pledge_versions ORDER BY pledge_id, version DESC;

-- 2. Catalog additions: systems a person adds (`pledge catalog add`) and free-text items promoted into the catalog
-- (`pledge catalog promote`), as an append-only record. The ledger's catalog is equipment_systems (the seed and every
-- added system) with, per system, its seeded aliases plus the aliases of its additions.
CREATE TABLE catalog_additions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id       text NOT NULL REFERENCES equipment_systems (id),
    new_system      boolean NOT NULL,
    aliases         text[] NOT NULL DEFAULT '{}',
    promoted_item   text CHECK (promoted_item IS NULL OR length(promoted_item) BETWEEN 1 AND 200),
    pledges_moved   integer NOT NULL DEFAULT 0 CHECK (pledges_moved >= 0),
    note            text CHECK (note IS NULL OR length(note) <= 4000),
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX catalog_additions_system ON catalog_additions (system_id);
CREATE TRIGGER catalog_additions_append_only BEFORE UPDATE OR DELETE ON catalog_additions FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER catalog_additions_no_truncate BEFORE TRUNCATE ON catalog_additions FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

-- 3. Reported totals: what a document says a donor has given so far ("brings its total aid to EUR 5 bn", "has
-- provided 31 Abrams"). Never pledges and never counted; `pledge totals --reported` sets the latest beside the ledger's
-- own sum. Written by ingest with the document (a document already in the ledger is skipped, so never twice).
CREATE TABLE reported_totals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    donor_code      text NOT NULL REFERENCES donors (code),
    kind            text NOT NULL CHECK (kind IN ('money', 'equipment')),
    amount          numeric CHECK (amount > 0 AND amount < 1e18),
    currency        text CHECK (currency ~ '^[A-Z]{3}$'),
    system_id       text REFERENCES equipment_systems (id),
    item            text CHECK (item IS NULL OR length(item) BETWEEN 1 AND 200),
    category        text REFERENCES equipment_categories (code),
    quantity        bigint CHECK (quantity > 0),
    qualifier       text NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'up_to', 'about')),
    status          text NOT NULL DEFAULT 'pledged' CHECK (status IN ('proposed', 'pledged', 'allocated', 'delivered')),
    as_of           date CHECK (as_of BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
    document_id     bigint REFERENCES documents (id),
    start_offset    integer CHECK (start_offset >= 0),
    end_offset      integer CHECK (end_offset >= start_offset),
    line            integer CHECK (line >= 1),
    sentence        text,
    source          text,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT reported_money_or_equipment CHECK (
        (kind = 'money' AND amount IS NOT NULL AND currency IS NOT NULL AND system_id IS NULL AND item IS NULL AND quantity IS NULL)
        OR (kind = 'equipment' AND amount IS NULL AND currency IS NULL
            AND (system_id IS NOT NULL OR category IS NOT NULL OR item IS NOT NULL)))
);
CREATE INDEX reported_totals_latest ON reported_totals (donor_code, kind, as_of DESC NULLS LAST, recorded_at DESC, id DESC);
CREATE TRIGGER reported_totals_append_only BEFORE UPDATE OR DELETE ON reported_totals FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER reported_totals_no_truncate BEFORE TRUNCATE ON reported_totals FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
