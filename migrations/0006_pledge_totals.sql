-- pledge_totals: the counted current pledges rolled up per (donor, recipient, status, kind, period, currency, month),
-- so `pledge totals` (by donor or month, current state) sums a few thousand rows instead of converting a million.
--
-- Like pledge_current and fx_daily it is a projection kept by triggers, not part of the append-only record. Invariant:
-- pledge_totals = the roll-up of pledge_totals_basis (pledge_current x fx_daily x newest valuation) at all times.
--   * a new version subtracts the pledge's old contribution and adds the new one (statement trigger, set-based, so
--     binary COPY of many versions pays one roll-up per statement, not one per row);
--   * new rates re-fold the money rows of the months whose conversion they change (after fx_daily is refreshed);
--   * a new system valuation re-folds the equipment rows (in-kind value).
-- Retracted pledges and extractions waiting for review are never counted, so they are not in it. Equipment rows have
-- currency ''; undated pledges have month 'infinity' (key columns cannot be NULL).

CREATE TABLE pledge_totals (
    donor_code          text NOT NULL,
    recipient_code      text NOT NULL,
    status              text NOT NULL,
    kind                text NOT NULL,
    period              text NOT NULL,
    currency            text NOT NULL,
    month               date NOT NULL,
    pledges             integer NOT NULL,
    eur                 numeric NOT NULL,
    unconverted         numeric NOT NULL,
    unconverted_pledges integer NOT NULL,
    items               bigint NOT NULL,
    unquantified        integer NOT NULL,
    in_kind             numeric NOT NULL,
    PRIMARY KEY (donor_code, recipient_code, status, kind, period, currency, month)
);
-- As-of queries take the pledges unchanged since a time from pledge_current and look up only the others.
CREATE INDEX pledge_current_recorded ON pledge_current (recorded_at);

-- Finding "the same pledge" also narrows by date (within 14 days, or undated): with the date in the match index a
-- common pledge ("EUR 500 million") is looked up in its 29-day window, not among every pledge of that amount ever.
DROP INDEX pledge_current_match;
CREATE INDEX pledge_current_match ON pledge_current (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), announced_on);

-- Groups whose last pledge went away are deleted through this index.
CREATE INDEX pledge_totals_empty ON pledge_totals (donor_code) WHERE pledges = 0;

-- What each counted current pledge contributes (the same rules as the totals query on pledge_current).
CREATE VIEW pledge_totals_basis AS
SELECT p.pledge_id, p.donor_code, p.recipient_code, p.status, p.kind, p.period,
       coalesce(p.currency, '') AS currency,
       p.announced_on,
       coalesce(date_trunc('month', p.announced_on)::date, 'infinity'::date) AS month,
       CASE WHEN p.currency = 'EUR' THEN p.amount ELSE p.amount / r.units_per_eur END AS eur,
       CASE WHEN p.currency <> 'EUR' AND r.units_per_eur IS NULL THEN p.amount END AS unconverted,
       p.quantity,
       coalesce(p.stated_value_eur, p.quantity * v.unit_value_eur) AS in_kind
FROM pledge_current p
LEFT JOIN fx_daily r ON r.currency = p.currency AND r.day = p.announced_on
LEFT JOIN (
    SELECT DISTINCT ON (sv.system_id) sv.system_id, sv.unit_value_eur FROM system_valuations sv
    ORDER BY sv.system_id, sv.recorded_at DESC, sv.id DESC) v ON v.system_id = p.system_id
WHERE NOT p.retracted AND NOT p.needs_review;

