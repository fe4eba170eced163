-- The rate in force on every calendar day, derived from fx_rates so totals convert with one hash join.
-- Rule: a date takes the rate of that day or of the last earlier day with a rate, at most 7 days earlier (ECB
-- publishes every TARGET business day; longer gaps mean the currency has no reference rate then).
-- fx_daily is a projection kept by trigger, not part of the append-only ledger; fx_rates stays the record.
CREATE TABLE fx_daily (
    currency        text NOT NULL,
    day             date NOT NULL,
    rate_date       date NOT NULL,
    units_per_eur   numeric NOT NULL,
    PRIMARY KEY (currency, day)
);

CREATE FUNCTION fx_daily_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE fx_affected ON COMMIT DROP AS
        SELECT currency, min(rate_date) - 8 AS lo, max(rate_date) + 8 AS hi FROM new_rates GROUP BY currency;
    DELETE FROM fx_daily d USING fx_affected a WHERE d.currency = a.currency AND d.day BETWEEN a.lo AND a.hi;
    INSERT INTO fx_daily (currency, day, rate_date, units_per_eur)
    SELECT r.currency, g.day::date, r.rate_date, r.units_per_eur
    FROM (
        SELECT f.currency, f.rate_date, f.units_per_eur,
               lead(f.rate_date) OVER (PARTITION BY f.currency ORDER BY f.rate_date) AS next_date
        FROM fx_rates f JOIN fx_affected a ON a.currency = f.currency AND f.rate_date BETWEEN a.lo - 8 AND a.hi) r
    JOIN fx_affected a ON a.currency = r.currency
    CROSS JOIN LATERAL generate_series(r.rate_date, least(coalesce(r.next_date - 1, r.rate_date + 7), r.rate_date + 7), interval '1 day') AS g(day)
    WHERE g.day BETWEEN a.lo AND a.hi;
    DROP TABLE fx_affected;
    RETURN NULL;
END $$;

CREATE TRIGGER fx_rates_daily AFTER INSERT ON fx_rates
    REFERENCING NEW TABLE AS new_rates FOR EACH STATEMENT EXECUTE FUNCTION fx_daily_refresh();

-- Fill it for rates already present.
CREATE TEMP TABLE new_rates_backfill AS SELECT * FROM fx_rates;
INSERT INTO fx_daily (currency, day, rate_date, units_per_eur)
SELECT r.currency, g.day::date, r.rate_date, r.units_per_eur
FROM (SELECT f.currency, f.rate_date, f.units_per_eur, lead(f.rate_date) OVER (PARTITION BY f.currency ORDER BY f.rate_date) AS next_date
      FROM new_rates_backfill f) r
CROSS JOIN LATERAL generate_series(r.rate_date, least(coalesce(r.next_date - 1, r.rate_date + 7), r.rate_date + 7), interval '1 day') AS g(day);
DROP TABLE new_rates_backfill;
