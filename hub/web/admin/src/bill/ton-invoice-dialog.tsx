/**
 * A TON invoice for the table: the amount (the whole bill or a part), then the QR of its ton:// link
 * for the guest's wallet, the amount in TON with the rate it was worked out at and when that rate was
 * set, and its status, live: the hub finds the transfer by the invoice's comment and updates it.
 */
import { useEffect, useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { api, describeError, fetchBlob } from '../api.ts';
import { clockTime, money, parseMajor, toMajorText } from '../format.ts';
import { useObjectUrl } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import { TON_STATUS_LABELS, invoiceSentence, rateText, tonText } from '../money/ton-words.ts';
import { notify } from '../toasts.tsx';
import type { BillView, TonInvoice } from '../types.ts';
import { dueFor, payableParts } from './bill-words.ts';
import { Dialog } from '../dialog.tsx';
import { PartChooser } from './part-chooser.tsx';

interface TonInvoiceDialogProps {
  store: LiveStore;
  bill: BillView;
  partId: string | null;
  /** An invoice made before: shown again rather than a new one made. */
  existing: TonInvoice | null;
  onClose: () => void;
}

export function TonInvoiceDialog({ store, bill, partId: firstPart, existing, onClose }: TonInvoiceDialogProps) {
  const [partId, setPartId] = useState(firstPart);
  const [amountText, setAmountText] = useState(() => toMajorText(dueFor(bill, firstPart), bill.currency));
  const [invoice, setInvoice] = useState<TonInvoice | null>(existing);
  const [attemptId] = useState(() => newId());
  const [busy, setBusy] = useState(false);
  const due = dueFor(bill, partId);
  const amountMinor = parseMajor(amountText, bill.currency);
  const ok = amountMinor !== null && amountMinor > 0 && amountMinor <= due;

  useEffect(() => {
    if (!invoice) return;
    return store.onEvent((event) => {
      if (event.type === 'ton.invoice_updated' && event.payload.id === invoice.id) setInvoice(event.payload);
    });
  }, [store, invoice?.id]);

  const create = async () => {
    if (!ok || busy) return;
    setBusy(true);
    try {
      const made = await api.post<TonInvoice>(`/api/visits/${encodeURIComponent(bill.visitId)}/ton-invoices`, { id: attemptId, amountMinor: amountMinor!, ...(partId ? { partId } : {}) });
      setInvoice(made);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`TON invoice · ${bill.tableName}`} onClose={onClose} class="ton-dialog">
      {!invoice ? (
        <form
          class="money-form"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          {payableParts(bill).length > 0 && (
            <PartChooser
              bill={bill}
              parts={payableParts(bill)}
              partId={partId}
              onChange={(next) => {
                setPartId(next);
                setAmountText(toMajorText(dueFor(bill, next), bill.currency));
              }}
            />
          )}
          <label class="field">
            Amount to ask for <small class="muted">({money(due, bill.currency)} due)</small>
            <input type="text" name="amount" inputMode="decimal" autoComplete="off" value={amountText} onInput={(e) => setAmountText(e.currentTarget.value)} autoFocus />
          </label>
          {amountText.trim() !== '' && !ok && <p class="form-error">Type an amount up to {money(due, bill.currency)}.</p>}
          <p class="form-note">The guest scans the QR with a TON wallet. The amount in TON is worked out at the venue's rate.</p>
          <div class="panel-actions">
            <button type="submit" class="btn btn-primary" disabled={!ok || busy}>
              {busy ? 'Making the invoice…' : 'Make TON invoice'}
            </button>
            <button type="button" class="btn btn-quiet" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="ton-invoice" data-invoice-id={invoice.id} data-status={invoice.status}>
          <div class="ton-invoice-main">
            <InvoiceQr invoice={invoice} label={`TON payment QR for ${bill.tableName}`} />
            <div class="ton-invoice-side">
              <span class={`ton-status ton-status-${invoice.status}`}>{TON_STATUS_LABELS[invoice.status]}</span>
              <strong class="ton-amount">{tonText(invoice.nanotons)}</strong>
              <span>= {money(invoice.amountMinor, invoice.currency)}</span>
              <span class="muted small">
                {rateText(invoice.nanotonsPerMinor, invoice.currency)}, rate of {clockTime(invoice.rateSetAt)}
              </span>
              <span class="muted small">Valid until {clockTime(invoice.expiresAt)}</span>
            </div>
          </div>
          <p class="form-note" role="status">
            {invoiceSentence(invoice)}
          </p>
          <details class="ton-details">
            <summary>Address and comment, to type by hand</summary>
            <p class="small">
              Address: <code class="ton-code">{invoice.address}</code>
            </p>
            <p class="small">
              Comment (must be sent with it): <code class="ton-code">{invoice.comment}</code>
            </p>
          </details>
          <div class="panel-actions">
            <button type="button" class="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** The invoice's QR, drawn by the hub (the same one the printed bill carries): the ton:// link for a wallet. */
function InvoiceQr({ invoice, label }: { invoice: TonInvoice; label: string }) {
  // The amount is part of the key: a re-quoted invoice (expired, new rate) has a new link.
  const qr = useObjectUrl(`${invoice.id}:${invoice.nanotons}`, () => fetchBlob(`/api/payments/ton/invoices/${encodeURIComponent(invoice.id)}/qr.svg`));
  return (
    <div class="link-qr">
      {qr.url ? <img src={qr.url} alt={label} width={220} height={220} /> : qr.error ? <span class="form-error small">{qr.error}</span> : <span class="muted">Loading the QR…</span>}
    </div>
  );
}
