/**
 * The waiter's order form for one table: pick dishes, choose their required options, add a note,
 * send. The order id is made once per order and kept until the hub confirms it, so a retry after
 * a lost answer (automatic, or the "Try again" button) can never place the order twice.
 */
import { useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { ApiError, api, describeError } from '../api.ts';
import { money } from '../format.ts';
import type { LiveStore } from '../live-store.ts';
import { placeOrderWithRetry } from '../place-order.ts';
import { notify } from '../toasts.tsx';
import type { MenuItem, Table } from '../types.ts';
import { useMenu } from '../use-menu.ts';
import { lineUnitMinor } from '../line-price.ts';
import { ConfigureItem } from './configure-item.tsx';

interface CartLine {
  key: number;
  item: MenuItem;
  quantity: number;
  modifierIds: string[];
  note: string;
}

type Sending = { state: 'idle' } | { state: 'sending'; retrying: boolean } | { state: 'uncertain' } | { state: 'refused'; message: string };

let nextLineKey = 1;

interface OrderFormProps {
  store: LiveStore;
  table: Table;
  currency: string;
  onCancel: () => void;
  onPlaced: () => void;
}

export function OrderForm({ store, table, currency, onCancel, onPlaced }: OrderFormProps) {
  const { menu, error } = useMenu(store);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [lines, setLines] = useState<CartLine[]>([]);
  const [configuring, setConfiguring] = useState<MenuItem | null>(null);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  // After a lost answer the order may already be in the kitchen: the cart stays as it was sent.
  const locked = sending.state === 'sending' || sending.state === 'uncertain';

  const category = menu?.categories.find((c) => c.id === categoryId) ?? menu?.categories[0] ?? null;
  const total = lines.reduce((sum, line) => sum + lineUnitMinor(line.item, line.modifierIds) * line.quantity, 0);

  const add = (item: MenuItem, modifierIds: string[] = [], note = '', quantity = 1) => {
    setSending({ state: 'idle' });
    setLines((current) => {
      const same = current.find((line) => line.item.id === item.id && !line.note && !note && sameIds(line.modifierIds, modifierIds));
      if (same) return current.map((line) => (line === same ? { ...line, quantity: Math.min(50, line.quantity + quantity) } : line));
      return [...current, { key: nextLineKey++, item, quantity, modifierIds, note }];
    });
  };

  const pick = (item: MenuItem) => {
    if (!item.available || locked) return;
    if (item.modifierGroups.length > 0) setConfiguring(item);
    else add(item);
  };

  const update = (key: number, change: Partial<CartLine>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)).filter((line) => line.quantity > 0));

  const send = async () => {
    if (lines.length === 0 || sending.state === 'sending') return;
    const id = orderId ?? newId();
    setOrderId(id);
    setSending({ state: 'sending', retrying: false });
    try {
      const order = await placeOrderWithRetry(
        api,
        {
          id,
          tableId: table.id,
          items: lines.map((line) => ({
            menuItemId: line.item.id,
            quantity: line.quantity,
            ...(line.modifierIds.length > 0 ? { modifierIds: line.modifierIds } : {}),
            ...(line.note.trim() ? { note: line.note.trim() } : {}),
          })),
        },
        { onRetry: () => setSending({ state: 'sending', retrying: true }) },
      );
      store.upsertOrder(order);
      notify(`Order #${order.number} sent for ${table.name}`);
      onPlaced();
    } catch (failure) {
      if (failure instanceof ApiError && failure.isNetwork) {
        setSending({ state: 'uncertain' });
      } else {
        // The hub refused it, so nothing was stored: the next attempt is a new order.
        setOrderId(null);
        setSending({ state: 'refused', message: describeError(failure) });
      }
    }
  };

  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label={`New order for ${table.name}`}>
      <div class="sheet order-form">
        <header class="sheet-head">
          <h2>New order · {table.name}</h2>
          <button type="button" class="btn btn-quiet" onClick={onCancel} disabled={sending.state === 'sending'}>
            Close
          </button>
        </header>
        <div class="order-form-body">
          <section class="menu-picker" aria-label="Menu">
            {error && <p class="form-error">{error}</p>}
            {!menu ? (
              <p class="muted">Loading menu…</p>
            ) : (
              <>
                <div class="chips" role="tablist" aria-label="Categories">
                  {menu.categories.map((c) => (
                    <button
                      key={c.id}
                      type="button"
                      role="tab"
                      aria-selected={c.id === category?.id}
                      class={`chip-button ${c.id === category?.id ? 'chip-button-on' : ''}`}
                      onClick={() => setCategoryId(c.id)}
                    >
                      {c.name}
                    </button>
                  ))}
                </div>
                <div class="pick-grid">
                  {category?.items.map((item) => (
                    <button
                      key={item.id}
                      type="button"
                      class="pick"
                      data-item-id={item.id}
                      disabled={!item.available || locked}
                      onClick={() => pick(item)}
                    >
                      <span class="pick-name">{item.name}</span>
                      <span class="pick-price">{item.available ? money(item.priceMinor, item.currency) : 'Sold out'}</span>
                      {item.modifierGroups.length > 0 && item.available && <span class="pick-more">options</span>}
                    </button>
                  ))}
                </div>
              </>
            )}
          </section>
          <section class="cart" aria-label="This order">
            <h3>This order</h3>
            {lines.length === 0 ? (
              <p class="muted small">Tap a dish to add it.</p>
            ) : (
              <ul class="cart-lines">
                {lines.map((line) => (
                  <CartRow key={line.key} line={line} currency={currency} locked={locked} onChange={(change) => update(line.key, change)} />
                ))}
              </ul>
            )}
            <div class="cart-total">
              <span>Total</span>
              <strong>{money(total, currency)}</strong>
            </div>
            {sending.state === 'sending' && sending.retrying && (
              <p class="form-note" role="status">
                The connection dropped. Sending again — it will not be doubled.
              </p>
            )}
            {sending.state === 'uncertain' && (
              <p class="form-error" role="alert">
                The hub did not answer, so this order may or may not have reached the kitchen. Try again: it will not be doubled.
              </p>
            )}
            {sending.state === 'refused' && (
              <p class="form-error" role="alert">
                {sending.message}
              </p>
            )}
            <button
              type="button"
              class="btn btn-primary btn-block"
              disabled={lines.length === 0 || sending.state === 'sending'}
              onClick={() => void send()}
            >
              {sending.state === 'sending' ? 'Sending…' : sending.state === 'uncertain' ? 'Try again' : 'Send to kitchen'}
            </button>
          </section>
        </div>
        {configuring && (
          <ConfigureItem
            item={configuring}
            currency={currency}
            onCancel={() => setConfiguring(null)}
            onAdd={(modifierIds, note, quantity) => {
              add(configuring, modifierIds, note, quantity);
              setConfiguring(null);
            }}
          />
        )}
      </div>
    </div>
  );
}

