/**
 * All-day counts: how many of each dish are still to make at this station, so the cook can fire
 * six burgers at once. Refreshed whenever the board changes.
 */
import type { AllDayResponse } from '../types.ts';
import { useRefreshing } from './use-refreshing.ts';

export function AllDayPanel({ station, changes }: { station: string; changes: number }) {
  const { data, failed } = useRefreshing<AllDayResponse>(`/api/kds/all-day?station=${encodeURIComponent(station)}`, changes);
  const counts = data ? [...data.counts].sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name)) : null;

  return (
    <aside class="side-panel all-day" aria-label="All-day counts" data-testid="all-day">
      <h2>All day</h2>
      {failed && <p class="side-note">Counts not updated: the hub did not answer.</p>}
      {counts === null ? (
        <p class="side-note">Loading…</p>
      ) : counts.length === 0 ? (
        <p class="side-note">Nothing to make.</p>
      ) : (
        <ul class="all-day-list">
          {counts.map((count) => (
            <li key={count.menuItemId} data-testid="all-day-row" data-menu-item-id={count.menuItemId}>
              <span class="all-day-qty">{count.quantity}</span>
              <span class="all-day-name">{count.name}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
