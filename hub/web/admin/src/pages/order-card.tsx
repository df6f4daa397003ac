/**
 * One order with the moves this person may make. The buttons come from the shared lifecycle table
 * (`nextStatuses`), so the page never offers what the hub would refuse; cancel and void ask why.
 */
import { useState } from 'preact/hooks';
import { MANUAL_TARGETS, isFinal, nextStatuses, type ManualTarget } from '@onemoment/shared/restaurant/order-lifecycle';
import { api, describeError } from '../api.ts';
import { age, clockTime, money } from '../format.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { ItemStatus, Order, OrderStatus, StaffRole } from '../types.ts';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'New',
  accepted: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready to serve',
  served: 'Served',
  cancelled: 'Cancelled',
  voided: 'Voided',
};

const ITEM_LABELS: Record<ItemStatus, string> = {
  pending: 'cooking',
  ready: 'ready',
  served: 'served',
  cancelled: 'cancelled',
  voided: 'voided',
};

/** A pending item is only "cooking" once the kitchen has started on the order. */
function itemLabel(item: ItemStatus, order: OrderStatus): string {
  if (item === 'pending' && order !== 'preparing') return '';
  return ITEM_LABELS[item];
}

const ACTION_LABELS: Record<ManualTarget, string> = {
  accepted: 'Accept',
  served: 'Mark served',
  cancelled: 'Cancel…',
  voided: 'Void…',
};

const NEEDS_REASON: readonly ManualTarget[] = ['cancelled', 'voided'];

function manualTargets(status: OrderStatus, role: StaffRole): ManualTarget[] {
  const allowed = nextStatuses(status, role);
  return MANUAL_TARGETS.filter((target) => allowed.includes(target));
}

export function OrderCard({ order, role, store, now }: { order: Order; role: StaffRole; store: LiveStore; now: number }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<ManualTarget | null>(null);
  const [reason, setReason] = useState('');
  const actions = manualTargets(order.status, role);
  const final = isFinal(order.status);

  const transition = async (to: ManualTarget, why?: string) => {
    setBusy(to);
    try {
      const updated = await api.post<Order>(`/api/orders/${encodeURIComponent(order.id)}/transition`, why ? { to, reason: why } : { to });
      store.upsertOrder(updated);
      setAsking(null);
      setReason('');
      notify(`Order #${order.number}: ${STATUS_LABELS[updated.status].toLowerCase()}`);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  const toggleRush = async () => {
    setBusy('rush');
    try {
      store.upsertOrder(await api.post<Order>(`/api/orders/${encodeURIComponent(order.id)}/rush`, { rush: !order.rush }));
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <article
      class={`order-card order-${order.status} ${order.rush ? 'order-rush' : ''}`}
      data-order-id={order.id}
      data-status={order.status}
      aria-label={`Order ${order.number}, ${order.tableName}`}
    >
      <header class="order-head">
        <span class="order-number">#{order.number}</span>
        <span class="order-table">{order.tableName}</span>
        <span class={`status status-${order.status}`} data-testid="order-status">
          {STATUS_LABELS[order.status]}
        </span>
        {order.rush && <span class="chip chip-rush">Rush</span>}
        <span class="order-meta">
          {order.placedBy === 'guest' ? 'Guest' : 'Staff'} · {clockTime(order.createdAt)} · {age(order.createdAt, now)}
        </span>
      </header>
      <ul class="order-items">
        {order.items.map((item) => (
          <li key={item.id} class={`order-item item-${item.status}`}>
            <span class="qty">{item.quantity}×</span>
            <span class="item-main">
              <span class="item-name">{item.name}</span>
              {item.modifiers.length > 0 && <span class="item-mods">{item.modifiers.map((modifier) => modifier.name).join(', ')}</span>}
              {item.note && (
                <span class="item-note" data-testid="item-note">
                  “{item.note}”
                </span>
              )}
            </span>
            <span class={`item-status item-status-${item.status}`}>{itemLabel(item.status, order.status)}</span>
          </li>
        ))}
      </ul>
      {order.statusReason && (order.status === 'cancelled' || order.status === 'voided') && (
        <p class="order-reason">
          {STATUS_LABELS[order.status]}: <span>{order.statusReason}</span>
        </p>
      )}
      <footer class="order-foot">
        <strong class="order-total">{money(order.totalMinor, order.currency)}</strong>
        <div class="order-actions">
          {!final && (
            <button
              type="button"
              class={`btn btn-small ${order.rush ? 'btn-rush-on' : ''}`}
              aria-pressed={order.rush}
              disabled={busy !== null}
              onClick={() => void toggleRush()}
            >
              {order.rush ? 'Rush ✓' : 'Rush'}
            </button>
          )}
          {actions.map((target) => (
            <button
              key={target}
              type="button"
              class={`btn btn-small ${NEEDS_REASON.includes(target) ? 'btn-danger-quiet' : 'btn-primary'}`}
              disabled={busy !== null}
              onClick={() => {
                if (NEEDS_REASON.includes(target)) setAsking(asking === target ? null : target);
                else void transition(target);
              }}
            >
              {busy === target ? 'Saving…' : ACTION_LABELS[target]}
            </button>
          ))}
        </div>
      </footer>
      {asking && (
        <form
          class="reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void transition(asking, reason.trim());
          }}
        >
          <label>
            {asking === 'voided' ? 'Why is this order voided?' : 'Why is this order cancelled?'}
            <input
              type="text"
              name="reason"
              maxLength={200}
              value={reason}
              placeholder={asking === 'voided' ? 'e.g. guest complaint, comped' : 'e.g. guest changed their mind'}
              onInput={(event) => setReason(event.currentTarget.value)}
              autoFocus
            />
          </label>
          <div class="panel-actions">
            <button type="submit" class="btn btn-danger btn-small" disabled={!reason.trim() || busy !== null}>
              {asking === 'voided' ? 'Void order' : 'Cancel order'}
            </button>
            <button
              type="button"
              class="btn btn-quiet btn-small"
              onClick={() => {
                setAsking(null);
                setReason('');
              }}
            >
              Back
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
