/**
 * One order with the moves this person may make, on the whole order and on each item. The buttons
 * come from the shared lifecycle table (`nextStatuses`, and `checkItemTransition` per item), so the
 * page never offers what the hub would refuse; cancel and void ask why.
 */
import { useState } from 'preact/hooks';
import { MANUAL_TARGETS, isFinal, nextStatuses, type ManualTarget } from '@onemoment/shared/restaurant/order-lifecycle';
import { chargedMinor } from '@onemoment/shared/restaurant/order-totals';
import { api, describeError } from '../api.ts';
import { age, clockTime, money } from '../format.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { Order, OrderStatus, StaffRole } from '../types.ts';
import { OrderItemRow } from './order-item-row.tsx';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'New',
  accepted: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready to serve',
  served: 'Served',
  cancelled: 'Cancelled',
  voided: 'Voided',
};

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
  const [guestMessage, setGuestMessage] = useState('');
  const actions = manualTargets(order.status, role);
  const final = isFinal(order.status);
  const charged = chargedMinor(order);

  const transition = async (to: ManualTarget, why?: string) => {
    setBusy(to);
    try {
      const message = guestMessage.trim();
      const body = { to, ...(why ? { reason: why } : {}), ...(why && message ? { guestMessage: message } : {}) };
      const updated = await api.post<Order>(`/api/orders/${encodeURIComponent(order.id)}/transition`, body);
      store.upsertOrder(updated);
      setAsking(null);
      setReason('');
      setGuestMessage('');
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
          <OrderItemRow
            key={item.id}
            order={order}
            item={item}
            role={role}
            store={store}
            busy={busy !== null}
            onBusy={(on) => setBusy(on ? `item:${item.id}` : null)}
          />
        ))}
      </ul>
      {order.statusReason && (order.status === 'cancelled' || order.status === 'voided') && (
        <p class="order-reason">
          {STATUS_LABELS[order.status]}: <span>{order.statusReason}</span>
        </p>
      )}
      {order.guestMessage && (
        <p class="order-guest-message" data-testid="order-guest-message">
          Told the guest: <span>{order.guestMessage}</span>
        </p>
      )}
      <footer class="order-foot">
        <strong class="order-total">
          {charged !== order.totalMinor && <s class="order-total-was">{money(order.totalMinor, order.currency)}</s>}
          {money(charged, order.currency)}
        </strong>
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
          <label>
            <span>
              Message for the guest <small class="muted">(optional, shown on their phone)</small>
            </span>
            <input
              type="text"
              name="guestMessage"
              maxLength={200}
              value={guestMessage}
              placeholder="e.g. Sorry, the kitchen is out of it"
              onInput={(event) => setGuestMessage(event.currentTarget.value)}
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
                setGuestMessage('');
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
