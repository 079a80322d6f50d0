-- At most one plan in force per organisation for any year (ADR 0011). Plans of different lineages
-- whose periods do not overlap may both be in force; replacement rules are decided elsewhere.
-- btree_gist lets the exclusion constraint compare organisation_id (uuid) with =; it is a trusted
-- extension, so the owner of the database may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Repair what the race left behind: of overlapping plans in force, the one put in force last stays,
-- the others are marked superseded (they were replaced in fact). Runs before the constraint exists.
UPDATE plan p SET status = 'superseded', superseded_at = now(), updated_at = now(), revision = p.revision + 1
 WHERE p.status = 'in_force'
   AND EXISTS (
     SELECT 1 FROM plan q
      WHERE q.organisation_id = p.organisation_id AND q.id <> p.id AND q.status = 'in_force'
        AND int4range(q.period_from, q.period_to, '[]') && int4range(p.period_from, p.period_to, '[]')
        AND (coalesce(q.in_force_at, q.created_at), q.version, q.id) > (coalesce(p.in_force_at, p.created_at), p.version, p.id));
--> statement-breakpoint
ALTER TABLE plan ADD CONSTRAINT plan_one_in_force_ex
  EXCLUDE USING gist (organisation_id WITH =, int4range(period_from, period_to, '[]') WITH &&) WHERE (status = 'in_force');
