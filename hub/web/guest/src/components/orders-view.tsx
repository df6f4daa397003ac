import type { OrderStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import { useLocale } from '../locale-context.ts';
import { chargedMinor, itemLabel, orderLabel } from '../orders-state.ts';
import type { PendingOrder } from '../pending-orders.ts';
import type { Order, OrderItem } from '../types.ts';
import { Icon } from './icons.tsx';

const STEPS: OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready', 'served'];

/** The visit's orders, newest first: those still being sent, then each order with its live status. */
export function OrdersView(props: { orders: readonly Order[]; pending: readonly PendingOrder[]; onBrowse: () => void }) {
  const { t, money } = useLocale();
  const known = new Set(props.orders.map((o) => o.id));
  const sending = props.pending.filter((p) => !known.has(p.id));
  const live = props.orders.filter((o) => o.status !== 'cancelled' && o.status !== 'voided');
  const currency = props.orders[0]?.currency;

  if (sending.length === 0 && props.orders.length === 0) {
    return (
      <div class="empty-orders">
        <p class="empty">{t('noOrders')}</p>
        <button type="button" class="button button--secondary" onClick={props.onBrowse}>
          {t('browseMenu')}
        </button>
      </div>
    );
  }

  return (
    <div class="orders">
      {[...sending].reverse().map((pending) => (
        <PendingCard key={pending.id} pending={pending} />
      ))}
      {props.orders.map((order) => (
        <OrderCard key={order.id} order={order} />
      ))}
      {currency && live.length > 0 && (
        <p class="visit-total">
          <span>{t('visitTotal')}</span>
          <strong>
            {money(
              props.orders.reduce((sum, o) => sum + chargedMinor(o), 0),
              currency,
            )}
          </strong>
        </p>
      )}
    </div>
  );
}

function PendingCard({ pending }: { pending: PendingOrder }) {
  const { t, money } = useLocale();
  return (
    <article class="order-card order-card--sending" data-order-id={pending.id} data-status="sending" aria-busy="true">
      <header class="order-card__head">
        <h3 class="order-card__title">{t('yourOrder')}</h3>
        <span class="status-chip status-chip--sending">
          <span class="spinner spinner--small" aria-hidden="true" />
          {t('sending')}
        </span>
      </header>
      <p class="order-card__hint">{t('sendingHint')}</p>
      <ul class="order-items">
        {pending.summary.map((line, index) => (
          <li key={index} class="order-item">
            <span class="order-item__qty">{line.quantity}×</span>
            <span class="order-item__text">
              <span class="order-item__name">{line.name}</span>
              {line.modifierNames.length > 0 && <span class="order-item__mods">{line.modifierNames.join(', ')}</span>}
              {line.note && <span class="order-item__note">“{line.note}”</span>}
            </span>
          </li>
        ))}
      </ul>
      <p class="order-card__total">{money(pending.totalMinor, pending.currency)}</p>
    </article>
  );
}

function OrderCard({ order }: { order: Order }) {
  const { t, money } = useLocale();
  const stopped = order.status === 'cancelled' || order.status === 'voided';
  const reached = STEPS.indexOf(order.status);
  // Cancelled and voided items are not paid for; the old sum stays visible, struck through.
  const charged = chargedMinor(order);
  return (
    <article class={`order-card order-card--${order.status}`} data-order-id={order.id} data-status={order.status}>
      <header class="order-card__head">
        <h3 class="order-card__title">{t('orderNumber', { n: order.number })}</h3>
        <span class={`status-chip status-chip--${order.status}`} data-testid="order-status">
          {order.status === 'ready' && <Icon name="check" size={16} />}
          {t(orderLabel(order))}
        </span>
      </header>
      {!stopped && (
        <ol class="progress" aria-hidden="true">
          {STEPS.map((step, index) => (
            <li key={step} class={index <= reached ? 'progress__step progress__step--done' : 'progress__step'} />
          ))}
        </ol>
      )}
      {/* Staff's reasons stay with staff; only what they chose to tell the guest is shown. */}
      {order.guestMessage && (
        <p class="order-card__message" data-testid="guest-message">
          {order.guestMessage}
        </p>
      )}
      <ul class="order-items">
        {order.items.map((item) => (
          <OrderItemRow key={item.id} item={item} />
        ))}
      </ul>
      <p class="order-card__total" data-testid="order-total">
        {charged !== order.totalMinor && <s class="order-card__was">{money(order.totalMinor, order.currency)}</s>}
        {money(charged, order.currency)}
      </p>
    </article>
  );
}

function OrderItemRow({ item }: { item: OrderItem }) {
  const { t, text } = useLocale();
  const comped = item.status === 'voided' && item.comped;
  const stopped = !comped && (item.status === 'cancelled' || item.status === 'voided');
  return (
    <li class={stopped ? 'order-item order-item--stopped' : 'order-item'} data-item-status={item.status} data-comped={comped || undefined}>
      <span class="order-item__qty">{item.quantity}×</span>
      <span class="order-item__text">
        <span class="order-item__name">{text(item.names, item.name)}</span>
        {item.modifiers.length > 0 && <span class="order-item__mods">{item.modifiers.map((m) => text(m.names, m.name)).join(', ')}</span>}
        {item.note && <span class="order-item__note">“{item.note}”</span>}
        {item.guestMessage && <span class="order-item__message">{item.guestMessage}</span>}
      </span>
      <span class={`item-status item-status--${comped ? 'comped' : item.status}`} data-testid="item-status">
        {t(itemLabel(item))}
      </span>
    </li>
  );
}
