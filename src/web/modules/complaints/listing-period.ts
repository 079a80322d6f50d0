const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The last full calendar quarter before `today`: the default period of the listing for the authorities. */
export function lastFullQuarter(today: Date): { from: string; to: string } {
  const q = Math.floor(today.getUTCMonth() / 3);
  // Month -3 of a year is October of the year before (Date.UTC rolls it over); day 0 is the last of the month before.
  return { from: iso(new Date(Date.UTC(today.getUTCFullYear(), 3 * (q - 1), 1))), to: iso(new Date(Date.UTC(today.getUTCFullYear(), 3 * q, 0))) };
}
