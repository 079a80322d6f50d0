CREATE TABLE "maturity_pillar_sum" (
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"pillar" text NOT NULL,
	"level_sum" integer NOT NULL,
	"criteria" integer NOT NULL,
	CONSTRAINT "maturity_pillar_sum_measurement_id_pillar_pk" PRIMARY KEY("measurement_id","pillar")
);
--> statement-breakpoint
CREATE TABLE "person_staff_delta" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "person_staff_delta_organisation_id_day_pk" PRIMARY KEY("organisation_id","day")
);
--> statement-breakpoint
ALTER TABLE "maturity_pillar_sum" ADD CONSTRAINT "maturity_pillar_sum_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_pillar_sum" ADD CONSTRAINT "maturity_pillar_sum_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_staff_delta" ADD CONSTRAINT "person_staff_delta_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_measurement_approved_idx" ON "maturity_measurement" USING btree ("framework_id","year","organisation_id","approved_at") WHERE "maturity_measurement"."status" = 'approved';--> statement-breakpoint
-- Summaries for the cross-organisation maturity view (issue 20), kept by statement-level triggers in
-- the writer's transaction: per measurement and pillar the sum and number of agreed levels, and per
-- organisation the number of persons by tenure. Rows that fall to zero go away; a delete only
-- subtracts (a measurement's cascade may already have removed its sums).
CREATE FUNCTION maturity_pillar_sum_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO maturity_pillar_sum (organisation_id, measurement_id, pillar, level_sum, criteria)
      SELECT n.organisation_id, n.measurement_id, c.pillar, sum(n.agreed_level), count(*)
        FROM new_rows n JOIN maturity_criterion c ON c.id = n.criterion_id
       GROUP BY 1, 2, 3 ORDER BY 2, 3
    ON CONFLICT (measurement_id, pillar) DO UPDATE
      SET level_sum = maturity_pillar_sum.level_sum + excluded.level_sum, criteria = maturity_pillar_sum.criteria + excluded.criteria;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE maturity_pillar_sum p SET level_sum = p.level_sum - d.s, criteria = p.criteria - d.k
      FROM (SELECT o.measurement_id, c.pillar, sum(o.agreed_level) AS s, count(*) AS k
              FROM old_rows o JOIN maturity_criterion c ON c.id = o.criterion_id GROUP BY 1, 2) d
     WHERE p.measurement_id = d.measurement_id AND p.pillar = d.pillar;
    DELETE FROM maturity_pillar_sum p WHERE p.criteria <= 0 AND p.measurement_id IN (SELECT measurement_id FROM old_rows);
  ELSE
    INSERT INTO maturity_pillar_sum (organisation_id, measurement_id, pillar, level_sum, criteria)
      SELECT d.organisation_id, d.measurement_id, d.pillar, sum(d.s), sum(d.k)
        FROM (SELECT n.organisation_id, n.measurement_id, c.pillar, n.agreed_level AS s, 1 AS k
                FROM new_rows n JOIN maturity_criterion c ON c.id = n.criterion_id
              UNION ALL
              SELECT o.organisation_id, o.measurement_id, c.pillar, -o.agreed_level, -1
                FROM old_rows o JOIN maturity_criterion c ON c.id = o.criterion_id) d
       GROUP BY 1, 2, 3 HAVING sum(d.s) <> 0 OR sum(d.k) <> 0 ORDER BY 2, 3
    ON CONFLICT (measurement_id, pillar) DO UPDATE
      SET level_sum = maturity_pillar_sum.level_sum + excluded.level_sum, criteria = maturity_pillar_sum.criteria + excluded.criteria;
    DELETE FROM maturity_pillar_sum p WHERE p.criteria <= 0 AND p.measurement_id IN (SELECT measurement_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER maturity_agreement_sum_ins AFTER INSERT ON maturity_agreement REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maturity_pillar_sum_apply();
--> statement-breakpoint
CREATE TRIGGER maturity_agreement_sum_upd AFTER UPDATE ON maturity_agreement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maturity_pillar_sum_apply();
--> statement-breakpoint
CREATE TRIGGER maturity_agreement_sum_del AFTER DELETE ON maturity_agreement REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maturity_pillar_sum_apply();
--> statement-breakpoint
CREATE FUNCTION person_staff_delta_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO person_staff_delta (organisation_id, day, delta)
      SELECT e.organisation_id, e.day, sum(e.delta)
        FROM new_rows p CROSS JOIN LATERAL (VALUES (p.organisation_id, p.start_date, 1), (p.organisation_id, p.end_date + 1, -1)) e(organisation_id, day, delta)
       WHERE e.day IS NOT NULL AND (p.end_date IS NULL OR p.end_date >= p.start_date)
       GROUP BY 1, 2 HAVING sum(e.delta) <> 0 ORDER BY 1, 2
    ON CONFLICT (organisation_id, day) DO UPDATE SET delta = person_staff_delta.delta + excluded.delta;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO person_staff_delta (organisation_id, day, delta)
      SELECT e.organisation_id, e.day, sum(e.delta)
        FROM old_rows p CROSS JOIN LATERAL (VALUES (p.organisation_id, p.start_date, -1), (p.organisation_id, p.end_date + 1, 1)) e(organisation_id, day, delta)
       WHERE e.day IS NOT NULL AND (p.end_date IS NULL OR p.end_date >= p.start_date)
       GROUP BY 1, 2 HAVING sum(e.delta) <> 0 ORDER BY 1, 2
    ON CONFLICT (organisation_id, day) DO UPDATE SET delta = person_staff_delta.delta + excluded.delta;
    DELETE FROM person_staff_delta d WHERE d.delta = 0 AND d.organisation_id IN (SELECT organisation_id FROM old_rows);
  ELSE
    INSERT INTO person_staff_delta (organisation_id, day, delta)
      SELECT e.organisation_id, e.day, sum(e.delta)
        FROM (SELECT p.organisation_id, p.start_date, p.end_date, 1 AS sign FROM new_rows p
              UNION ALL
              SELECT p.organisation_id, p.start_date, p.end_date, -1 FROM old_rows p) p
             CROSS JOIN LATERAL (VALUES (p.organisation_id, p.start_date, p.sign), (p.organisation_id, p.end_date + 1, -p.sign)) e(organisation_id, day, delta)
       WHERE e.day IS NOT NULL AND (p.end_date IS NULL OR p.end_date >= p.start_date)
       GROUP BY 1, 2 HAVING sum(e.delta) <> 0 ORDER BY 1, 2
    ON CONFLICT (organisation_id, day) DO UPDATE SET delta = person_staff_delta.delta + excluded.delta;
    DELETE FROM person_staff_delta d WHERE d.delta = 0
       AND d.organisation_id IN (SELECT organisation_id FROM old_rows UNION SELECT organisation_id FROM new_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_staff_delta_ins AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_staff_delta_apply();
--> statement-breakpoint
CREATE TRIGGER person_staff_delta_upd AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_staff_delta_apply();
--> statement-breakpoint
CREATE TRIGGER person_staff_delta_del AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_staff_delta_apply();
--> statement-breakpoint
-- Backfill (in system scope, as the tables below are organisation-scoped). The staff changes up to
-- today are folded into one row per organisation on its latest such day; later days stay apart.
SELECT set_config('kompas.scope', 'system', true);
--> statement-breakpoint
INSERT INTO maturity_pillar_sum (organisation_id, measurement_id, pillar, level_sum, criteria)
  SELECT a.organisation_id, a.measurement_id, c.pillar, sum(a.agreed_level), count(*)
    FROM maturity_agreement a JOIN maturity_criterion c ON c.id = a.criterion_id GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO person_staff_delta (organisation_id, day, delta)
  SELECT organisation_id, folded, sum(delta)
    FROM (SELECT organisation_id, delta,
                 CASE WHEN day <= current_date THEN max(day) FILTER (WHERE day <= current_date) OVER (PARTITION BY organisation_id) ELSE day END AS folded
            FROM (SELECT e.organisation_id, e.day, sum(e.delta) AS delta
                    FROM person p CROSS JOIN LATERAL (VALUES (p.organisation_id, p.start_date, 1), (p.organisation_id, p.end_date + 1, -1)) e(organisation_id, day, delta)
                   WHERE e.day IS NOT NULL AND (p.end_date IS NULL OR p.end_date >= p.start_date)
                   GROUP BY 1, 2) d) f
   GROUP BY 1, 2 HAVING sum(delta) <> 0;
--> statement-breakpoint
ALTER TABLE maturity_pillar_sum ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_pillar_sum FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_pillar_sum_tenant ON maturity_pillar_sum USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE person_staff_delta ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE person_staff_delta FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_staff_delta_tenant ON person_staff_delta USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
