-- Bounds on every value a person or a file can give, as the database's last line of defence (the CLI and the
-- importers refuse out-of-bounds values first, with a message naming the field). NOT VALID: rows already stored are
-- not re-checked (an old ledger may hold a quantity of 2^63-1), new rows are.
--   quantity          1 .. 10,000,000 items per pledge
--   amount            |amount| <= 10^15 in its own currency (adjustments are negative)
--   stated value      <= 10^15 EUR
--   rate date         1990-01-01 .. 2100-12-31 (announcement dates already are, 0001)
--   units per EUR     10^-6 .. 10^7 (the ECB history's largest is the Turkish lira before 2005, about 2 million)
ALTER TABLE pledge_versions ADD CONSTRAINT pledge_versions_quantity_bound CHECK (quantity <= 10000000) NOT VALID;
ALTER TABLE pledge_versions ADD CONSTRAINT pledge_versions_amount_bound CHECK (amount BETWEEN -1e15 AND 1e15) NOT VALID;
ALTER TABLE pledge_versions ADD CONSTRAINT pledge_versions_stated_value_bound CHECK (stated_value_eur <= 1e15) NOT VALID;
ALTER TABLE fx_rates ADD CONSTRAINT fx_rates_date_bound CHECK (rate_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE fx_rates ADD CONSTRAINT fx_rates_units_bound CHECK (units_per_eur BETWEEN 0.000001 AND 10000000) NOT VALID;

-- Sums are numeric, never bigint: the roll-up's item count was bigint, so two pledges near 2^63 items made every
-- later insert fail with "bigint out of range". numeric has no such limit.
ALTER TABLE pledge_totals ALTER COLUMN items TYPE numeric;

-- The view db check compares the roll-up with cast its sum of items to bigint: recreate it without the cast, from its
-- own stored definition (so whatever later migrations changed in it is kept).
DO $$
DECLARE
    def text := pg_get_viewdef('pledge_totals_expected'::regclass);
BEGIN
    IF position('::bigint AS items' IN def) > 0 THEN
        DROP VIEW pledge_totals_expected;
        EXECUTE 'CREATE VIEW pledge_totals_expected AS ' || replace(def, '::bigint AS items', ' AS items');
    END IF;
END $$;
