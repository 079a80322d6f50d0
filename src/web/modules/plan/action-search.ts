import { ACTION_STATUSES, IMF_FUNCTIONS } from '../../../shared/plan';
import type { ActionFilters, ActionStatus, ImfFunction } from './api';

/**
 * The filters of the tree and the timeline live in the URL, so a filtered view can be bookmarked,
 * shared and linked from a mail (the monthly listing opens the plan on the head's unit), and the
 * back button undoes a filter. `action` opens that action's dialog on the tree.
 */
export interface ActionSearch extends ActionFilters {
  action?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : undefined);
const oneOf = <T extends string>(list: readonly T[], v: unknown) => (list as readonly unknown[]).includes(v) ? (v as T) : undefined;

/** Keeps what is valid and drops the rest, so a hand-edited or stale URL still opens the page. */
export function validateActionSearch(s: Record<string, unknown>): ActionSearch {
  const year = Number(s.year);
  const out: ActionSearch = {
    owner: uuid(s.owner),
    unit: uuid(s.unit),
    status: oneOf<ActionStatus>(ACTION_STATUSES, s.status),
    imfFunction: oneOf<ImfFunction>(IMF_FUNCTIONS, s.imfFunction),
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    action: uuid(s.action),
  };
  // Absent rather than undefined keys: the router then writes a clean URL.
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ActionSearch;
}

/** The filter part of the search, for the API. */
export function filtersOf(s: ActionSearch): ActionFilters {
  const { action: _action, ...filters } = s;
  return filters;
}
