/**
 * Housekeeping, phone first: the rooms to clean (empty ones before occupied ones), then the rooms to
 * inspect, each with big buttons to mark it Clean, Inspected or Dirty. Live: a room changed anywhere
 * (a checkout makes it dirty) moves at once; after a Wi-Fi blip the list is read again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HousekeepingState, Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { api, describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import { HOUSEKEEPING_LABELS, HOUSEKEEPING_MARKS, housekeepingQueue, withRoom } from './room-words.ts';
import './hotel.css';

interface Lists {
  rooms: Room[];
  roomTypes: RoomType[];
}

export function HousekeepingPage({ store }: { store: LiveStore }) {
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const sending = useRef(new Set<string>());

  useEffect(() => {
    let stopped = false;
    const load = () =>
      Promise.all([api.get<Room[]>('/api/hotel/rooms'), api.get<RoomType[]>('/api/hotel/room-types')]).then(
        ([rooms, roomTypes]) => {
          if (stopped) return;
          setLists({ rooms, roomTypes });
          setError(null);
        },
        (failure: unknown) => !stopped && setError(describeError(failure)),
      );
    void load();
    // room.changed carries the whole room: put it in place, no read needed.
    const offEvent = store.onEvent((event) => {
      if (event.type === 'room.changed') setLists((current) => (current ? { ...current, rooms: withRoom(current.rooms, event.payload) } : current));
    });
    const offReconnect = store.onReconnected(() => void load());
    return () => {
      stopped = true;
      offEvent();
      offReconnect();
    };
  }, [store]);

  const mark = async (room: Room, state: HousekeepingState) => {
    if (sending.current.has(room.id)) return;
    sending.current.add(room.id);
    setBusy(new Set(sending.current));
    try {
      const changed = await api.post<Room>(`/api/hotel/rooms/${encodeURIComponent(room.id)}/housekeeping`, { state });
      setLists((current) => (current ? { ...current, rooms: withRoom(current.rooms, changed) } : current));
      notify(`Room ${changed.number}: ${HOUSEKEEPING_LABELS[changed.housekeeping].toLowerCase()}${changed.ready ? ', ready for a guest' : ''}.`);
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      sending.current.delete(room.id);
      setBusy(new Set(sending.current));
    }
  };

  if (!lists) return <div class="housekeeping">{error ? <p class="form-error">{error}</p> : <p class="muted">Reading the rooms…</p>}</div>;
  const queue = housekeepingQueue(lists.rooms);
  const typeName = (id: string) => lists.roomTypes.find((type) => type.id === id)?.name ?? id;
  const section = (title: string, name: string, rooms: Room[], empty: string) => (
    <section class="hk-section" aria-label={title} data-section={name}>
      <h2>
        {title} <span class="count">{rooms.length}</span>
      </h2>
      {rooms.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <ul class="hk-rooms">
          {rooms.map((room) => (
            <li key={room.id} class={`hk-room hk-${room.housekeeping}`} data-room-id={room.id} data-housekeeping={room.housekeeping}>
              <div class="hk-room-head">
                <span class="hk-number">{room.number}</span>
                <span class="hk-type">
                  {typeName(room.roomTypeId)}
                  {room.occupiedBy && <span class="chip chip-occupied">Guest in</span>}
                  {room.outOfOrderNow && room.outOfOrder && <span class="muted small"> · {room.outOfOrder.reason}</span>}
                </span>
                <span class={`hk-state hk-state-${room.housekeeping}`}>{HOUSEKEEPING_LABELS[room.housekeeping]}</span>
              </div>
              <div class="hk-buttons" role="group" aria-label={`Room ${room.number}`}>
                {HOUSEKEEPING_MARKS.map((state) => (
                  <button
                    key={state}
                    type="button"
                    class={`btn hk-button hk-button-${state}`}
                    aria-pressed={room.housekeeping === state}
                    disabled={busy.has(room.id) || room.housekeeping === state}
                    onClick={() => void mark(room, state)}
                  >
                    {HOUSEKEEPING_LABELS[state]}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <div class="housekeeping">
      <div class="page-head">
        <h1>Housekeeping</h1>
        <p class="muted small">
          {queue.toClean.length} to clean · {queue.toInspect.length} to inspect
        </p>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {section('To clean', 'to-clean', queue.toClean, 'Every room is clean.')}
      {section('To inspect', 'to-inspect', queue.toInspect, 'Nothing waits for an inspection.')}
      {section('Ready', 'done', queue.done, 'No room is inspected yet.')}
      {queue.outOfOrder.length > 0 && section('Out of order', 'out-of-order', queue.outOfOrder, '')}
    </div>
  );
}
