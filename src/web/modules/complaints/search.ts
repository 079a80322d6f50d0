/** The filters of the complaints list as they stand in the address (anything else is dropped). */
const STATUS_VALUES = ['received', 'acknowledged', 'triaged', 'answered', 'closed', 'inadmissible', 'forwarded'];

export const listSearch = (q: Record<string, unknown>): { status?: string; theme?: string; late?: 'true' } => ({
  ...(typeof q.status === 'string' && STATUS_VALUES.includes(q.status) ? { status: q.status } : {}),
  ...(typeof q.theme === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(q.theme) ? { theme: q.theme } : {}),
  ...(q.late === 'true' || q.late === true ? { late: 'true' as const } : {}),
});

/** A status code as people copy it: groups of four when it is long. */
export function groupCode(code: string): string {
  const compact = code.replace(/\s/g, '');
  return compact.length > 8 ? compact.replace(/(.{4})(?=.)/g, '$1 ') : compact;
}

/** A typed code without the spaces, dashes and dots people put between the groups. */
export const compactCode = (typed: string) => typed.replace(/[\s.\-–]/g, '');