-- Collects the contribution of the basis rows that match cond, times sign (1 or -1), into the session's delta table;
-- pledge_totals_apply then merges the delta. cond may use $1 (bigint[] of pledge ids), $2 (currency), $3 and $4
-- (dates). Dynamic SQL so each call is planned for its own arguments: one id goes through the primary key, a COPY
-- batch through a hash.
CREATE FUNCTION pledge_totals_collect(sign integer, cond text, ids bigint[] DEFAULT NULL, cur text DEFAULT NULL,
                                      lo date DEFAULT NULL, hi date DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.pledge_totals_delta') IS NULL THEN
        CREATE TEMP TABLE pledge_totals_delta (LIKE pledge_totals) ON COMMIT DELETE ROWS;
    END IF;
    EXECUTE format($q$
        INSERT INTO pledge_totals_delta (donor_code, recipient_code, status, kind, period, currency, month,
                                         pledges, eur, unconverted, unconverted_pledges, items, unquantified, in_kind)
        SELECT b.donor_code, b.recipient_code, b.status, b.kind, b.period, b.currency, b.month,
               %1$s * count(*), %1$s * coalesce(sum(b.eur), 0), %1$s * coalesce(sum(b.unconverted), 0),
               %1$s * count(b.unconverted), %1$s * coalesce(sum(b.quantity), 0),
               %1$s * count(*) FILTER (WHERE b.kind = 'equipment' AND b.quantity IS NULL), %1$s * coalesce(sum(b.in_kind), 0)
        FROM pledge_totals_basis b
        WHERE %2$s
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        $q$, sign, cond) USING ids, cur, lo, hi;
END $$;

-- Merges the collected delta into pledge_totals: only groups whose numbers changed are written (a new version
-- that changes nothing counted costs no write), in key order; groups left without pledges are deleted.
CREATE FUNCTION pledge_totals_apply() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.pledge_totals_delta') IS NULL THEN
        CREATE TEMP TABLE pledge_totals_delta (LIKE pledge_totals) ON COMMIT DELETE ROWS;
    END IF;
    INSERT INTO pledge_totals AS t (donor_code, recipient_code, status, kind, period, currency, month,
                                    pledges, eur, unconverted, unconverted_pledges, items, unquantified, in_kind)
    SELECT d.donor_code, d.recipient_code, d.status, d.kind, d.period, d.currency, d.month,
           sum(d.pledges), sum(d.eur), sum(d.unconverted), sum(d.unconverted_pledges), sum(d.items),
           sum(d.unquantified), sum(d.in_kind)
    FROM pledge_totals_delta d
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(d.pledges) <> 0 OR sum(d.eur) <> 0 OR sum(d.unconverted) <> 0 OR sum(d.unconverted_pledges) <> 0
        OR sum(d.items) <> 0 OR sum(d.unquantified) <> 0 OR sum(d.in_kind) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (donor_code, recipient_code, status, kind, period, currency, month) DO UPDATE SET
        pledges = t.pledges + EXCLUDED.pledges, eur = t.eur + EXCLUDED.eur,
        unconverted = t.unconverted + EXCLUDED.unconverted,
        unconverted_pledges = t.unconverted_pledges + EXCLUDED.unconverted_pledges,
        items = t.items + EXCLUDED.items, unquantified = t.unquantified + EXCLUDED.unquantified,
        in_kind = t.in_kind + EXCLUDED.in_kind;
    DELETE FROM pledge_totals_delta;
    DELETE FROM pledge_totals WHERE pledges = 0;
END $$;

-- pledge_current and pledge_totals, kept per statement: the newest version per pledge in the statement replaces
-- an older current one; its old contribution leaves the roll-up and its new one enters.
CREATE FUNCTION pledge_versions_project() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT pledge_id) INTO ids FROM new_versions;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM pledge_totals_collect(-1, 'b.pledge_id = ANY($1)', ids);
    -- Replace older current rows whole (no column list to keep in step when a migration adds a column), then
    -- insert the statement's newest versions where no newer one is current.
    DELETE FROM pledge_current c USING (SELECT pledge_id, max(version) AS version FROM new_versions GROUP BY pledge_id) n
    WHERE c.pledge_id = n.pledge_id AND c.version < n.version;
    INSERT INTO pledge_current
    SELECT DISTINCT ON (pledge_id) * FROM new_versions ORDER BY pledge_id, version DESC
    ON CONFLICT (pledge_id) DO NOTHING;
    PERFORM pledge_totals_collect(1, 'b.pledge_id = ANY($1)', ids);
    PERFORM pledge_totals_apply();
    RETURN NULL;
END $$;

DROP TRIGGER pledge_versions_current ON pledge_versions;
DROP FUNCTION IF EXISTS pledge_current_refresh();
CREATE TRIGGER pledge_versions_current AFTER INSERT ON pledge_versions
    REFERENCING NEW TABLE AS new_versions FOR EACH STATEMENT EXECUTE FUNCTION pledge_versions_project();

