/**
 * Checkout with the folio: the stay's nights, room service, bar and extras, what was paid and what is
 * due; cash (what was handed over, and the change shown big) or card (the slip's last 4 digits and
 * approval code). Taking the whole amount due checks the guest out in the same tap. Each payment's id
 * is made once and kept for its retries, so a double tap or a lost answer never takes money twice.
 */
import { useRef, useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import type { Booking, Folio } from '@onemoment/shared/schemas/hotel';
import { ApiError, api, describeError } from '../api.ts';
import { checkPayment, newDraft, type PaymentDraft } from '../bill/payment-draft.ts';
import { CardSlipFields, CashChange } from '../money/tender-fields.tsx';
import { Dialog } from '../dialog.tsx';
import { money, toMajorText } from '../format.ts';
import { notify } from '../toasts.tsx';
import { bookingPath, loadFolio } from './booking-actions.ts';
import { folioGroups, folioPaymentBody } from './folio-words.ts';
import '../bill/bill.css';

interface FolioDialogProps {
  booking: Booking;
  folio: Folio;
  /** Checks the guest out (the folio is settled); resolves to the booking after it, or null when refused. */
  onCheckOut: () => Promise<Booking | null>;
  onClose: () => void;
}

export function FolioDialog({ booking, folio: first, onCheckOut, onClose }: FolioDialogProps) {
  const [folio, setFolio] = useState(first);
  const currency = folio.currency;
  const m = (amountMinor: number) => money(amountMinor, currency);
  const [draft, setDraft] = useState<PaymentDraft>(() => newDraft(first.dueMinor, currency, null));
  const paymentId = useRef(newId());
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  const [lost, setLost] = useState(false);
  const set = (change: Partial<PaymentDraft>) => setDraft((current) => ({ ...current, ...change }));
  const checked = checkPayment(draft, folio.dueMinor, currency);
  const settles = checked.ok && checked.body.amountMinor === folio.dueMinor;

  const checkOut = async () => {
    const after = await onCheckOut();
    if (after) onClose();
  };

  const pay = async () => {
    if (!checked.ok || sending.current) return;
    sending.current = true;
    setBusy(true);
    try {
      await api.post(`${bookingPath(booking.id)}/folio/payments`, folioPaymentBody(paymentId.current, checked));
      // Recorded: a next payment (the rest, by card) is another one.
      paymentId.current = newId();
      setLost(false);
      const change = checked.changeMinor > 0 ? ` · change ${m(checked.changeMinor)}` : '';
      notify(`${booking.guest.name}: ${m(checked.body.amountMinor)} paid ${checked.body.method === 'cash' ? 'in cash' : 'by card'}${change}`);
      const next = await loadFolio(booking.id);
      setFolio(next);
      setDraft(newDraft(next.dueMinor, currency, null, draft.method));
      if (next.dueMinor === 0) await checkOut();
    } catch (error) {
      // No answer: the payment may be recorded. Sending again with the same id is safe.
      setLost(error instanceof ApiError && (error.isNetwork || error.status >= 500));
      notify(describeError(error), 'error');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const title = `Folio · ${booking.guest.name}${booking.roomNumber ? ` · room ${booking.roomNumber}` : ''}`;
  return (
    <Dialog title={title} onClose={onClose} class="folio-dialog">
      <section class="bill folio" aria-label="Folio" data-due-minor={folio.dueMinor}>
        <ul class="bill-lines">
          {folioGroups(folio).map((group) => (
            <li key={group.kind} class="bill-row" data-kind={group.kind}>
              <span class="bill-name">{group.label}</span>
              <span class="bill-amount">{m(group.amountMinor)}</span>
            </li>
          ))}
          {folio.openRoomServiceMinor > 0 && (
            <li class="bill-row bill-quiet">
              <span class="bill-name">Room service still open (added at checkout)</span>
              <span class="bill-amount">{m(folio.openRoomServiceMinor)}</span>
            </li>
          )}
        </ul>
        <dl class="bill-sums">
          <div class="bill-row bill-total">
            <dt>Total</dt>
            <dd class="bill-amount">{m(folio.totalMinor)}</dd>
          </div>
          {folio.payments.map((payment) => (
            <div key={payment.id} class="bill-row bill-quiet" data-payment-method={payment.method}>
              <dt>
                Paid {payment.method === 'cash' ? 'in cash' : `by card${payment.last4 ? ` ·· ${payment.last4}` : ''}`}
                {payment.changeMinor ? ` (change ${m(payment.changeMinor)})` : ''}
              </dt>
              <dd class="bill-amount">−{m(payment.amountMinor)}</dd>
            </div>
          ))}
          <div class="bill-row bill-due">
            <dt>Due</dt>
            <dd class="bill-amount" data-testid="folio-due">
              {m(folio.dueMinor)}
            </dd>
          </div>
        </dl>
      </section>

      {folio.dueMinor === 0 ? (
        <div class="panel-actions">
          <p class="form-note">Nothing is due.</p>
          <button type="button" class="btn btn-primary btn-big" onClick={() => void checkOut()}>
            Check out
          </button>
        </div>
      ) : (
        <form
          class="money-form"
          aria-label="Take payment"
          onSubmit={(event) => {
            event.preventDefault();
            void pay();
          }}
        >
          <div class="segmented" role="group" aria-label="How the guest pays">
            {(['cash', 'card'] as const).map((method) => (
              <button key={method} type="button" aria-pressed={draft.method === method} onClick={() => set({ method })}>
                {method === 'cash' ? 'Cash' : 'Card'}
              </button>
            ))}
          </div>
          <label class="field">
            Amount <small class="muted">({m(folio.dueMinor)} due)</small>
            <input type="text" name="amount" inputMode="decimal" autoComplete="off" value={draft.amountText} onInput={(e) => set({ amountText: e.currentTarget.value })} />
          </label>
          {draft.method === 'cash' ? (
            <>
              <label class="field">
                Cash handed over <small class="muted">(empty: exactly the amount)</small>
                <input type="text" name="tendered" inputMode="decimal" autoComplete="off" value={draft.tenderedText} onInput={(e) => set({ tenderedText: e.currentTarget.value })} autoFocus />
              </label>
              <CashChange owedMinor={checked.ok ? checked.owedMinor : null} changeMinor={checked.ok ? checked.changeMinor : null} currency={currency} money={m} onTendered={(text) => set({ tenderedText: text })} />
            </>
          ) : (
            <CardSlipFields last4={draft.last4} approvalCode={draft.approvalCode} onChange={set} />
          )}
          {!checked.ok && (
            // The bill's sentence for the amount speaks of a tip; a folio has none.
            <p class="form-error">{checked.field === 'amount' ? `Type an amount up to ${m(folio.dueMinor)}, like ${toMajorText(folio.dueMinor, currency)}.` : checked.problem}</p>
          )}
          {lost && <p class="form-note">The hub did not answer. Tap again: it is the same payment, so it is never taken twice.</p>}
          <div class="panel-actions">
            <button type="submit" class="btn btn-primary btn-big" disabled={!checked.ok || busy}>
              {busy ? 'Recording…' : !checked.ok ? 'Take payment' : `Take ${m(checked.body.amountMinor)} ${draft.method === 'cash' ? 'in cash' : 'by card'}${settles ? ' and check out' : ''}`}
            </button>
            <button type="button" class="btn btn-quiet" onClick={onClose}>
              Not now
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
