import { Link } from '@tanstack/react-router';
import s from './RecordTabs.module.css';

/** The look of the tabs, for a list of links that marks the current one itself. */
export const tabsClass = s.tabs;

/**
 * The tabs of one record's pages (a plan, a measurement, a risk analysis): links under `base`, the
 * one of the current page marked by the router (aria-current), the search left out of the match.
 */
export function RecordTabs({ label, base, tabs, printHide }: {
  label: string; base: string; tabs: readonly { id: string; to: string; label: string }[];
  /** Left out of a printed page. */
  printHide?: boolean;
}) {
  return (
    <nav aria-label={label} data-print={printHide ? 'hide' : undefined}>
      <ul className={s.tabs}>
        {tabs.map((x) => (
          <li key={x.id}>
            <Link to={`${base}${x.to}`} activeOptions={{ exact: true, includeSearch: false }}>{x.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
