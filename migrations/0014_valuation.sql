-- Issue 12, item 3: valuation in one place. The rate window, the newest unit value and the EUR / in-kind arithmetic
-- were written in the daily-rate trigger (0003), its as-of twin (0006), the totals roll-up's basis view (0006) and
-- the C# queries. Each is now one SQL definition here; the landed objects that used their own copy are replaced
-- (CREATE OR REPLACE keeps their names, so callers and triggers are unchanged), and Storage reads valued_pledges /
-- valued_pledges_as_of instead of computing anything itself. Results are the same as before, with one exception
-- noted at pledge_value.

-- 1. The rate window: a rate (units per EUR on rate_date) is in force from its own date until the day before the
-- next rate of its currency, and at most 7 days (weekends, holidays: the ECB publishes every TARGET business day, so
-- a longer gap means the currency has no reference rate then). A date takes the rate in force on it, or none.
CREATE FUNCTION fx_rate_in_force_until(rate_date date, next_rate_date date DEFAULT NULL) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT least(next_rate_date - 1, rate_date + 7)
$$;

-- The rate in force on each day, by the rates recorded by as_of ('infinity': every rate), for one currency (or all:
-- NULL) and the days lo..hi (NULL: unbounded). fx_daily holds it for now; fx_daily_as_of for a past time.
CREATE FUNCTION fx_rates_in_force(as_of timestamptz, cur text DEFAULT NULL, lo date DEFAULT NULL, hi date DEFAULT NULL)
RETURNS TABLE (currency text, day date, rate_date date, units_per_eur numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.currency, g.day::date, r.rate_date, r.units_per_eur
    FROM (SELECT f.currency, f.rate_date, f.units_per_eur,
                 lead(f.rate_date) OVER (PARTITION BY f.currency ORDER BY f.rate_date) AS next_date
          FROM fx_rates f
          WHERE f.recorded_at <= as_of AND (cur IS NULL OR f.currency = cur)
            AND (hi IS NULL OR f.rate_date <= hi) AND (lo IS NULL OR fx_rate_in_force_until(f.rate_date) >= lo)) r
    CROSS JOIN LATERAL generate_series(r.rate_date, fx_rate_in_force_until(r.rate_date, r.next_date), interval '1 day') AS g(day)
    WHERE (lo IS NULL OR g.day >= lo) AND (hi IS NULL OR g.day <= hi)
$$;

-- The rate one pledge of currency cur dated day is converted with, by the rates recorded by as_of: the newest rate on
-- or before the day, if still in force on it. The same answer as the day's row of fx_rates_in_force, by one index
-- probe (for a few pledges; fx_rates_in_force spreads every rate, for many).
CREATE FUNCTION fx_rate_on(cur text, day date, as_of timestamptz DEFAULT 'infinity')
RETURNS TABLE (rate_date date, units_per_eur numeric)
LANGUAGE sql STABLE AS $$
    SELECT f.rate_date, f.units_per_eur
    FROM (SELECT f.rate_date, f.units_per_eur FROM fx_rates f
          WHERE f.currency = cur AND f.rate_date <= day AND f.recorded_at <= as_of
          ORDER BY f.rate_date DESC LIMIT 1) f
    WHERE fx_rate_in_force_until(f.rate_date) >= day
$$;

-- New rates change the days from the first new rate's date to the last day the latest one is in force.
CREATE OR REPLACE FUNCTION fx_daily_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    aff record;
BEGIN
    FOR aff IN SELECT n.currency, min(n.rate_date) AS lo, fx_rate_in_force_until(max(n.rate_date)) AS hi
               FROM new_rates n GROUP BY n.currency ORDER BY n.currency LOOP
        DELETE FROM fx_daily d WHERE d.currency = aff.currency AND d.day BETWEEN aff.lo AND aff.hi;
        INSERT INTO fx_daily (currency, day, rate_date, units_per_eur)
        SELECT * FROM fx_rates_in_force('infinity', aff.currency, aff.lo, aff.hi);
    END LOOP;
    RETURN NULL;
END $$;

-- PL/pgSQL (not inlined) for the reason 0006 gives: the planner takes its row estimate.
CREATE OR REPLACE FUNCTION fx_daily_as_of(as_of timestamptz)
RETURNS TABLE (currency text, day date, rate_date date, units_per_eur numeric)
LANGUAGE plpgsql STABLE ROWS 50000 AS $$
BEGIN
    RETURN QUERY SELECT * FROM fx_rates_in_force(as_of);
END $$;

-- The roll-up re-folds the money of the months whose days the new rates change (the range fx_daily_refresh
-- recomputes; this trigger fires after it, by name).
CREATE OR REPLACE FUNCTION pledge_totals_reconvert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m record;
BEGIN
    FOR m IN SELECT n.currency, date_trunc('month', min(n.rate_date))::date AS lo,
                    (date_trunc('month', fx_rate_in_force_until(max(n.rate_date))) + interval '1 month - 1 day')::date AS hi
             FROM new_rates n GROUP BY n.currency LOOP
        DELETE FROM pledge_totals t WHERE t.kind = 'money' AND t.currency = m.currency AND t.month BETWEEN m.lo AND m.hi;
        PERFORM pledge_totals_collect(1, 'b.kind = ''money'' AND b.currency = $2 AND b.announced_on BETWEEN $3 AND $4',
                                      NULL, m.currency, m.lo, m.hi);
    END LOOP;
    PERFORM pledge_totals_apply();
    RETURN NULL;
END $$;

-- 2. The unit value in force for each system: its newest valuation (by recorded_at, then id) recorded by as_of.
CREATE FUNCTION system_values_as_of(as_of timestamptz)
RETURNS TABLE (system_id text, unit_value_eur numeric, basis text, recorded_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT ON (sv.system_id) sv.system_id, sv.unit_value_eur, sv.basis, sv.recorded_at
    FROM system_valuations sv
    WHERE sv.recorded_at <= as_of
    ORDER BY sv.system_id, sv.recorded_at DESC, sv.id DESC
$$;

-- 3. The arithmetic. Money in EUR: an EUR amount as it is, another currency divided by its rate (units per EUR);
-- NULL without a rate (never 0). Reported running totals are converted by it too.
CREATE FUNCTION eur_value(currency text, amount numeric, units_per_eur numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN currency = 'EUR' THEN amount ELSE amount / units_per_eur END
$$;

-- What a pledge is worth, from the rate of its date (rate_day, rate: NULL when none) and the unit value in force
-- (unit_value): the rate shown with it (an EUR amount: its own date and 1), its EUR value, the amount left
-- unconverted (money without a rate, in its own currency) and the in-kind value of equipment (the value the source
-- states, else quantity x unit value; NULL for money). 0006's roll-up basis also took a stated value of a money
-- pledge as in-kind, where the reports did not; nothing writes one, and the roll-up's money rows are cleared of any
-- below.
CREATE FUNCTION pledge_value(kind text, currency text, amount numeric, announced_on date, stated_value_eur numeric,
                             quantity bigint, rate_day date, rate numeric, unit_value numeric)
RETURNS TABLE (rate_date date, units_per_eur numeric, unit_value_eur numeric, eur numeric, unconverted numeric, in_kind numeric)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN currency = 'EUR' THEN announced_on ELSE rate_day END,
           CASE WHEN currency = 'EUR' THEN 1 ELSE rate END,
           unit_value,
           eur_value(currency, amount, rate),
           CASE WHEN kind = 'money' AND eur_value(currency, amount, rate) IS NULL THEN amount END,
           CASE WHEN kind = 'equipment' THEN coalesce(stated_value_eur, quantity * unit_value) END
$$;

-- 4. The pledges as they stood at as_of: the newest version of each recorded by then. Versions are recorded in order,
-- so a pledge whose current version was recorded by as_of stood so then; only the pledges changed since are looked
-- up in pledge_versions (instead of sorting every version).
CREATE FUNCTION pledges_as_of(as_of timestamptz) RETURNS SETOF pledge_current LANGUAGE sql STABLE AS $$
    SELECT * FROM pledge_current WHERE recorded_at <= as_of
    UNION ALL
    (SELECT DISTINCT ON (pv.pledge_id) pv.*
     FROM pledge_versions pv JOIN pledge_current pc ON pc.pledge_id = pv.pledge_id AND pc.recorded_at > as_of
     WHERE pv.recorded_at <= as_of
     ORDER BY pv.pledge_id, pv.version DESC)
$$;

-- 5. Valued pledges: each pledge with the rate it is converted with (an EUR amount: its own date and 1), the unit
-- value in force, its EUR value, the amount left unconverted (money without a rate) and its in-kind value. The view
-- is the current ledger (the daily-rate and newest-valuation projections); the function the ledger as of a time.
CREATE VIEW valued_pledges AS
SELECT p.*, x.*
FROM pledge_current p
LEFT JOIN fx_daily r ON r.currency = p.currency AND r.day = p.announced_on
LEFT JOIN system_values_as_of('infinity') v ON v.system_id = p.system_id
CROSS JOIN LATERAL pledge_value(p.kind, p.currency, p.amount, p.announced_on, p.stated_value_eur, p.quantity,
                                r.rate_date, r.units_per_eur, v.unit_value_eur) x;

CREATE FUNCTION valued_pledges_as_of(as_of timestamptz) RETURNS SETOF valued_pledges LANGUAGE sql STABLE AS $$
    SELECT p.*, x.*
    FROM pledges_as_of(as_of) p
    LEFT JOIN fx_daily_as_of(as_of) r ON r.currency = p.currency AND r.day = p.announced_on
    LEFT JOIN system_values_as_of(as_of) v ON v.system_id = p.system_id
    CROSS JOIN LATERAL pledge_value(p.kind, p.currency, p.amount, p.announced_on, p.stated_value_eur, p.quantity,
                                    r.rate_date, r.units_per_eur, v.unit_value_eur) x
$$;

-- The same for a few pledges (one, or a page of a listing): each pledge's rate looked up by fx_rate_on instead of
-- spreading every rate recorded by then.
CREATE FUNCTION valued_pledges_as_of_each(as_of timestamptz) RETURNS SETOF valued_pledges LANGUAGE sql STABLE AS $$
    SELECT p.*, x.*
    FROM pledges_as_of(as_of) p
    LEFT JOIN LATERAL fx_rate_on(p.currency, p.announced_on, as_of) r ON true
    LEFT JOIN system_values_as_of(as_of) v ON v.system_id = p.system_id
    CROSS JOIN LATERAL pledge_value(p.kind, p.currency, p.amount, p.announced_on, p.stated_value_eur, p.quantity,
                                    r.rate_date, r.units_per_eur, v.unit_value_eur) x
$$;

-- 6. The roll-up's basis reads the valued pledges (same columns, same rules).
CREATE OR REPLACE VIEW pledge_totals_basis AS
SELECT p.pledge_id, p.donor_code, p.recipient_code, p.status, p.kind, p.period,
       coalesce(p.currency, '') AS currency,
       p.announced_on,
       coalesce(date_trunc('month', p.announced_on)::date, 'infinity'::date) AS month,
       p.eur, p.unconverted, p.quantity, p.in_kind
FROM valued_pledges p
WHERE NOT p.retracted AND NOT p.needs_review;

UPDATE pledge_totals SET in_kind = 0 WHERE kind = 'money' AND in_kind <> 0;
