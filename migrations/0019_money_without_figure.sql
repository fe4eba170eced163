-- Issue 9: money committed without a figure ("financial support for long-range drone procurement", "0.25 percent of
-- its GDP", "hundreds of millions of Czech crowns"). A money pledge may now have no amount, the way an equipment
-- pledge may have no quantity; its currency is kept when the source names one and may be NULL only when the amount
-- is. Everything else stays: an amount, when present, is positive (or a flagged adjustment) and has a currency, and
-- money names no system, item or quantity.
ALTER TABLE pledge_versions DROP CONSTRAINT money_or_equipment;
ALTER TABLE pledge_versions ADD CONSTRAINT money_or_equipment CHECK (
    (kind = 'money' AND (amount IS NULL OR currency IS NOT NULL) AND system_id IS NULL AND quantity IS NULL AND item IS NULL)
    OR (kind = 'equipment' AND amount IS NULL AND currency IS NULL
        AND (system_id IS NOT NULL OR category IS NOT NULL OR item IS NOT NULL)));

-- Valuation (0014) needs nothing new: eur_value of a NULL amount is NULL (an EUR one as well), so pledge_value gives
-- such a pledge no EUR value and no unconverted amount (NULL, never 0 and never an error), and the sums skip it.
-- What the totals must not do is lose it: the roll-up's `unquantified` column, which counted equipment pledges
-- without a quantity, now counts the pledges of its row without a figure, whatever the kind (money rows: money
-- without an amount). The kind is part of the roll-up's key, so the two never mix. The basis view gets the flag as a
-- last column (CREATE OR REPLACE VIEW may only add columns at the end).
CREATE OR REPLACE VIEW pledge_totals_basis AS
SELECT p.pledge_id, p.donor_code, p.recipient_code, p.status, p.kind, p.period,
       coalesce(p.currency, '') AS currency,
       p.announced_on,
       coalesce(date_trunc('month', p.announced_on)::date, 'infinity'::date) AS month,
       p.eur, p.unconverted, p.quantity, p.in_kind,
       CASE WHEN p.kind = 'money' THEN p.amount IS NULL ELSE p.quantity IS NULL END AS no_figure
FROM valued_pledges p
WHERE NOT p.retracted AND NOT p.needs_review;

CREATE OR REPLACE FUNCTION pledge_totals_collect(sign integer, cond text, ids bigint[] DEFAULT NULL, cur text DEFAULT NULL,
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
               %1$s * count(*) FILTER (WHERE b.no_figure), %1$s * coalesce(sum(b.in_kind), 0)
        FROM pledge_totals_basis b
        WHERE %2$s
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        $q$, sign, cond) USING ids, cur, lo, hi;
END $$;

CREATE OR REPLACE VIEW pledge_totals_expected AS
SELECT b.donor_code, b.recipient_code, b.status, b.kind, b.period, b.currency, b.month,
       count(*)::integer AS pledges, coalesce(sum(b.eur), 0) AS eur, coalesce(sum(b.unconverted), 0) AS unconverted,
       count(b.unconverted)::integer AS unconverted_pledges, coalesce(sum(b.quantity), 0) AS items,
       count(*) FILTER (WHERE b.no_figure)::integer AS unquantified,
       coalesce(sum(b.in_kind), 0) AS in_kind
FROM pledge_totals_basis b
GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- The rate shown with a pledge: none for money without a figure (0014 gave an EUR pledge its own date and 1 whatever
-- its amount; with no amount there is nothing converted). Same signature, so the views keep calling it.
CREATE OR REPLACE FUNCTION pledge_value(kind text, currency text, amount numeric, announced_on date, stated_value_eur numeric,
                                        quantity bigint, rate_day date, rate numeric, unit_value numeric)
RETURNS TABLE (rate_date date, units_per_eur numeric, unit_value_eur numeric, eur numeric, unconverted numeric, in_kind numeric)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN kind = 'money' AND amount IS NULL THEN NULL WHEN currency = 'EUR' THEN announced_on ELSE rate_day END,
           CASE WHEN kind = 'money' AND amount IS NULL THEN NULL WHEN currency = 'EUR' THEN 1 ELSE rate END,
           unit_value,
           eur_value(currency, amount, rate),
           CASE WHEN kind = 'money' AND eur_value(currency, amount, rate) IS NULL THEN amount END,
           CASE WHEN kind = 'equipment' THEN coalesce(stated_value_eur, quantity * unit_value) END
$$;
