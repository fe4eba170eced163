-- Every record table refuses UPDATE, DELETE and TRUNCATE (0001 refused TRUNCATE on pledge_versions only, so
-- documents, evidence, rates and valuations could be emptied with one statement and `db check --repair` would then
-- rebuild smaller totals from what was left). Written as a loop over the record tables so that one migration covers
-- them all; a table of the list that does not exist in this database is skipped, and the triggers are created only
-- where missing (0001's row triggers keep their names).
--
-- Record tables: the ledger's history, written only by INSERT. Derived tables (pledge_current, fx_daily,
-- pledge_totals) are rebuilt by triggers and by `db check --repair`, and reference data (donors, equipment) is
-- changed by migrations only, so neither is listed here.
DO $$
DECLARE
    t text;
BEGIN
    -- The listed tables, and any other table already guarded by refuse_rewrite() (a record table added by another
    -- migration gets its missing TRUNCATE guard too).
    FOR t IN
        SELECT x FROM unnest(ARRAY['pledges', 'pledge_versions', 'documents', 'evidence', 'fx_rates', 'system_valuations',
                                   'reported_totals', 'catalog_additions']) AS x
        UNION
        SELECT DISTINCT c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgfoid = 'refuse_rewrite()'::regprocedure AND NOT g.tgisinternal
    LOOP
        IF to_regclass(t) IS NULL THEN
            CONTINUE;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t::regclass AND tgname = t || '_append_only') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()',
                           t || '_append_only', t);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t::regclass AND tgname = t || '_no_truncate') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite()',
                           t || '_no_truncate', t);
        END IF;
    END LOOP;
END $$;