function CartRow({ line, currency, locked, onChange }: { line: CartLine; currency: string; locked: boolean; onChange: (change: Partial<CartLine>) => void }) {
  const [noting, setNoting] = useState(line.note !== '');
  const modifiers = line.item.modifierGroups.flatMap((group) => group.modifiers).filter((m) => line.modifierIds.includes(m.id));
  return (
    <li class="cart-line" data-item-id={line.item.id}>
      <div class="cart-line-main">
        <span class="cart-name">
          {line.item.name}
          {modifiers.length > 0 && <small>{modifiers.map((m) => m.name).join(', ')}</small>}
        </span>
        <span class="stepper">
          <button type="button" aria-label={`One less ${line.item.name}`} disabled={locked} onClick={() => onChange({ quantity: line.quantity - 1 })}>
            −
          </button>
          <span class="stepper-value">{line.quantity}</span>
          <button
            type="button"
            aria-label={`One more ${line.item.name}`}
            disabled={locked || line.quantity >= 50}
            onClick={() => onChange({ quantity: line.quantity + 1 })}
          >
            +
          </button>
        </span>
        <span class="cart-price">{money(lineUnitMinor(line.item, line.modifierIds) * line.quantity, currency)}</span>
      </div>
      {noting ? (
        <input
          type="text"
          class="cart-note"
          aria-label={`Note for ${line.item.name}`}
          placeholder="Note for the kitchen"
          maxLength={200}
          disabled={locked}
          value={line.note}
          onInput={(event) => onChange({ note: event.currentTarget.value })}
        />
      ) : (
        <button type="button" class="link-button" disabled={locked} onClick={() => setNoting(true)}>
          + note
        </button>
      )}
    </li>
  );
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
