/** Calendar arithmetic on ISO days ("2026-05-31"), as the deadlines are computed (no time of day, no time zone). */

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

const iso = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

export function addDays(day: string, n: number): string | null {
  const p = parts(day);
  if (!p) return null;
  return iso(new Date(Date.UTC(p[0], p[1] - 1, p[2] + n)));
}

/** Adds months, keeping the day of the month where it exists (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: string, n: number): string | null {
  const p = parts(day);
  if (!p) return null;
  const last = new Date(Date.UTC(p[0], p[1] - 1 + n + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(p[0], p[1] - 1 + n, Math.min(p[2], last))));
}
