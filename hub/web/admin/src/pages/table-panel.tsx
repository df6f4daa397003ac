/**
 * One table: its visit (open, move, close), guests' calls, its orders, its bill (payments, split,
 * discount, TON, printing, an eSIM sold at the desk) and its eSIMs, its QR, and the waiter's order form. Closing asks what to do with food
 * still coming and with money still due.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isFinal } from '@onemoment/shared/restaurant/order-lifecycle';
import type { CloseVisitBody, OpenItemChoice } from '@onemoment/shared/schemas/floor';
import { ApiError, api, describeError } from '../api.ts';
import { age, clockTime, money } from '../format.ts';
import { useNow } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { Order, StaffRole, Table } from '../types.ts';
import { AcknowledgeButton, REQUEST_LABELS, STATE_LABELS } from './table-bits.tsx';
import { OrderForm } from './order-form.tsx';
import { STATUS_LABELS } from './order-card.tsx';
import { TableQr } from './qr.tsx';
import { CloseVisitDialog } from './close-visit-dialog.tsx';
import { closeVisitBody, owedItems } from './close-visit.ts';
import { BillSection } from '../bill/bill-section.tsx';
import { BillDialogs, type BillDialog } from '../bill/bill-dialogs.tsx';
import { BillDueDialog } from '../bill/bill-due-dialog.tsx';
import { useBill } from '../bill/use-bill.ts';
import { useOpenTonInvoices } from '../bill/use-ton-invoices.ts';
import { VisitEsims } from '../esim/purchase-lists.tsx';

interface TablePanelProps {
  store: LiveStore;
  table: Table;
  tables: Table[];
  orders: Order[];
  role: StaffRole;
  currency: string;
  /** The hub sells eSIMs: the bill offers one, and the visit's show under it. */
  esim: boolean;
  onClose: () => void;
  onMoved: (tableId: string) => void;
}

