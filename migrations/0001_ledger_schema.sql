-- PledgeLedger schema. Forward only: a landed migration is never edited; changes come as new numbered files.
-- The ledger is append-only: pledges change by new versions, documents/evidence/rates are never rewritten.

CREATE TABLE donors (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9-]{1,15}$'),
    alpha3      text UNIQUE CHECK (alpha3 ~ '^[A-Z]{3}$'),
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    kind        text NOT NULL CHECK (kind IN ('state', 'organisation', 'coalition')),
    aliases     text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE equipment_categories (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$')
);

CREATE TABLE equipment_systems (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name        text NOT NULL UNIQUE,
    category    text NOT NULL REFERENCES equipment_categories (code),
    aliases     text[] NOT NULL DEFAULT '{}'
);

-- Estimated unit values of equipment systems, with their basis; the newest row per system is in force.
CREATE TABLE system_valuations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id       text NOT NULL REFERENCES equipment_systems (id),
    unit_value_eur  numeric NOT NULL CHECK (unit_value_eur > 0 AND unit_value_eur < 1e15),
    basis           text NOT NULL CHECK (length(basis) BETWEEN 1 AND 1000),
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX system_valuations_system ON system_valuations (system_id, recorded_at DESC, id DESC);

CREATE TABLE documents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_hash    text NOT NULL UNIQUE CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    source          text NOT NULL,
    origin          text,
    title           text,
    published_on    date,
    format          text NOT NULL CHECK (format IN ('text', 'html', 'pdf', 'rss', 'atom', 'csv', 'manual')),
    body            text NOT NULL,
    ingested_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- A pledge's identity. Its content lives in pledge_versions.
CREATE TABLE pledges (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE pledge_versions (
    pledge_id       bigint NOT NULL REFERENCES pledges (id),
    version         integer NOT NULL CHECK (version >= 1),
    donor_code      text NOT NULL REFERENCES donors (code),
    recipient_code  text NOT NULL DEFAULT 'UA' REFERENCES donors (code),
    aid_type        text NOT NULL DEFAULT 'unknown' CHECK (aid_type IN ('unknown', 'military', 'financial', 'humanitarian')),
    kind            text NOT NULL CHECK (kind IN ('money', 'equipment')),
    amount          numeric CHECK (amount > 0 AND amount < 1e18),
    currency        text CHECK (currency ~ '^[A-Z]{3}$'),
    qualifier       text NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact', 'at_least', 'up_to', 'about')),
    system_id       text REFERENCES equipment_systems (id),
    category        text REFERENCES equipment_categories (code),
    quantity        bigint CHECK (quantity > 0),
    stated_value_eur numeric CHECK (stated_value_eur > 0),
    period          text NOT NULL DEFAULT 'once' CHECK (period IN ('once', 'annual', 'multi_year')),
    years           integer CHECK (years BETWEEN 1 AND 100),
    status          text NOT NULL DEFAULT 'pledged' CHECK (status IN ('proposed', 'pledged', 'allocated', 'delivered')),
    announced_on    date CHECK (announced_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
    note            text,
    source          text,
    confidence      numeric(3, 2) NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
    needs_review    boolean NOT NULL DEFAULT false,
    review_reason   text,
    retracted       boolean NOT NULL DEFAULT false,
    reason          text,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (pledge_id, version),
    CONSTRAINT money_or_equipment CHECK (
        (kind = 'money' AND amount IS NOT NULL AND currency IS NOT NULL AND system_id IS NULL AND quantity IS NULL)
        OR (kind = 'equipment' AND amount IS NULL AND currency IS NULL AND (system_id IS NOT NULL OR category IS NOT NULL))),
    CONSTRAINT years_only_for_multi_year CHECK (years IS NULL OR period = 'multi_year')
);
CREATE INDEX pledge_versions_recorded ON pledge_versions (recorded_at);

-- The newest version of each pledge: a projection kept by trigger so current totals need no DISTINCT ON.
-- Reports "as of" a past time read pledge_versions instead.
CREATE TABLE pledge_current (LIKE pledge_versions INCLUDING DEFAULTS);
ALTER TABLE pledge_current ADD PRIMARY KEY (pledge_id);
CREATE INDEX pledge_current_donor ON pledge_current (donor_code);
CREATE INDEX pledge_current_date ON pledge_current (announced_on);
CREATE INDEX pledge_current_system ON pledge_current (system_id) WHERE system_id IS NOT NULL;
CREATE INDEX pledge_current_review ON pledge_current (pledge_id) WHERE needs_review AND NOT retracted;

CREATE FUNCTION pledge_current_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
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
        recorded_at = EXCLUDED.recorded_at
    WHERE pledge_current.version < EXCLUDED.version;
    RETURN NULL;
END $$;
CREATE TRIGGER pledge_versions_current AFTER INSERT ON pledge_versions
    FOR EACH ROW EXECUTE FUNCTION pledge_current_refresh();

-- Where a pledge was said: a span of a document.
CREATE TABLE evidence (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pledge_id       bigint NOT NULL REFERENCES pledges (id),
    document_id     bigint NOT NULL REFERENCES documents (id),
    start_offset    integer NOT NULL CHECK (start_offset >= 0),
    end_offset      integer NOT NULL CHECK (end_offset >= start_offset),
    line            integer CHECK (line >= 1),
    sentence        text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (pledge_id, document_id, start_offset)
);
CREATE INDEX evidence_document ON evidence (document_id);

-- Reference rates: units of currency per EUR on a date (ECB convention).
CREATE TABLE fx_rates (
    rate_date       date NOT NULL,
    currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'EUR'),
    units_per_eur   numeric NOT NULL CHECK (units_per_eur > 0),
    source          text NOT NULL DEFAULT 'manual',
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (currency, rate_date)
);

-- Append-only: the ledger's history tables refuse UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'PledgeLedger tables are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER pledge_versions_append_only BEFORE UPDATE OR DELETE ON pledge_versions FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER pledge_versions_no_truncate BEFORE TRUNCATE ON pledge_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER pledges_append_only BEFORE UPDATE OR DELETE ON pledges FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER fx_rates_append_only BEFORE UPDATE OR DELETE ON fx_rates FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER system_valuations_append_only BEFORE UPDATE OR DELETE ON system_valuations FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
