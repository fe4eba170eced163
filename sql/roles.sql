-- Roles for a ledger on a shared PostgreSQL server (`pledge db roles` runs this file; so can psql).
--
--   pledge_reader  reads every table (listings, totals, reports, `pledge db url` for SQL); writes nothing.
--   pledge_writer  reads, and appends to the record: INSERT on the record tables, and no UPDATE, DELETE or
--                  TRUNCATE privilege on any table, so the ledger is append-only by privilege as well as by trigger.
--
-- Both are group roles (NOLOGIN): give them to people's login roles, e.g.
--   CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE pledge_writer;
--   CREATE ROLE bob   LOGIN PASSWORD '...' IN ROLE pledge_reader;
-- and have them set PLEDGE_DB="Host=...;Username=alice;Password=...;Database=...".
--
-- Run it as the role that owns the ledger's tables (the one that applied the migrations), which must be allowed to
-- create roles the first time. Safe to run again; `pledge db migrate` runs it again after new migrations when the
-- roles exist, so new tables and trigger functions are covered.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pledge_reader') THEN
        CREATE ROLE pledge_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pledge_writer') THEN
        CREATE ROLE pledge_writer NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO pledge_reader, pledge_writer', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO pledge_reader, pledge_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO pledge_reader, pledge_writer;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO pledge_reader, pledge_writer;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public FROM pledge_reader, pledge_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO pledge_reader, pledge_writer;

-- INSERT on every table but the derived ones (kept by triggers) and the migration journal.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND c.relname NOT IN ('pledge_current', 'fx_daily', 'pledge_totals', 'schemaversions')
    LOOP
        EXECUTE format('GRANT INSERT ON public.%I TO pledge_writer', t);
    END LOOP;
END
$$;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pledge_writer;
-- `amend`, `retract` and review decisions lock the pledge's row of pledge_current (SELECT ... FOR UPDATE) so two
-- corrections of one pledge take turns; such a lock needs UPDATE on a column. pledge_current is derived (refilled by
-- trigger, checked by `pledge db check`), not part of the record, and this is the only column-level grant.
GRANT UPDATE (pledge_id) ON pledge_current TO pledge_writer;

-- The derived tables (pledge_current, fx_daily, pledge_totals) are kept by triggers on the record tables. Their
-- functions run with the rights of their owner, so a writer's INSERT keeps them right without any privilege on
-- them; a fixed search_path keeps such functions from resolving names in a caller's schema.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.prorettype = 'trigger'::regtype
    LOOP
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = public, pg_temp', f);
    END LOOP;
END
$$;
