/** The year of the figures page in its address (`?year=2025`); kept out of the lazy page so the route can check it. */
export const figuresSearch = (q: Record<string, unknown>): { year?: number } => {
  const y = Number(q.year);
  return Number.isInteger(y) && y >= 2022 && y <= 2100 ? { year: y } : {};
};
