/**
 * What a log line may say about an error: its kind and where it happened, never the values
 * involved. Messages are left out on purpose: drizzle's DrizzleQueryError puts the query's
 * parameters in its message ("params: Jan,Peeters,jan@…"), PostgreSQL puts input values in
 * messages ('invalid input syntax for type uuid: "…"') and in `detail` ("Key (email)=(…)
 * already exists"), `where` quotes PL/pgSQL context, and a JSON.parse message quotes the
 * input. The stack keeps its frames (code locations) without its first line, the message.
 */
export interface SafeError {
  type: string;
  /** A node or library code (ECONNRESET, FST_…) or the PostgreSQL SQLSTATE. */
  code?: string;
  /** PostgreSQL: names of objects, which are ours, never of values. */
  severity?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  routine?: string;
  stack?: string;
  /** The error this one wraps (drizzle wraps the driver's), described the same way. */
  cause?: SafeError;
}

const NAME_FIELDS = ['severity', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

export function safeError(err: unknown, depth = 0): SafeError {
  if (!err || typeof err !== 'object') return { type: typeof err };
  const e = err as Record<string, unknown>;
  const out: SafeError = { type: err instanceof Error ? err.constructor?.name || err.name : 'Object' };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = String(e.code);
  for (const f of NAME_FIELDS) if (typeof e[f] === 'string') out[f] = (e[f] as string).slice(0, 200);
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length) out.stack = frames.slice(0, 15).join('\n');
  }
  if (e.cause && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}
