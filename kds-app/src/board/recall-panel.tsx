/**
 * The last 20 items bumped at this station, newest first, each with a Recall button: the cure for
 * a bump made by an elbow. Each shows its modifiers and note, so the cook recalls the right latte.
 */
import type { RecentItemsResponse } from '../types.ts';
import { hubNow } from './clock.ts';
import { formatElapsed } from './ticket-model.ts';
import { useRefreshing } from './use-refreshing.ts';

interface RecallPanelProps {
  station: string;
  changes: number;
  onRecall: (itemId: string) => Promise<void>;
  onClose: () => void;
}

export function RecallPanel({ station, changes, onRecall, onClose }: RecallPanelProps) {
  const { data, failed } = useRefreshing<RecentItemsResponse>(`/api/kds/recent?station=${encodeURIComponent(station)}`, changes);
  const items = data ? data.items.filter((item) => item.status === 'ready') : null;

  return (
    <aside class="side-panel recall" aria-label="Recently bumped" data-testid="recall-panel">
      <div class="side-head">
        <h2>Recall</h2>
        <button type="button" class="btn btn-small" onClick={onClose} aria-label="Close recall list">
          ✕
        </button>
      </div>
      {failed && <p class="side-note">The hub did not answer; the list may be out of date.</p>}
      {items === null ? (
        <p class="side-note">Loading…</p>
      ) : items.length === 0 ? (
        <p class="side-note">Nothing bumped yet.</p>
      ) : (
        <ul class="recall-list">
          {items.map((item) => (
            <li key={item.id} class="recall-row" data-testid="recall-row" data-item-id={item.id}>
              <span class="recall-what">
                <span class="recall-order">
                  #{item.orderNumber} {item.tableName}
                </span>
                <span class="recall-item">
                  {item.quantity}× {item.name}
                </span>
                {/* Two oat-milk and plain lattes must not read as two identical lines. */}
                {item.modifiers.length > 0 && (
                  <span class="recall-mods" data-testid="recall-mods">
                    {item.modifiers.map((modifier) => modifier.name).join(', ')}
                  </span>
                )}
                {item.note && (
                  <span class="recall-note" data-testid="recall-note">
                    {item.note}
                  </span>
                )}
                {item.readyAt && <span class="recall-age">bumped {formatElapsed(hubNow() - Date.parse(item.readyAt))} ago</span>}
              </span>
              <button type="button" class="btn btn-recall" onClick={() => void onRecall(item.id)}>
                Recall
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
