-- Audit log: append-only, hash-chained per organisation, range-partitioned by month.
CREATE TABLE audit_event (
  id bigserial NOT NULL,
  organisation_id uuid,
  chain_key uuid NOT NULL,
  chain_seq bigint NOT NULL,
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  actor_user_id uuid,
  action text NOT NULL,
  record_type text,
  record_id text,
  ip inet,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (occurred_at, id)
) PARTITION BY RANGE (occurred_at);
--> statement-breakpoint
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;
--> statement-breakpoint
CREATE INDEX audit_event_chain_idx ON audit_event (chain_key, chain_seq);
--> statement-breakpoint
CREATE INDEX audit_event_org_time_idx ON audit_event (organisation_id, occurred_at DESC);
--> statement-breakpoint
CREATE INDEX audit_event_record_idx ON audit_event (record_type, record_id);
--> statement-breakpoint
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, occurred_at DESC);
--> statement-breakpoint
CREATE TABLE audit_chain_head (
  chain_key uuid PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash bytea NOT NULL
);
--> statement-breakpoint
-- Creates the monthly partitions from `from_month` for `months` months (idempotent).
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
  END LOOP;
END $$;
--> statement-breakpoint
SELECT audit_ensure_partitions((date_trunc('month', now()) - interval '1 month')::date, 14);
--> statement-breakpoint
-- The exact text that is hashed; scripts/audit-verify.ts rebuilds it independently in Node.
CREATE OR REPLACE FUNCTION audit_event_payload(e audit_event) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', e.chain_key::text, e.chain_seq::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.actor_user_id::text, ''), e.action, coalesce(e.record_type, ''), coalesce(e.record_id, ''),
    coalesce(host(e.ip), ''), e.details::text)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE head audit_chain_head%ROWTYPE;
BEGIN
  NEW.chain_key := coalesce(NEW.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid);
  INSERT INTO audit_chain_head (chain_key, last_seq, last_hash)
    VALUES (NEW.chain_key, 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM audit_chain_head WHERE chain_key = NEW.chain_key FOR UPDATE;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := sha256(NEW.prev_hash || convert_to(audit_event_payload(NEW), 'UTF8'));
  UPDATE audit_chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE chain_key = NEW.chain_key;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
--> statement-breakpoint
-- Restricted application role. Created when the migrating user may; the pool switches to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kompas_app') THEN
    CREATE ROLE kompas_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'cannot create role kompas_app; row-level security relies on the connecting role';
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kompas_app') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO kompas_app', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO kompas_app', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO kompas_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kompas_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO kompas_app', current_schema());
    EXECUTE 'GRANT USAGE ON SCHEMA drizzle TO kompas_app';
    EXECUTE 'GRANT SELECT ON drizzle.__drizzle_migrations TO kompas_app';
    EXECUTE 'GRANT kompas_app TO ' || quote_ident(current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
-- Row-level security: a transaction sees the rows of the organisation it declared with
-- set_config('kompas.org_id', …, true); platform work declares kompas.scope = 'system'.
CREATE OR REPLACE FUNCTION kompas_row_visible(org uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('kompas.scope', true) = 'system'
      OR (org IS NOT NULL AND org::text = current_setting('kompas.org_id', true))
$$;
--> statement-breakpoint
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE person FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_tenant ON person USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Anyone may append (an event of a sign-in has no organisation yet); reading is scoped.
CREATE POLICY audit_event_append ON audit_event FOR INSERT WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_event_read ON audit_event FOR SELECT USING (kompas_row_visible(organisation_id));
