/** Every room with its housekeeping state and whether a guest can be given it now. */
import type { Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { HOUSEKEEPING_LABELS, BOARD_STATE_LABELS, byRoomNumber, countBoardStates, roomBoardState, type RoomBoardState } from './room-words.ts';

const SHOWN_COUNTS: readonly RoomBoardState[] = ['ready', 'occupied', 'dirty', 'to_inspect', 'out_of_order'];

export function RoomsBoard({ rooms, roomTypes }: { rooms: readonly Room[]; roomTypes: readonly RoomType[] }) {
  const counts = countBoardStates(rooms);
  const typeName = (id: string) => roomTypes.find((type) => type.id === id)?.name ?? id;
  return (
    <section class="card rooms-board" aria-label="Rooms">
      <div class="desk-section-head">
        <h2>Rooms</h2>
        <ul class="board-counts">
          {SHOWN_COUNTS.filter((state) => counts[state] > 0).map((state) => (
            <li key={state} class={`room-state room-state-${state}`}>
              {counts[state]} {BOARD_STATE_LABELS[state].toLowerCase()}
            </li>
          ))}
        </ul>
      </div>
      <ul class="room-tiles">
        {[...rooms].sort(byRoomNumber).map((room) => {
          const state = roomBoardState(room);
          return (
            <li
              key={room.id}
              class={`room-tile room-tile-${state}`}
              data-room-id={room.id}
              data-state={state}
              data-ready={String(room.ready)}
              data-housekeeping={room.housekeeping}
              title={room.outOfOrder ? `Out of order ${room.outOfOrder.from} → ${room.outOfOrder.to}: ${room.outOfOrder.reason}` : undefined}
            >
              <span class="room-number">{room.number}</span>
              <span class="room-type">{typeName(room.roomTypeId)}</span>
              <span class="room-word">{BOARD_STATE_LABELS[state]}</span>
              {state !== 'dirty' && state !== 'to_inspect' && <span class="room-hk">{HOUSEKEEPING_LABELS[room.housekeeping]}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