export function TablePanel({ store, table, tables, orders, role, currency, esim, onClose, onMoved }: TablePanelProps) {
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [moveTo, setMoveTo] = useState('');
  const [ordering, setOrdering] = useState(false);
  /** The hub refused to close: food is still coming. Holds its sentence while the dialog asks what to do. */
  const [foodComing, setFoodComing] = useState<string | null>(null);
  /** The hub refused to close: money is due. Holds its sentence while the dialog asks what to do. */
  const [moneyDue, setMoneyDue] = useState<string | null>(null);
  const [billDialog, setBillDialog] = useState<BillDialog | null>(null);
  /** What was chosen for the food still coming, kept while the close waits for the bill. */
  const closeChoice = useRef<CloseVisitBody>({});
  const visit = table.visit;
  const manager = role === 'manager';
  const liveBill = useBill(store, visit?.id ?? null);
  const tonInvoices = useOpenTonInvoices(store, visit?.id ?? null);
  // A question about one visit's food or money never carries over to the next visit at this table.
  useEffect(() => {
    setFoodComing(null);
    setMoneyDue(null);
    setBillDialog(null);
    closeChoice.current = {};
  }, [visit?.id]);
  const freeTables = tables.filter((other) => other.id !== table.id && other.state === 'free');
  const unfinished = orders.filter((order) => !isFinal(order.status)).length;

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
      store.refreshTables();
    } catch (error) {
      notify(describeError(error), 'error');
      store.refreshTables();
    } finally {
      setBusy(null);
    }
  };

  const openVisit = () =>
    run('open', async () => {
      await api.post(`/api/tables/${encodeURIComponent(table.id)}/visits`);
      notify(`${table.name}: visit opened`);
    });

  /**
   * Closes the visit. The hub may refuse with a question: food still coming (409 visit_has_open_items:
   * serve or cancel it) or money still due (409 bill_not_paid: take the payment, or a manager writes the
   * rest off). The answer to the first is kept while the second is asked.
   */
  const closeVisit = (change: { fresh?: boolean; choice?: { openItems: OpenItemChoice; reason: string; guestMessage: string }; writeOffReason?: string } = {}) =>
    run('close', async () => {
      if (!visit) return;
      // A new tap on Close starts over: a choice made in an earlier, abandoned close is not reused.
      if (change.fresh) closeChoice.current = {};
      if (change.choice) closeChoice.current = closeVisitBody(change.choice.openItems, change.choice.reason, change.choice.guestMessage);
      const body: CloseVisitBody = { ...closeChoice.current, ...(change.writeOffReason ? { writeOffReason: change.writeOffReason } : {}) };
      try {
        await api.post(`/api/visits/${encodeURIComponent(visit.id)}/close`, body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.code === 'visit_has_open_items') {
          setFoodComing(error.message);
          return;
        }
        if (error instanceof ApiError && error.status === 409 && error.code === 'bill_not_paid') {
          setFoodComing(null);
          setMoneyDue(error.message);
          liveBill.reload();
          return;
        }
        throw error;
      }
      setConfirmClose(false);
      setFoodComing(null);
      setMoneyDue(null);
      closeChoice.current = {};
      notify(change.writeOffReason ? `${table.name}: the rest is written off and the visit closed` : `${table.name}: visit closed`);
    });

  const moveVisit = () =>
    run('move', async () => {
      if (!visit || !moveTo) return;
      await api.post(`/api/visits/${encodeURIComponent(visit.id)}/move`, { tableId: moveTo });
      const target = tables.find((other) => other.id === moveTo);
      notify(`Moved ${table.name} to ${target?.name ?? moveTo}`);
      setMoveTo('');
      onMoved(moveTo);
    });

  return (
    <aside class="panel" aria-label={table.name} data-panel-table={table.id}>
      <div class="panel-head">
        <div>
          <h2>{table.name}</h2>
          <span class={`state-pill state-${table.state}`}>{STATE_LABELS[table.state]}</span>
        </div>
        <button type="button" class="btn btn-quiet" aria-label="Close panel" onClick={onClose}>
          ✕
        </button>
      </div>

      {table.pendingRequests.length > 0 && (
        <ul class="calls calls-panel">
          {table.pendingRequests.map((request) => (
            <li key={request.id} class={`call call-${request.kind}`}>
              <span class="call-what">{REQUEST_LABELS[request.kind]}</span>
              <span class="call-age">{age(request.createdAt, now)}</span>
              <AcknowledgeButton store={store} request={request} />
            </li>
          ))}
        </ul>
      )}

      <section class="panel-section">
        {visit ? (
          <p class="visit-line">
            Visit open since {clockTime(visit.openedAt)} ({age(visit.openedAt, now)}) · {visit.ordersCount}{' '}
            {visit.ordersCount === 1 ? 'order' : 'orders'} · <strong>{money(visit.totalMinor, currency)}</strong>
          </p>
        ) : (
          <p class="visit-line muted">No visit. {table.seats} seats.</p>
        )}
        <div class="panel-actions">
          <button type="button" class="btn btn-primary" onClick={() => setOrdering(true)}>
            New order
          </button>
          {!visit && (
            <button type="button" class="btn" disabled={busy !== null} onClick={() => void openVisit()}>
              {busy === 'open' ? 'Opening…' : 'Open visit'}
            </button>
          )}
        </div>
      </section>

      {visit && (
        <section class="panel-section">
          <h3>Move to another table</h3>
          {freeTables.length === 0 ? (
            <p class="muted small">No free table right now.</p>
          ) : (
            <div class="inline-form">
              <select aria-label="Move to table" value={moveTo} onChange={(event) => setMoveTo(event.currentTarget.value)}>
                <option value="">Choose a free table…</option>
                {freeTables.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.name}
                  </option>
                ))}
              </select>
              <button type="button" class="btn" disabled={!moveTo || busy !== null} onClick={() => void moveVisit()}>
                {busy === 'move' ? 'Moving…' : 'Move'}
              </button>
            </div>
          )}
        </section>
      )}

      {visit && (
        <section class="panel-section">
          <h3>Orders</h3>
          {orders.length === 0 ? (
            <p class="muted small">No orders yet.</p>
          ) : (
            <ul class="mini-orders">
              {orders.map((order) => (
                <li key={order.id} class="mini-order">
                  <span class="order-number">#{order.number}</span>
                  <span class="mini-items">{order.items.map((item) => `${item.quantity}× ${item.name}`).join(', ')}</span>
                  <span class={`status status-${order.status}`}>{STATUS_LABELS[order.status]}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {visit && <BillSection bill={liveBill.bill} tonInvoices={tonInvoices} error={liveBill.error} manager={manager} esim={esim} onOpen={setBillDialog} onBill={liveBill.show} />}
      {visit && esim && <VisitEsims store={store} visitId={visit.id} role={role} />}

      <section class="panel-section">
        <h3>QR code</h3>
        <TableQr table={table} canReplace={role === 'manager'} onReplaced={() => store.refreshTables()} />
      </section>

      {visit && (
        <section class="panel-section panel-danger">
          {!confirmClose ? (
            <button type="button" class="btn btn-danger-quiet" onClick={() => setConfirmClose(true)}>
              Close visit…
            </button>
          ) : (
            <div class="confirm">
              <p>
                Close the visit at {table.name}? The guests' phones lose access to this table.
                {unfinished > 0 && (
                  <strong>
                    {' '}
                    {unfinished} {unfinished === 1 ? 'order is' : 'orders are'} not served yet.
                  </strong>
                )}
                {liveBill.bill && liveBill.bill.dueMinor > 0 && <strong> {money(liveBill.bill.dueMinor, liveBill.bill.currency)} is still due.</strong>}
              </p>
              <div class="panel-actions">
                <button type="button" class="btn btn-danger" disabled={busy !== null} onClick={() => void closeVisit({ fresh: true })}>
                  {busy === 'close' ? 'Closing…' : 'Close visit'}
                </button>
                <button type="button" class="btn btn-quiet" onClick={() => setConfirmClose(false)}>
                  Keep open
                </button>
              </div>
            </div>
          )}
        </section>
      )}
      {visit && foodComing !== null && (
        <CloseVisitDialog
          tableName={table.name}
          items={owedItems(orders, visit.id)}
          hubMessage={foodComing}
          busy={busy !== null}
          onChoose={(openItems, reason, guestMessage) => void closeVisit({ choice: { openItems, reason, guestMessage } })}
          onKeepOpen={() => {
            setFoodComing(null);
            setConfirmClose(false);
          }}
        />
      )}
      {visit && moneyDue !== null && (
        <BillDueDialog
          bill={liveBill.bill}
          hubMessage={moneyDue}
          manager={manager}
          busy={busy !== null}
          onTakePayment={() => {
            setMoneyDue(null);
            setBillDialog({ kind: 'pay', partId: null, thenClose: true });
          }}
          onWriteOff={(writeOffReason) => void closeVisit({ writeOffReason })}
          onKeepOpen={() => {
            setMoneyDue(null);
            setConfirmClose(false);
            closeChoice.current = {};
          }}
        />
      )}
      <BillDialogs
        store={store}
        dialog={visit ? billDialog : null}
        bill={liveBill.bill}
        onClose={() => setBillDialog(null)}
        onBill={liveBill.show}
        onPaid={(_payment, opened) => {
          setBillDialog(null);
          // Opened while closing the visit: go on closing (the hub asks again if something is still due).
          if (opened.thenClose) void closeVisit();
        }}
      />
      {ordering && (
        <OrderForm store={store} table={table} currency={currency} onCancel={() => setOrdering(false)} onPlaced={() => setOrdering(false)} />
      )}
    </aside>
  );
}
