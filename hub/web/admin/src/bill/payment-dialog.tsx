/**
 * Take payment: cash (with what was handed over, and the change shown big before anyone confirms) or
 * card (the last 4 digits and approval code from the terminal slip, both optional), a tip on top, for
 * the whole bill or one part of the split. The request's id is made when the dialog opens and kept for
 * every retry of this payment: a double tap or a retry after a dropped answer is the same payment to
 * the hub, never a second one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { ApiError, api, describeError } from '../api.ts';
import { money } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillView, Payment } from '../types.ts';
import { dueFor, payableParts } from './bill-words.ts';
import { checkPayment, newDraft, type PaymentDraft } from './payment-draft.ts';
import { CardSlipFields, CashChange } from '../money/tender-fields.tsx';
import { Dialog } from '../dialog.tsx';
import { PartChooser } from './part-chooser.tsx';

interface PaymentDialogProps {
  bill: BillView;
  partId: string | null;
  onClose: () => void;
  onPaid: (payment: Payment) => void;
}

export function PaymentDialog({ bill, partId, onClose, onPaid }: PaymentDialogProps) {
  const currency = bill.currency;
  const [draft, setDraft] = useState<PaymentDraft>(() => newDraft(dueFor(bill, partId), currency, partId));
  // One id for this payment, whatever happens to the requests that carry it.
  const [attemptId] = useState(() => newId());
  const sending = useRef(false);
  const finished = useRef(false);
  const [busy, setBusy] = useState(false);
  const [lost, setLost] = useState(false);
  const due = dueFor(bill, draft.partId);
  const checked = checkPayment(draft, due, currency);
  const parts = payableParts(bill);
  const set = (change: Partial<PaymentDraft>) => setDraft((current) => ({ ...current, ...change }));
  const m = (amountMinor: number) => money(amountMinor, currency);
  const owed = checked.ok ? checked.owedMinor : null;

  /** Once per payment, whichever tells first: the hub's answer, or the live bill showing this payment's id. */
  const finish = (payment: Payment) => {
    if (finished.current) return;
    finished.current = true;
    const change = payment.changeMinor > 0 ? ` · change ${m(payment.changeMinor)}` : '';
    notify(`${bill.tableName}: ${m(payment.amountMinor)} paid by ${payment.method}${payment.tipMinor > 0 ? ` + ${m(payment.tipMinor)} tip` : ''}${change}`);
    onPaid(payment);
  };

  // An answer lost on the way back: the payment still shows on the live bill, so it is done, not owed.
  const recorded = bill.payments.find((payment) => payment.id === attemptId);
  useEffect(() => {
    if (recorded) finish(recorded);
  }, [recorded?.id]);

  const submit = async () => {
    if (!checked.ok || sending.current || finished.current) return;
    sending.current = true;
    setBusy(true);
    try {
      finish(await api.post<Payment>(`/api/visits/${encodeURIComponent(bill.visitId)}/payments`, { id: attemptId, ...checked.body }));
    } catch (error) {
      // No answer: the payment may have been recorded. Sending again with the same id is safe.
      if (finished.current) return;
      setLost(error instanceof ApiError && (error.isNetwork || error.status >= 500));
      notify(describeError(error), 'error');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Take payment · ${bill.tableName}`} onClose={onClose} class="payment-dialog">
      <form
        class="money-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {parts.length > 0 && (
          <PartChooser bill={bill} parts={parts} partId={draft.partId} onChange={(next) => set({ partId: next, amountText: newDraft(dueFor(bill, next), currency, next).amountText })} />
        )}
        <div class="segmented" role="group" aria-label="How the guest pays">
          {(['cash', 'card'] as const).map((method) => (
            <button key={method} type="button" aria-pressed={draft.method === method} onClick={() => set({ method })}>
              {method === 'cash' ? 'Cash' : 'Card'}
            </button>
          ))}
        </div>
        <div class="money-grid">
          <label class="field">
            Amount toward the bill <small class="muted">({m(due)} due)</small>
            <input type="text" name="amount" inputMode="decimal" autoComplete="off" value={draft.amountText} onInput={(e) => set({ amountText: e.currentTarget.value })} autoFocus />
          </label>
          <label class="field">
            Tip <small class="muted">(optional)</small>
            <input type="text" name="tip" inputMode="decimal" autoComplete="off" placeholder="0.00" value={draft.tipText} onInput={(e) => set({ tipText: e.currentTarget.value })} />
          </label>
        </div>

        {draft.method === 'cash' ? (
          <>
            <label class="field">
              Cash handed over <small class="muted">(empty: exactly {owed !== null ? m(owed) : 'the amount'})</small>
              <input type="text" name="tendered" inputMode="decimal" autoComplete="off" value={draft.tenderedText} onInput={(e) => set({ tenderedText: e.currentTarget.value })} />
            </label>
            <CashChange owedMinor={owed} changeMinor={checked.ok ? checked.changeMinor : null} currency={currency} money={m} onTendered={(text) => set({ tenderedText: text })} />
          </>
        ) : (
          <CardSlipFields last4={draft.last4} approvalCode={draft.approvalCode} onChange={set} />
        )}

        {!checked.ok && <p class="form-error">{checked.problem}</p>}
        {lost && <p class="form-note">The hub did not answer. Tap again: it is the same payment, so it is never taken twice.</p>}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary btn-big" disabled={!checked.ok || busy}>
            {busy ? 'Recording…' : owed === null ? 'Record payment' : `Record ${m(owed)} ${draft.method === 'cash' ? 'in cash' : 'by card'}`}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
