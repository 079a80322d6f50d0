/** The year of the statistics and yearly report pages in their address (`?year=2025`); kept out of the lazy pages so the routes can check it. */
export const statsSearch = (q: Record<string, unknown>): { year?: number } => {
  const y = Number(q.year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? { year: y } : {};
};
