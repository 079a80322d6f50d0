-- The application role reaches audit events through the partitioned parent only, where row-level
-- security and the append-only guard apply. Partitions have no policy of their own, so it gets
-- no privilege on them (PostgreSQL checks the parent's privileges for queries through it).
CREATE OR REPLACE FUNCTION audit_ensure_partitions(from_month date, months int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE m date; name text;
BEGIN
  FOR i IN 0..months - 1 LOOP
    m := (date_trunc('month', from_month) + make_interval(months => i))::date;
    name := 'audit_event_' || to_char(m, 'YYYYMM');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
                     name, m, (m + interval '1 month')::date);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kompas_app') THEN
      EXECUTE format('REVOKE ALL ON %I FROM kompas_app', name);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
DO $$
DECLARE p regclass;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kompas_app') THEN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_event'::regclass LOOP
      EXECUTE format('REVOKE ALL ON %s FROM kompas_app', p);
    END LOOP;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$;
