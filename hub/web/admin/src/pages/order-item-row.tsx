/**
 * One line of an order card: the item, its status, why staff cancelled or voided it (staff only; the
 * guest sees only the message staff chose for them), a "Comped" badge, and the actions the lifecycle
 * table allows this person on this item: serve the drinks while the food cooks, cancel one dish, void
 * one cold burger.
 */
import { useState } from 'preact/hooks';
import type { ItemTarget } from '@onemoment/shared/restaurant/order-lifecycle';
import { api, describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { ItemStatus, Order, OrderItem, OrderStatus, StaffRole } from '../types.ts';
import { asksWhy, canSend, compedByDefault, itemActions, itemTransitionBody, type ItemActionForm } from './item-actions.ts';

const ITEM_LABELS: Record<ItemStatus, string> = {
  pending: 'cooking',
  ready: 'ready',
  served: 'served',
  cancelled: 'cancelled',
  voided: 'voided',
};

/** A pending item is "cooking" only once the kitchen has started on the order; before that, "to cook". */
function statusLabel(item: OrderItem, order: OrderStatus): string {
  if (item.status === 'pending') return order === 'preparing' || order === 'ready' ? 'cooking' : 'to cook';
  if (item.status === 'voided' && item.comped) return 'comped';
  return ITEM_LABELS[item.status];
}

const ACTION_LABELS: Record<ItemTarget, string> = { served: 'Serve', cancelled: 'Cancel…', voided: 'Void…' };
const ACTION_VERBS: Record<ItemTarget, string> = { served: 'Serve', cancelled: 'Cancel', voided: 'Void' };
const DONE: Record<ItemTarget, string> = { served: 'served', cancelled: 'cancelled', voided: 'voided' };

interface OrderItemRowProps {
  order: Order;
  item: OrderItem;
  role: StaffRole;
  store: LiveStore;
  /** Another action on this card is on its way: buttons wait for it. */
  busy: boolean;
  onBusy: (busy: boolean) => void;
}

export function OrderItemRow({ order, item, role, store, busy, onBusy }: OrderItemRowProps) {
  const [asking, setAsking] = useState<ItemTarget | null>(null);
  const [form, setForm] = useState<ItemActionForm>({ reason: '', guestMessage: '', comped: false });
  const actions = itemActions(item, order.status, role);
  const what = `${item.quantity}× ${item.name}`;

  const open = (to: ItemTarget) => {
    if (asking === to) return setAsking(null);
    setForm({ reason: '', guestMessage: '', comped: compedByDefault(item) });
    setAsking(to);
  };

  const send = async (to: ItemTarget) => {
    if (!canSend(to, form)) return;
    onBusy(true);
    try {
      const path = `/api/orders/${encodeURIComponent(order.id)}/items/${encodeURIComponent(item.id)}/transition`;
      store.upsertOrder(await api.post<Order>(path, itemTransitionBody(to, form)));
      setAsking(null);
      notify(`Order #${order.number}: ${what} ${DONE[to]}`);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      onBusy(false);
    }
  };

  return (
    <li class={`order-item item-${item.status}`} data-item-id={item.id} data-item-status={item.status} data-comped={String(item.comped)}>
      <div class="order-item-main">
        <span class="qty">{item.quantity}×</span>
        <span class="item-main">
          <span class="item-name">{item.name}</span>
          {item.modifiers.length > 0 && <span class="item-mods">{item.modifiers.map((modifier) => modifier.name).join(', ')}</span>}
          {item.note && (
            <span class="item-note" data-testid="item-note">
              “{item.note}”
            </span>
          )}
          {item.statusReason && (
            <span class="item-reason" data-testid="item-reason">
              Why: {item.statusReason}
            </span>
          )}
          {item.guestMessage && (
            <span class="item-guest-message" data-testid="item-guest-message">
              Told the guest: {item.guestMessage}
            </span>
          )}
        </span>
        <span class="item-side">
          {item.comped ? (
            <span class="chip chip-comped" data-testid="comped">
              Comped
            </span>
          ) : (
            <span class={`item-status item-status-${item.status}`}>{statusLabel(item, order.status)}</span>
          )}
          {actions.length > 0 && (
            <span class="item-actions">
              {actions.map((to) => (
                <button
                  key={to}
                  type="button"
                  class={`btn btn-tiny ${asksWhy(to) ? 'btn-danger-quiet' : 'btn-primary'}`}
                  aria-label={`${ACTION_VERBS[to]} ${what}`}
                  aria-expanded={asksWhy(to) ? asking === to : undefined}
                  disabled={busy}
                  onClick={() => (asksWhy(to) ? open(to) : void send(to))}
                >
                  {ACTION_LABELS[to]}
                </button>
              ))}
            </span>
          )}
        </span>
      </div>
      {asking && (
        <ItemReasonForm
          to={asking}
          what={what}
          form={form}
          busy={busy}
          onChange={setForm}
          onSubmit={() => void send(asking)}
          onBack={() => setAsking(null)}
        />
      )}
    </li>
  );
}

interface ItemReasonFormProps {
  to: ItemTarget;
  what: string;
  form: ItemActionForm;
  busy: boolean;
  onChange: (form: ItemActionForm) => void;
  onSubmit: () => void;
  onBack: () => void;
}

function ItemReasonForm({ to, what, form, busy, onChange, onSubmit, onBack }: ItemReasonFormProps) {
  const verb = to === 'voided' ? 'voided' : 'cancelled';
  return (
    <form
      class="reason-form item-form"
      aria-label={`${ACTION_VERBS[to]} ${what}`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label>
        Why is {what} {verb}? <small class="muted">(staff only)</small>
        <input
          type="text"
          name="reason"
          maxLength={200}
          value={form.reason}
          placeholder={to === 'voided' ? 'e.g. arrived cold' : 'e.g. guest changed their mind'}
          onInput={(event) => onChange({ ...form, reason: event.currentTarget.value })}
          autoFocus
        />
      </label>
      <label>
        Message for the guest <small class="muted">(optional, shown on their phone)</small>
        <input
          type="text"
          name="guestMessage"
          maxLength={200}
          value={form.guestMessage}
          placeholder="e.g. Sorry, this one is on us"
          onInput={(event) => onChange({ ...form, guestMessage: event.currentTarget.value })}
        />
      </label>
      {to === 'voided' && (
        <label class="check">
          <input type="checkbox" name="comped" checked={form.comped} onChange={(event) => onChange({ ...form, comped: event.currentTarget.checked })} />
          Comped — made and given free
        </label>
      )}
      <div class="panel-actions">
        <button type="submit" class="btn btn-danger btn-small" disabled={busy || !canSend(to, form)}>
          {to === 'voided' ? 'Void item' : 'Cancel item'}
        </button>
        <button type="button" class="btn btn-quiet btn-small" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
