/**
 * A manager's discount: an amount or a percentage of the subtotal, always with a reason (kept for
 * staff, never shown to the guest). The hub refuses one that would take the bill below what was paid.
 */
import { useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { api, describeError } from '../api.ts';
import { money, parseMajor, parsePercent, percentText } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillView } from '../types.ts';
import { Dialog } from '../dialog.tsx';

export function DiscountDialog({ bill, onClose, onGiven }: { bill: BillView; onClose: () => void; onGiven: (bill: BillView) => void }) {
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [valueText, setValueText] = useState('');
  const [reason, setReason] = useState('');
  const [attemptId] = useState(() => newId());
  const [busy, setBusy] = useState(false);
  const m = (amountMinor: number) => money(amountMinor, bill.currency);

  const rateBp = kind === 'percent' ? parsePercent(valueText) : null;
  const amountMinor = kind === 'amount' ? parseMajor(valueText, bill.currency) : null;
  const valueOk = kind === 'percent' ? rateBp !== null && rateBp > 0 : amountMinor !== null && amountMinor > 0;
  const ok = valueOk && reason.trim() !== '';
  // What it comes to, roughly: the hub spreads it over the VAT rates and rounds per rate.
  const preview = kind === 'percent' && rateBp ? Math.round((bill.subtotalMinor * rateBp) / 10_000) : (amountMinor ?? 0);

  const submit = async () => {
    if (!ok || busy) return;
    setBusy(true);
    try {
      const body = kind === 'percent' ? { id: attemptId, kind, rateBp: rateBp!, reason: reason.trim() } : { id: attemptId, kind, amountMinor: amountMinor!, reason: reason.trim() };
      const view = await api.post<BillView>(`/api/visits/${encodeURIComponent(bill.visitId)}/bill/discounts`, body);
      notify(`${bill.tableName}: ${kind === 'percent' ? percentText(rateBp!) : m(amountMinor!)} off`);
      onGiven(view);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Discount · ${bill.tableName}`} onClose={onClose} class="discount-dialog">
      <form
        class="money-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="segmented" role="group" aria-label="Kind of discount">
          <button type="button" aria-pressed={kind === 'percent'} onClick={() => setKind('percent')}>
            Percent
          </button>
          <button type="button" aria-pressed={kind === 'amount'} onClick={() => setKind('amount')}>
            Amount
          </button>
        </div>
        <label class="field">
          {kind === 'percent' ? 'Percent off the subtotal' : 'Amount off'} <small class="muted">(subtotal {m(bill.subtotalMinor)})</small>
          <input type="text" name="discount" inputMode="decimal" autoComplete="off" placeholder={kind === 'percent' ? '10' : '5.00'} value={valueText} onInput={(e) => setValueText(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          Why <small class="muted">(staff only)</small>
          <input type="text" name="reason" maxLength={300} placeholder="e.g. birthday, long wait" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {valueOk && <p class="form-note">About −{m(preview)} on this bill.</p>}
        {valueText.trim() !== '' && !valueOk && <p class="form-error">{kind === 'percent' ? 'Type a percentage like 10 or 12.5.' : 'Type an amount like 5.00.'}</p>}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={!ok || busy}>
            {busy ? 'Saving…' : 'Give discount'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
