/**
 * Today's orders, live. The active view is grouped by what the floor has to do next: accept the
 * new ones, serve the ready ones, keep an eye on the ones in the kitchen.
 */
import { useState } from 'preact/hooks';
import { isFinal } from '@onemoment/shared/restaurant/order-lifecycle';
import { useNow } from '../hooks.ts';
import type { LiveSnapshot, LiveStore } from '../live-store.ts';
import type { Order, StaffRole } from '../types.ts';
import { OrderCard } from './order-card.tsx';

type View = 'active' | 'all';

export function OrdersPage({ store, live, role }: { store: LiveStore; live: LiveSnapshot; role: StaffRole }) {
  const [view, setView] = useState<View>('active');
  const now = useNow();
  const orders = live.orders;

  return (
    <div class="orders-page">
      <div class="page-head">
        <h1>Orders</h1>
        <div class="segmented" role="group" aria-label="Which orders">
          <button type="button" aria-pressed={view === 'active'} onClick={() => setView('active')}>
            Active
          </button>
          <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')}>
            All today
          </button>
        </div>
      </div>
      {!orders ? (
        <p class="muted">Loading orders…</p>
      ) : view === 'all' ? (
        <OrderList orders={orders} empty="No orders yet today." store={store} role={role} now={now} />
      ) : (
        <ActiveOrders orders={orders.filter((order) => !isFinal(order.status))} store={store} role={role} now={now} />
      )}
    </div>
  );
}

function ActiveOrders({ orders, store, role, now }: { orders: Order[]; store: LiveStore; role: StaffRole; now: number }) {
  // Oldest first inside each group: the guest who has waited longest comes first.
  const byAge = [...orders].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const rushFirst = (list: Order[]) => [...list.filter((o) => o.rush), ...list.filter((o) => !o.rush)];
  const groups: Array<{ title: string; orders: Order[]; empty: string }> = [
    { title: 'New — to accept', orders: rushFirst(byAge.filter((o) => o.status === 'placed')), empty: 'Nothing new.' },
    { title: 'Ready — to serve', orders: rushFirst(byAge.filter((o) => o.status === 'ready')), empty: 'Nothing ready.' },
    {
      title: 'In the kitchen',
      orders: rushFirst(byAge.filter((o) => o.status === 'accepted' || o.status === 'preparing')),
      empty: 'The kitchen is clear.',
    },
  ];
  return (
    <div class="order-groups">
      {groups.map((group) => (
        <section key={group.title} class="order-group" aria-label={group.title}>
          <h2>
            {group.title} <span class="count">{group.orders.length}</span>
          </h2>
          <OrderList orders={group.orders} empty={group.empty} store={store} role={role} now={now} />
        </section>
      ))}
    </div>
  );
}

function OrderList(props: { orders: Order[]; empty: string; store: LiveStore; role: StaffRole; now: number }) {
  if (props.orders.length === 0) return <p class="muted small">{props.empty}</p>;
  return (
    <div class="order-list">
      {props.orders.map((order) => (
        <OrderCard key={order.id} order={order} role={props.role} store={props.store} now={props.now} />
      ))}
    </div>
  );
}
