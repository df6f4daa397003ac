/**
 * One room from the rooms board: its state, and taking it out of order for some nights (a leak,
 * painting) or putting it back. Front desk staff and managers may both; the hub then sells it on no
 * night it is out, and the board, the grid and housekeeping follow through room.changed.
 */
import { useRef, useState } from 'preact/hooks';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import type { Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { notify } from '../toasts.tsx';
import { checkOutOfOrder, outOfOrderText, type OutOfOrderDraft } from './hotel-settings-words.ts';
import { BOARD_STATE_LABELS, HOUSEKEEPING_LABELS, roomBoardState } from './room-words.ts';
import { shortDate } from './stay-words.ts';

interface RoomDialogProps {
  room: Room;
  roomTypes: readonly RoomType[];
  /** The venue's date: the form starts with tonight. */
  today: string;
  onChanged: () => void;
  onClose: () => void;
}

export function RoomDialog({ room, roomTypes, today, onChanged, onClose }: RoomDialogProps) {
  const [draft, setDraft] = useState<OutOfOrderDraft>({ reason: '', from: today, to: addDays(today, 1) });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sending = useRef(false);
  const checked = checkOutOfOrder(draft, today);
  const path = `/api/hotel/rooms/${encodeURIComponent(room.id)}/out-of-order`;
  const typeName = roomTypes.find((type) => type.id === room.roomTypeId)?.name ?? room.roomTypeId;
  const state = roomBoardState(room);
  const set = (change: Partial<OutOfOrderDraft>) => setDraft((now) => ({ ...now, ...change }));

  const send = async (request: () => Promise<Room>, done: (after: Room) => string) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setRefusal(null);
    try {
      const after = await request();
      notify(done(after));
      onChanged();
      onClose();
    } catch (error) {
      setRefusal(describeError(error));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const takeOut = () => {
    setTouched(true);
    if (!checked.ok) return;
    const body = checked.body;
    void send(
      () => api.post<Room>(path, body),
      () => `Room ${room.number} is out of order ${shortDate(body.from)} → ${shortDate(body.to)}: it is not sold on those nights.`,
    );
  };

  const backInOrder = () => void send(() => api.request<Room>('DELETE', path), () => `Room ${room.number} is back in order.`);

  return (
    <Dialog title={`Room ${room.number}`} onClose={onClose} class="room-dialog">
      <div class="booking-detail-body" data-room-id={room.id} data-state={state}>
        <p class="room-dialog-state">
          <span class={`room-state room-state-${state}`}>{BOARD_STATE_LABELS[state]}</span> {typeName} · floor {room.floor} · {HOUSEKEEPING_LABELS[room.housekeeping].toLowerCase()}
        </p>
        {room.outOfOrder && (
          <div class="out-of-order-now">
            <p data-testid="out-of-order">{outOfOrderText(room)}</p>
            <button type="button" class="btn btn-primary" disabled={busy} onClick={backInOrder}>
              Back in order
            </button>
          </div>
        )}
        <form
          class="money-form booking-form"
          aria-label="Out of order"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            takeOut();
          }}
        >
          <h3>{room.outOfOrder ? 'Change the nights out of order' : 'Out of order'}</h3>
          <label class="field">
            Why? <small class="muted">(the desk and housekeeping read it)</small>
            <input type="text" name="reason" maxLength={300} value={draft.reason} onInput={(e) => set({ reason: e.currentTarget.value })} autoFocus={!room.outOfOrder} />
          </label>
          <div class="money-grid">
            <label class="field">
              First night out
              <input type="date" name="from" value={draft.from} onInput={(e) => set({ from: e.currentTarget.value })} />
            </label>
            <label class="field">
              Back on
              <input type="date" name="to" min={addDays(draft.from || today, 1)} value={draft.to} onInput={(e) => set({ to: e.currentTarget.value })} />
            </label>
          </div>
          {state === 'occupied' && <p class="form-note">A guest is in this room now: the hub does not move them, so agree a move with them first.</p>}
          {touched && !checked.ok && (
            <p class="form-error" data-field={checked.field}>
              {checked.problem}
            </p>
          )}
          {refusal && (
            <p class="form-error" role="alert">
              {refusal}
            </p>
          )}
          <div class="panel-actions">
            <button type="submit" class={`btn ${room.outOfOrder ? '' : 'btn-danger'}`} disabled={busy}>
              {busy ? 'Saving…' : room.outOfOrder ? 'Change nights' : 'Take out of order'}
            </button>
            <button type="button" class="btn btn-quiet" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
