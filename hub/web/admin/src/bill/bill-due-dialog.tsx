/**
 * Asked when the hub refuses to close a visit because money is still due (409 bill_not_paid): what is
 * due, and the ways out. Take the payment (the close goes on once it is paid), or, for a manager,
 * write the rest off with a reason; or keep the visit open.
 */
import { useState } from 'preact/hooks';
import { money } from '../format.ts';
import type { BillView } from '../types.ts';
import { stillDueSentence } from './bill-words.ts';

interface BillDueDialogProps {
  bill: BillView | null;
  /** The hub's own sentence, shown until the bill is read. */
  hubMessage: string;
  manager: boolean;
  busy: boolean;
  onTakePayment: () => void;
  onWriteOff: (reason: string) => void;
  onKeepOpen: () => void;
}

export function BillDueDialog({ bill, hubMessage, manager, busy, onTakePayment, onWriteOff, onKeepOpen }: BillDueDialogProps) {
  const [writingOff, setWritingOff] = useState(false);
  const [reason, setReason] = useState('');
  const title = `Money still due${bill ? ` at ${bill.tableName}` : ''}`;
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label={title} onKeyDown={(event) => event.key === 'Escape' && onKeepOpen()}>
      <div class="sheet sheet-narrow bill-due-dialog">
        <header class="sheet-head">
          <h2>{title}</h2>
        </header>
        {bill ? (
          <div class="bill-due-summary" data-due-minor={bill.dueMinor}>
            <p class="bill-due-big">{stillDueSentence(bill)}</p>
            <p class="form-note">
              Total {money(bill.totalMinor, bill.currency)}, paid {money(bill.paidMinor, bill.currency)}. The visit closes once the bill is paid
              {manager ? ', or once you write the rest off.' : '. A manager can write the rest off.'}
            </p>
          </div>
        ) : (
          <p class="form-note">{hubMessage}</p>
        )}
        {!writingOff ? (
          <div class="panel-actions">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={onTakePayment} autoFocus>
              Take payment
            </button>
            {manager && (
              <button type="button" class="btn btn-danger-quiet" disabled={busy} onClick={() => setWritingOff(true)}>
                Write off the rest…
              </button>
            )}
            <button type="button" class="btn btn-quiet" onClick={onKeepOpen}>
              Keep the visit open
            </button>
          </div>
        ) : (
          <form
            class="reason-form"
            aria-label="Write off the rest"
            onSubmit={(event) => {
              event.preventDefault();
              if (reason.trim()) onWriteOff(reason.trim());
            }}
          >
            <label>
              Why is it written off? <small class="muted">(staff only, on the day's report)</small>
              <input type="text" name="writeOffReason" maxLength={300} value={reason} placeholder="e.g. guests left without paying" onInput={(event) => setReason(event.currentTarget.value)} autoFocus />
            </label>
            <div class="panel-actions">
              <button type="submit" class="btn btn-danger" disabled={busy || !reason.trim()}>
                {busy ? 'Closing…' : `Write off ${bill ? money(bill.dueMinor, bill.currency) : 'the rest'} and close`}
              </button>
              <button type="button" class="btn btn-quiet" onClick={() => setWritingOff(false)}>
                Back
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
