-- Case- and accent-insensitive staff search ("Sénéchal" is found by "senechal").
-- unaccent is a trusted extension (PostgreSQL 13+), but a managed or embedded server may lack it:
-- then kompas_fold falls back to lower() plus a translate() of the Latin-1 accents.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS unaccent;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'unaccent not available: kompas_fold uses translate()';
END $$;
--> statement-breakpoint
DO $$
DECLARE s text;
BEGIN
  SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
  IF s IS NOT NULL THEN
    -- Schema-qualified dictionary so the function is safe to declare IMMUTABLE.
    EXECUTE format(
      'CREATE OR REPLACE FUNCTION kompas_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
      format('SELECT lower(%I.unaccent(%L::regdictionary, t))', s, s || '.unaccent'));
  ELSE
    CREATE OR REPLACE FUNCTION kompas_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
      'SELECT lower(translate(t, ''ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ'', ''AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy''))';
  END IF;
END $$;
--> statement-breakpoint
-- Sorting by name in SQL uses this index; personnel-number sort uses the unique constraint.
CREATE INDEX IF NOT EXISTS person_org_fold_name_idx ON person (organisation_id, kompas_fold(last_name), kompas_fold(first_name));
