import { describe, expect, it } from 'vitest';
import { activeNavItem } from './nav';

describe('the active navigation item', () => {
  const items = [{ id: 'home', to: '' }, { id: 'complaints', to: '/complaints' }, { id: 'stats', to: '/complaints/stats' }, { id: 'settings', to: '/complaints/settings' }];
  const base = '/o/org-1';
  it('is the item whose address is the page or the longest one above it', () => {
    expect(activeNavItem(items, base, '/o/org-1/complaints')).toBe('complaints');
    expect(activeNavItem(items, base, '/o/org-1/complaints/7c1e')).toBe('complaints');
    expect(activeNavItem(items, base, '/o/org-1/complaints/stats')).toBe('stats');
    expect(activeNavItem(items, base, '/o/org-1/complaints/statsx')).toBe('complaints');
  });
  it('is home only on the home page itself', () => {
    expect(activeNavItem(items, base, '/o/org-1')).toBe('home');
    expect(activeNavItem(items, base, '/o/org-1/plan')).toBeUndefined();
  });
});
