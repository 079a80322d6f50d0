/** The item whose address is the page's or the longest one above it; home only when exactly there. */
export function activeNavItem(items: readonly { id: string; to: string }[], base: string, path: string): string | undefined {
  let best: { id: string; to: string } | undefined;
  for (const n of items) {
    const at = base + n.to;
    const match = path === at || (n.to !== '' && path.startsWith(`${at}/`));
    if (match && (!best || n.to.length > best.to.length)) best = n;
  }
  return best?.id;
}
