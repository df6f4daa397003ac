/**
 * Asked when the hub refuses to close a visit because food is still coming (409
 * visit_has_open_items): the items, and three ways out. Mark them served, cancel them (with a reason;
 * the kitchen's screens strike them out), or keep the visit open. Nothing closes without a choice.
 */
import { useState } from 'preact/hooks';
import type { OpenItemChoice } from '@onemoment/shared/schemas/floor';
import type { OwedItem } from './close-visit.ts';

interface CloseVisitDialogProps {
  tableName: string;
  items: OwedItem[];
  /** The hub's own sentence, shown when the page's live orders do not list the items. */
  hubMessage: string;
  busy: boolean;
  onChoose: (choice: OpenItemChoice, reason: string, guestMessage: string) => void;
  onKeepOpen: () => void;
}

export function CloseVisitDialog({ tableName, items, hubMessage, busy, onChoose, onKeepOpen }: CloseVisitDialogProps) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [guestMessage, setGuestMessage] = useState('');
  const title = `Food still coming at ${tableName}`;

  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label={title} onKeyDown={(event) => event.key === 'Escape' && onKeepOpen()}>
      <div class="sheet sheet-narrow close-visit-dialog">
        <header class="sheet-head">
          <h2>{title}</h2>
        </header>
        {items.length > 0 ? (
          <>
            <p class="form-note">These are not at the table yet. What should happen to them before the visit closes?</p>
            <ul class="owed-items">
              {items.map((item) => (
                <li key={item.itemId} class="owed-item" data-item-id={item.itemId}>
                  <span class="order-number">#{item.orderNumber}</span>
                  <span class="owed-name">
                    {item.quantity}× {item.name}
                  </span>
                  <span class={`item-status item-status-${item.status}`}>{item.status === 'ready' ? 'ready' : 'cooking'}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="form-note">{hubMessage}</p>
        )}
        {!cancelling ? (
          <div class="panel-actions">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={() => onChoose('serve', '', '')}>
              Mark served
            </button>
            <button type="button" class="btn btn-danger-quiet" disabled={busy} onClick={() => setCancelling(true)}>
              Cancel them…
            </button>
            <button type="button" class="btn btn-quiet" onClick={onKeepOpen} autoFocus>
              Keep the visit open
            </button>
          </div>
        ) : (
          <form
            class="reason-form"
            aria-label="Cancel the open items"
            onSubmit={(event) => {
              event.preventDefault();
              if (reason.trim()) onChoose('cancel', reason, guestMessage);
            }}
          >
            <label>
              Why are they cancelled? <small class="muted">(staff only)</small>
              <input type="text" name="reason" maxLength={200} value={reason} placeholder="e.g. guests had to leave" onInput={(event) => setReason(event.currentTarget.value)} autoFocus />
            </label>
            <label>
              Message for the guest <small class="muted">(optional, shown on their phone)</small>
              <input type="text" name="guestMessage" maxLength={200} value={guestMessage} onInput={(event) => setGuestMessage(event.currentTarget.value)} />
            </label>
            <div class="panel-actions">
              <button type="submit" class="btn btn-danger" disabled={busy || !reason.trim()}>
                {busy ? 'Closing…' : 'Cancel them and close'}
              </button>
              <button type="button" class="btn btn-quiet" onClick={() => setCancelling(false)}>
                Back
              </button>
              <button type="button" class="btn btn-quiet" onClick={onKeepOpen}>
                Keep the visit open
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
