/** The baseline's tables (plain text and bytea, no RLS) and the case read as one statement. */

/** Made by run.ts as the database owner, written by the plain server as kompas_app. */
export const PLAIN_TABLES = `
  CREATE SEQUENCE bench_plain_reference;
  CREATE TABLE bench_plain_report (
    id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisation (id), reference text NOT NULL, identity_mode text NOT NULL,
    filed_via text NOT NULL, category text, status text NOT NULL, received_on date NOT NULL, receipt_hash text NOT NULL, content text NOT NULL);
  CREATE TABLE bench_plain_file (
    id uuid PRIMARY KEY, organisation_id uuid NOT NULL, report_id uuid NOT NULL REFERENCES bench_plain_report (id) ON DELETE CASCADE, seq int NOT NULL,
    added_by text NOT NULL, name text NOT NULL, media_type text NOT NULL, size int NOT NULL, sha256 text NOT NULL, content bytea NOT NULL, added_on date NOT NULL);
  CREATE INDEX ON bench_plain_file (organisation_id, report_id);
  CREATE TABLE bench_plain_event (
    id uuid PRIMARY KEY, organisation_id uuid NOT NULL, report_id uuid NOT NULL REFERENCES bench_plain_report (id) ON DELETE CASCADE, seq int NOT NULL,
    kind text NOT NULL, occurred_on date NOT NULL, details jsonb NOT NULL);
  GRANT SELECT, INSERT ON bench_plain_report, bench_plain_file, bench_plain_event TO kompas_app;
  GRANT USAGE ON SEQUENCE bench_plain_reference TO kompas_app;`;

/** The case as one statement: the report, its messages and its files' metadata (what the case view reads). */
export const CASE_SQL = `
  SELECT r.id, r.reference, r.identity_mode, r.filed_via, r.category, r.status, r.received_on, r.acknowledged_on, r.revision, r.content,
         (SELECT json_agg(json_build_object('id', m.id, 'seq', m.seq, 'author', m.author, 'author_user_id', m.author_user_id, 'purpose', m.purpose,
                  'body', m.body, 'sent_on', m.sent_on, 'read_by_reporter_on', m.read_by_reporter_on) ORDER BY m.seq)
            FROM report_message m WHERE m.organisation_id = r.organisation_id AND m.report_id = r.id) AS messages,
         (SELECT json_agg(json_build_object('id', f.id, 'message_id', f.message_id, 'seq', f.seq, 'added_by', f.added_by, 'name', f.name,
                  'media_type', f.media_type, 'size', f.size, 'added_on', f.added_on) ORDER BY f.seq)
            FROM report_file f WHERE f.organisation_id = r.organisation_id AND f.report_id = r.id) AS files
    FROM report r WHERE r.organisation_id = $1 AND r.id = $2`;