-- New rates re-fold the money rows of the months whose conversion they change. A trigger of its own beside 0003's
-- fx_rates_daily: triggers on one event fire in name order, so fx_daily is refreshed first; the affected range is
-- the one fx_daily_refresh recomputes (8 days either side of the new rates).
CREATE FUNCTION pledge_totals_reconvert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    aff record;
    first_month date;
    last_day date;
BEGIN
    FOR aff IN SELECT currency, min(rate_date) - 8 AS lo, max(rate_date) + 8 AS hi FROM new_rates GROUP BY currency LOOP
        first_month := date_trunc('month', aff.lo)::date;
        last_day := (date_trunc('month', aff.hi) + interval '1 month - 1 day')::date;
        DELETE FROM pledge_totals t
        WHERE t.kind = 'money' AND t.currency = aff.currency AND t.month BETWEEN first_month AND last_day;
        PERFORM pledge_totals_collect(1, 'b.kind = ''money'' AND b.currency = $2 AND b.announced_on BETWEEN $3 AND $4',
                                      NULL, aff.currency, first_month, last_day);
    END LOOP;
    PERFORM pledge_totals_apply();
    RETURN NULL;
END $$;
CREATE TRIGGER fx_rates_totals AFTER INSERT ON fx_rates
    REFERENCING NEW TABLE AS new_rates FOR EACH STATEMENT EXECUTE FUNCTION pledge_totals_reconvert();

-- A new unit value changes the estimated in-kind value of equipment: re-fold the equipment rows.
CREATE FUNCTION pledge_totals_revalue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pledge_totals WHERE kind = 'equipment';
    PERFORM pledge_totals_collect(1, 'b.kind = ''equipment''');
    PERFORM pledge_totals_apply();
    RETURN NULL;
END $$;
CREATE TRIGGER system_valuations_totals AFTER INSERT ON system_valuations
    FOR EACH STATEMENT EXECUTE FUNCTION pledge_totals_revalue();

-- What the three projections should hold, computed from the record: `pledge db check` compares, `--repair` refills.
CREATE VIEW pledge_current_expected AS
SELECT DISTINCT ON (pledge_id) * FROM pledge_versions ORDER BY pledge_id, version DESC;

-- The rate in force each day by the rates recorded by a time (fx_daily's rule, as of then): as-of totals and reports
-- hash-join it. PL/pgSQL so that the planner takes its row estimate instead of inlining generate_series (whose
-- estimate of 1,000 rows per rate turned the join into a sort of every pledge).
CREATE FUNCTION fx_daily_as_of(as_of timestamptz)
RETURNS TABLE (currency text, day date, rate_date date, units_per_eur numeric)
LANGUAGE plpgsql STABLE ROWS 50000 AS $$
BEGIN
    RETURN QUERY
    SELECT r.currency, g.day::date, r.rate_date, r.units_per_eur
    FROM (SELECT f.currency, f.rate_date, f.units_per_eur,
                 lead(f.rate_date) OVER (PARTITION BY f.currency ORDER BY f.rate_date) AS next_date
          FROM fx_rates f WHERE f.recorded_at <= as_of) r
    CROSS JOIN LATERAL generate_series(r.rate_date, least(coalesce(r.next_date - 1, r.rate_date + 7), r.rate_date + 7), interval '1 day') AS g(day);
END $$;

CREATE VIEW fx_daily_expected AS SELECT * FROM fx_daily_as_of('infinity');

CREATE VIEW pledge_totals_expected AS
SELECT b.donor_code, b.recipient_code, b.status, b.kind, b.period, b.currency, b.month,
       count(*)::integer AS pledges, coalesce(sum(b.eur), 0) AS eur, coalesce(sum(b.unconverted), 0) AS unconverted,
       count(b.unconverted)::integer AS unconverted_pledges, coalesce(sum(b.quantity), 0)::bigint AS items,
       count(*) FILTER (WHERE b.kind = 'equipment' AND b.quantity IS NULL)::integer AS unquantified,
       coalesce(sum(b.in_kind), 0) AS in_kind
FROM pledge_totals_basis b
GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Fill it for the pledges already present.
SELECT pledge_totals_collect(1, 'true');
SELECT pledge_totals_apply();
ANALYZE pledge_totals;
