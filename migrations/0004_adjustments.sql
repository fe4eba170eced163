-- 1. Adjustment rows: a source's own correction of an earlier amount (Kiel books some as negative rows, e.g. Czechia
-- and Sweden). Only an explicit adjustment may carry a negative amount; every other pledge stays amount > 0.
-- Imports write them (mapping option negative=allow); `pledge add` and `pledge amend` never do.
-- Totals sum adjustments with their sign.

ALTER TABLE pledge_versions ADD COLUMN adjustment boolean NOT NULL DEFAULT false;
ALTER TABLE pledge_current ADD COLUMN adjustment boolean NOT NULL DEFAULT false;

ALTER TABLE pledge_versions DROP CONSTRAINT pledge_versions_amount_check;
ALTER TABLE pledge_versions ADD CONSTRAINT pledge_versions_amount_check
    CHECK ((amount > 0 OR (adjustment AND amount < 0)) AND amount > -1e18 AND amount < 1e18);
ALTER TABLE pledge_versions ADD CONSTRAINT adjustment_only_money CHECK (NOT adjustment OR kind = 'money');

-- A source may state one value for several systems (Kiel's weapons table values a row, not each system in it). The
-- value sits on the row's first pledge; the others carry stated_value_eur = 0, "stated together with another pledge",
-- so the row counts once and no catalog estimate is added on top of the source's own figure.
ALTER TABLE pledge_versions DROP CONSTRAINT pledge_versions_stated_value_eur_check;
ALTER TABLE pledge_versions ADD CONSTRAINT pledge_versions_stated_value_eur_check CHECK (stated_value_eur >= 0);

-- The projection copies the new column too (the function lists its columns explicitly).
CREATE OR REPLACE FUNCTION pledge_current_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledge_current SELECT NEW.*
    ON CONFLICT (pledge_id) DO UPDATE SET
        version = EXCLUDED.version, donor_code = EXCLUDED.donor_code, recipient_code = EXCLUDED.recipient_code,
        aid_type = EXCLUDED.aid_type, kind = EXCLUDED.kind, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
        qualifier = EXCLUDED.qualifier, system_id = EXCLUDED.system_id, category = EXCLUDED.category,
        quantity = EXCLUDED.quantity, stated_value_eur = EXCLUDED.stated_value_eur, period = EXCLUDED.period,
        years = EXCLUDED.years, status = EXCLUDED.status, announced_on = EXCLUDED.announced_on, note = EXCLUDED.note,
        source = EXCLUDED.source, confidence = EXCLUDED.confidence, needs_review = EXCLUDED.needs_review,
        review_reason = EXCLUDED.review_reason, retracted = EXCLUDED.retracted, reason = EXCLUDED.reason,
        recorded_at = EXCLUDED.recorded_at, adjustment = EXCLUDED.adjustment
    WHERE pledge_current.version < EXCLUDED.version;
    RETURN NULL;
END $$;
