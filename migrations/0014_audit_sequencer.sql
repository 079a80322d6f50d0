-- Audit events are appended unchained and chained shortly after by a sequencer (decision 0003):
-- a writer no longer waits on its organisation's chain head, so one organisation's audited
-- requests proceed in parallel. Tamper evidence is unchanged for chained rows; the not-yet-chained
-- tail is reported and checked by the verifier.
ALTER TABLE audit_event ALTER COLUMN chain_seq DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
--> statement-breakpoint
DROP TRIGGER audit_event_chain ON audit_event;
--> statement-breakpoint
DROP FUNCTION audit_event_chain();
--> statement-breakpoint
DROP TRIGGER audit_event_no_update ON audit_event;
--> statement-breakpoint
-- The chain walk reads (chain_key, chain_seq, id); unchained rows stay out of it, so an append
-- touches this index only once, when the sequencer chains the row.
DROP INDEX audit_event_chain_idx;
--> statement-breakpoint
CREATE INDEX audit_event_chain_idx ON audit_event (chain_key, chain_seq, id) WHERE chain_seq IS NOT NULL;
--> statement-breakpoint
-- What the sequencer has still to chain, in its order.
CREATE INDEX audit_event_unchained_idx ON audit_event (chain_key, id) WHERE chain_seq IS NULL;
--> statement-breakpoint
-- An appended event is always unchained, whatever the writer sent: the chain columns are the
-- sequencer's alone. The chain key follows the organisation (the nil uuid for platform events).
CREATE OR REPLACE FUNCTION audit_event_append() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_key := coalesce(NEW.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid);
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append();
--> statement-breakpoint
-- The one permitted change: the sequencer (audit_chain_pending, running as the table's owner with
-- kompas.audit_sequencer on) fills the chain columns of an unchained row, once, and nothing else.
-- Any other UPDATE, and every DELETE, is refused.
CREATE OR REPLACE FUNCTION audit_event_chain_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
     AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
     AND (NEW.id, NEW.organisation_id, NEW.chain_key, NEW.occurred_at, NEW.actor_user_id, NEW.action,
          NEW.record_type, NEW.record_id, NEW.ip, NEW.details::text)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.organisation_id, OLD.chain_key, OLD.occurred_at, OLD.actor_user_id, OLD.action,
          OLD.record_type, OLD.record_id, OLD.ip, OLD.details::text)
     AND current_setting('kompas.audit_sequencer', true) = 'on'
     AND pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = format('%I.audit_event', TG_TABLE_SCHEMA)::regclass), 'MEMBER')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain_only();
--> statement-breakpoint
-- Row-level security: the sequencer works in system scope; without an UPDATE policy its update
-- would silently match no row for a non-superuser owner (the trigger above is the real gate).
CREATE POLICY audit_event_chain ON audit_event FOR UPDATE USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- The sequencer. Per chain (in chain-key order, so two sequencers never deadlock) it locks the
-- chain head — only sequencers take that lock, writers never do — and chains the committed,
-- unchained events by ascending id, at most p_max per chain and call: chain_seq = head + 1,
-- prev_hash = head hash, hash = sha256(prev_hash || audit_event_payload). Returns the number
-- chained. Events of transactions still open are invisible to it and are chained by a later call;
-- rolled-back events never appear. SECURITY DEFINER: the application role may call it (after
-- commit, from a job) but cannot write chain columns itself.
CREATE OR REPLACE FUNCTION audit_chain_pending(p_chain_key uuid DEFAULT NULL, p_max integer DEFAULT 10000) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
SET kompas.scope = 'system'
SET kompas.audit_sequencer = 'on'
AS $$
DECLARE
  k uuid;
  e audit_event;
  head_seq bigint;
  head_hash bytea;
  ids bigint[];
  seqs bigint[];
  prevs bytea[];
  hashes bytea[];
  n bigint := 0;
BEGIN
  FOR k IN SELECT DISTINCT u.chain_key FROM audit_event u
            WHERE u.chain_seq IS NULL AND (p_chain_key IS NULL OR u.chain_key = p_chain_key) ORDER BY 1 LOOP
    INSERT INTO audit_chain_head (chain_key, last_seq, last_hash)
      VALUES (k, 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
    SELECT h.last_seq, h.last_hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.chain_key = k FOR UPDATE;
    ids := '{}'; seqs := '{}'; prevs := '{}'; hashes := '{}';
    -- A fresh snapshot after the lock: rows another sequencer chained meanwhile are not seen as unchained.
    FOR e IN SELECT * FROM audit_event u WHERE u.chain_key = k AND u.chain_seq IS NULL ORDER BY u.id LIMIT p_max LOOP
      e.chain_seq := head_seq + 1;
      e.prev_hash := head_hash;
      e.hash := sha256(e.prev_hash || convert_to(audit_event_payload(e), 'UTF8'));
      ids := ids || e.id; seqs := seqs || e.chain_seq; prevs := prevs || e.prev_hash; hashes := hashes || e.hash;
      head_seq := e.chain_seq;
      head_hash := e.hash;
    END LOOP;
    IF cardinality(ids) > 0 THEN
      -- One set-wise update per chain: a row-by-row update of the partitioned table costs several times more.
      UPDATE audit_event u SET chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
        FROM unnest(ids, seqs, prevs, hashes) AS v(id, seq, prev, hash)
       WHERE u.chain_key = k AND u.chain_seq IS NULL AND u.id = v.id;
      UPDATE audit_chain_head h SET last_seq = head_seq, last_hash = head_hash WHERE h.chain_key = k;
      n := n + cardinality(ids);
    END IF;
  END LOOP;
  RETURN n;
END $$;
--> statement-breakpoint
-- The application role appends events and reads its organisation's; the chain columns and heads
-- are written by the sequencer (as owner) only.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kompas_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM kompas_app;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM kompas_app;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$;
