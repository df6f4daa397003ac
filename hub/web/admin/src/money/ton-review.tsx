/**
 * TON payments that need a person (managers): transfers that reached the wallet without a comment the
 * hub could match (a guest typed it wrong), to attach to the invoice they were meant for; and invoices
 * paid with more than they asked, to keep the extra as a tip or owe it back.
 */
import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { clockTime, money } from '../format.ts';
import { useVisiblePoll } from '../hooks.ts';
import { notify } from '../toasts.tsx';
import type { TonStaffInvoice, TonTransfer } from '../types.ts';
import { tonText } from './ton-words.ts';

const REFRESH_MS = 15_000;
const ATTACHABLE = ['awaiting', 'underpaid', 'expired'] as const;

export function TonReview() {
  const [transfers, setTransfers] = useState<TonTransfer[] | null>(null);
  const [open, setOpen] = useState<TonStaffInvoice[]>([]);
  const [overpaid, setOverpaid] = useState<TonStaffInvoice[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      const invoices = (status: string) => api.get<{ invoices: TonStaffInvoice[] }>(`/api/payments/ton/invoices?status=${status}`).then((answer) => answer.invoices);
      const [unmatched, extra, ...attachable] = await Promise.all([
        api.get<{ transfers: TonTransfer[] }>('/api/payments/ton/transfers/unmatched'),
        invoices('overpaid'),
        ...ATTACHABLE.map(invoices),
      ]);
      setTransfers(unmatched.transfers);
      setOverpaid(extra.filter((invoice) => invoice.overpaidDecision === null));
      setOpen(attachable.flat());
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useVisiblePoll(load, REFRESH_MS);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done);
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
    await load();
  };

  return (
    <section class="card settings-card" aria-label="TON payments to sort out">
      <h2>TON payments to sort out</h2>
      {error && <p class="form-error">{error}</p>}
      <h3>Transfers without a matching invoice</h3>
      {transfers === null ? (
        !error && <p class="muted">Loading…</p>
      ) : transfers.length === 0 ? (
        <p class="muted small">None: every transfer found its invoice.</p>
      ) : (
        <ul class="ton-list">
          {transfers.map((transfer) => (
            <TransferRow key={transfer.hash} transfer={transfer} invoices={open} onAttach={(invoice) => void act(() => api.post(`/api/payments/ton/transfers/${encodeURIComponent(transfer.hash)}/attach`, { invoiceId: invoice.id }), `Transfer attached to the invoice of ${money(invoice.amountMinor, invoice.currency)}`)} />
          ))}
        </ul>
      )}
      <h3>Paid more than asked</h3>
      {overpaid.length === 0 ? (
        <p class="muted small">None.</p>
      ) : (
        <ul class="ton-list">
          {overpaid.map((invoice) => (
            <li key={invoice.id} class="ton-row" data-invoice-id={invoice.id}>
              <span class="ton-row-what">
                Asked {tonText(invoice.nanotons)} ({money(invoice.amountMinor, invoice.currency)}), received {tonText(invoice.receivedNanotons)}: {tonText((BigInt(invoice.receivedNanotons) - BigInt(invoice.nanotons)).toString())} extra.
                <span class="muted small"> Made {clockTime(invoice.createdAt)}, comment {invoice.comment}</span>
              </span>
              <div class="menu-actions">
                <button type="button" class="btn btn-small" onClick={() => void act(() => api.post(`/api/payments/ton/invoices/${encodeURIComponent(invoice.id)}/overpaid`, { decision: 'tip' }), 'The extra is kept as a tip')}>
                  Keep as tip
                </button>
                <button type="button" class="btn btn-small" onClick={() => void act(() => api.post(`/api/payments/ton/invoices/${encodeURIComponent(invoice.id)}/overpaid`, { decision: 'owed_back' }), 'The extra is owed back to the guest')}>
                  Owe it back
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TransferRow({ transfer, invoices, onAttach }: { transfer: TonTransfer; invoices: TonStaffInvoice[]; onAttach: (invoice: TonStaffInvoice) => void }) {
  const [invoiceId, setInvoiceId] = useState('');
  const chosen = invoices.find((invoice) => invoice.id === invoiceId);
  return (
    <li class="ton-row" data-transfer-hash={transfer.hash}>
      <span class="ton-row-what">
        <strong>{tonText(transfer.nanotons)}</strong> at {clockTime(transfer.at)}
        <span class="muted small">
          {' '}
          · comment {transfer.comment ? `“${transfer.comment}”` : 'none'}
          {transfer.source && ` · from ${transfer.source.slice(0, 6)}…${transfer.source.slice(-4)}`}
        </span>
      </span>
      <div class="inline-form">
        <select aria-label="Invoice it was meant for" value={invoiceId} onChange={(event) => setInvoiceId(event.currentTarget.value)}>
          <option value="">Meant for which invoice?</option>
          {invoices.map((invoice) => (
            <option key={invoice.id} value={invoice.id}>
              {money(invoice.amountMinor, invoice.currency)} · {tonText(invoice.nanotons)} · {invoice.comment} · {clockTime(invoice.createdAt)}
            </option>
          ))}
        </select>
        <button type="button" class="btn btn-small" disabled={!chosen} onClick={() => chosen && onAttach(chosen)}>
          Attach
        </button>
      </div>
    </li>
  );
}
