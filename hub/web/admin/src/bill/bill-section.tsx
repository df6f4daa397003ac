/**
 * The bill in the table panel: lines, discounts (with their reasons: staff see them), service, VAT by
 * rate, total, tips, paid, written off, due and owed back; the split's parts, each payable on its own;
 * the payments taken. Its buttons open the dialogs the panel holds (take payment, split, discount, TON,
 * sell an eSIM) and print the bill or a receipt.
 */
import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { clockTime, money, percentText } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillView, TonStaffInvoice } from '../types.ts';
import { TON_STATUS_LABELS, tonText } from '../money/ton-words.ts';
import type { BillDialog } from './bill-dialogs.tsx';
import { BILL_STATUS_LABELS, METHOD_LABELS, canTakePayment, discountLabel, paymentDetails, taxLineLabel } from './bill-words.ts';
import './bill.css';

interface BillSectionProps {
  bill: BillView | null;
  /** TON invoices of this visit still waiting for money. */
  tonInvoices: TonStaffInvoice[];
  error: string | null;
  manager: boolean;
  /** The hub sells eSIMs: an open bill offers one. */
  esim: boolean;
  onOpen: (dialog: BillDialog) => void;
  onBill: (bill: BillView) => void;
}

export function BillSection({ bill, tonInvoices, error, manager, esim, onOpen, onBill }: BillSectionProps) {
  if (!bill) {
    return (
      <section class="panel-section bill" aria-label="Bill">
        <h3>Bill</h3>
        {error ? <p class="form-error">{error}</p> : <p class="muted small">Loading the bill…</p>}
      </section>
    );
  }
  const m = (amountMinor: number) => money(amountMinor, bill.currency);
  const payable = canTakePayment(bill);
  const empty = bill.lines.length === 0 && bill.payments.length === 0;
  const sellEsim = esim && bill.status === 'open';

  return (
    <section class="panel-section bill" aria-label="Bill" data-bill-status={bill.status} data-due-minor={bill.dueMinor}>
      <div class="bill-head">
        <h3>Bill</h3>
        <span class={`bill-status bill-status-${bill.status}`}>{BILL_STATUS_LABELS[bill.status]}</span>
      </div>
      {empty ? (
        <p class="muted small">Nothing on the bill yet.</p>
      ) : (
        <>
          <ul class="bill-lines">
            {bill.lines.map((line) => (
              <li key={line.itemId} class="bill-row">
                <span class="bill-name">
                  {line.quantity}× {line.name}
                </span>
                <span class="bill-amount">{m(line.totalMinor)}</span>
              </li>
            ))}
          </ul>
          <dl class="bill-sums">
            <Row label="Subtotal" amount={m(bill.subtotalMinor)} />
            {bill.discounts.map((discount) => (
              <div key={discount.id} class="bill-row bill-discount" data-discount-id={discount.id}>
                <dt class="bill-name">
                  {discountLabel(discount)}
                  {manager && <RemoveDiscount visitId={bill.visitId} discountId={discount.id} onBill={onBill} />}
                </dt>
                <dd class="bill-amount">−{m(discount.amountMinor)}</dd>
              </div>
            ))}
            {bill.serviceChargeMinor > 0 && <Row label={`Service ${percentText(bill.serviceChargeBp)}`} amount={m(bill.serviceChargeMinor)} />}
            {bill.taxLines.map((line) => (
              <Row key={line.rateBp} label={taxLineLabel(bill.taxMode, line)} amount={m(line.taxMinor)} quiet={bill.taxMode === 'included'} />
            ))}
            <Row label="Total" amount={m(bill.totalMinor)} kind="total" />
            {bill.tipsMinor > 0 && <Row label="Tips" amount={m(bill.tipsMinor)} quiet />}
            {bill.paidMinor > 0 && <Row label="Paid" amount={m(bill.paidMinor)} />}
            {bill.writtenOffMinor > 0 && <Row label="Written off" amount={m(bill.writtenOffMinor)} />}
            {bill.owedBackMinor > 0 && <Row label="Owed back to the guests" amount={m(bill.owedBackMinor)} kind="owed" />}
            <Row label="Due" amount={m(bill.dueMinor)} kind="due" />
          </dl>
        </>
      )}

      {bill.split && <SplitParts bill={bill} payable={payable} onOpen={onOpen} onBill={onBill} />}

      {bill.payments.length > 0 && (
        <>
          <h3 class="bill-subhead">Payments</h3>
          <ul class="bill-payments">
            {bill.payments.map((payment) => (
              <li key={payment.id} class="bill-payment" data-payment-id={payment.id} data-method={payment.method}>
                <span class="bill-payment-time">{clockTime(payment.createdAt)}</span>
                <span class={`method-chip method-${payment.method}`}>{METHOD_LABELS[payment.method]}</span>
                <span class="bill-payment-what">
                  <strong>{m(payment.amountMinor)}</strong>
                  {paymentDetails(payment) && <span class="muted small"> · {paymentDetails(payment)}</span>}
                  {payment.partId && bill.split && <span class="muted small"> · {bill.split.parts.find((part) => part.id === payment.partId)?.label ?? 'a part'}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      {tonInvoices.length > 0 && (
        <>
          <h3 class="bill-subhead">TON invoices waiting</h3>
          <ul class="bill-payments">
            {tonInvoices.map((invoice) => (
              <li key={invoice.id} class="bill-payment" data-ton-invoice-id={invoice.id}>
                <span class="method-chip method-ton">TON</span>
                <span class="bill-payment-what">
                  <strong>{tonText(invoice.nanotons)}</strong> <span class="muted small">· {m(invoice.amountMinor)} · {TON_STATUS_LABELS[invoice.status].toLowerCase()}</span>
                </span>
                <button type="button" class="btn btn-small" onClick={() => onOpen({ kind: 'ton', partId: invoice.partId, invoice })}>
                  Show QR
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {!empty && (
        <div class="panel-actions bill-actions">
          {payable && (
            <button type="button" class="btn btn-primary" onClick={() => onOpen({ kind: 'pay', partId: null, thenClose: false })}>
              Take payment
            </button>
          )}
          {payable && (
            <button type="button" class="btn" onClick={() => onOpen({ kind: 'split' })}>
              Split…
            </button>
          )}
          {payable && (
            <button type="button" class="btn" onClick={() => onOpen({ kind: 'ton', partId: null })}>
              TON invoice…
            </button>
          )}
          {manager && bill.status === 'open' && (
            <button type="button" class="btn" onClick={() => onOpen({ kind: 'discount' })}>
              Discount…
            </button>
          )}
          {sellEsim && <SellEsimButton onOpen={onOpen} />}
          <PrintButton visitId={bill.visitId} kind="bill" />
          <PrintButton visitId={bill.visitId} kind="receipt" />
        </div>
      )}
      {empty && sellEsim && (
        <div class="panel-actions bill-actions">
          <SellEsimButton onOpen={onOpen} />
        </div>
      )}
    </section>
  );
}

function Row({ label, amount, kind, quiet }: { label: string; amount: string; kind?: 'total' | 'due' | 'owed'; quiet?: boolean }) {
  return (
    <div class={`bill-row ${kind ? `bill-${kind}` : ''} ${quiet ? 'bill-quiet' : ''}`}>
      <dt class="bill-name">{label}</dt>
      <dd class="bill-amount">{amount}</dd>
    </div>
  );
}

function SplitParts({ bill, payable, onOpen, onBill }: { bill: BillView; payable: boolean; onOpen: (dialog: BillDialog) => void; onBill: (bill: BillView) => void }) {
  const split = bill.split!;
  const [busy, setBusy] = useState(false);
  const undo = async () => {
    setBusy(true);
    try {
      onBill(await api.request<BillView>('DELETE', `/api/visits/${encodeURIComponent(bill.visitId)}/bill/split`));
      notify(`${bill.tableName}: the bill is one again`);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="bill-split" data-split-kind={split.kind}>
      <h3 class="bill-subhead">Split {split.kind === 'equal' ? 'equally' : split.kind === 'items' ? 'by items' : 'by amounts'}</h3>
      {!split.current && <p class="form-error small">The bill changed after it was split: split it again, or take payments for the whole bill.</p>}
      <ul class="bill-parts">
        {split.parts.map((part) => (
          <li key={part.id} class={`bill-part ${part.dueMinor === 0 ? 'bill-part-paid' : ''}`} data-part-id={part.id} data-part-due={part.dueMinor}>
            <span class="bill-part-label">{part.label}</span>
            <span class="bill-amount">{money(part.amountMinor, bill.currency)}</span>
            <span class="bill-part-state small">{part.dueMinor === 0 ? 'Paid' : part.paidMinor > 0 ? `${money(part.dueMinor, bill.currency)} due` : 'Due'}</span>
            {payable && split.current && part.dueMinor > 0 && (
              <button type="button" class="btn btn-small" aria-label={`Pay ${part.label}`} onClick={() => onOpen({ kind: 'pay', partId: part.id, thenClose: false })}>
                Pay
              </button>
            )}
          </li>
        ))}
      </ul>
      {bill.status === 'open' && (
        <button type="button" class="btn btn-small btn-quiet" disabled={busy} onClick={() => void undo()}>
          {busy ? 'Undoing…' : 'Undo the split'}
        </button>
      )}
    </div>
  );
}

function RemoveDiscount({ visitId, discountId, onBill }: { visitId: string; discountId: string; onBill: (bill: BillView) => void }) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      onBill(await api.request<BillView>('DELETE', `/api/visits/${encodeURIComponent(visitId)}/bill/discounts/${encodeURIComponent(discountId)}`));
      notify('Discount taken back');
    } catch (error) {
      notify(describeError(error), 'error');
      setBusy(false);
    }
  };
  return (
    <button type="button" class="link-button bill-remove" disabled={busy} onClick={() => void remove()}>
      {busy ? 'Removing…' : 'Remove'}
    </button>
  );
}

function SellEsimButton({ onOpen }: { onOpen: (dialog: BillDialog) => void }) {
  return (
    <button type="button" class="btn" onClick={() => onOpen({ kind: 'esim' })}>
      Sell eSIM…
    </button>
  );
}

function PrintButton({ visitId, kind }: { visitId: string; kind: 'bill' | 'receipt' }) {
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      await api.post(`/api/visits/${encodeURIComponent(visitId)}/bill/print`, { kind });
      notify(kind === 'bill' ? 'The bill is on its way to the printer' : 'The receipt is on its way to the printer');
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => void print()}>
      {busy ? 'Sending…' : kind === 'bill' ? 'Print bill' : 'Print receipt'}
    </button>
  );
}
