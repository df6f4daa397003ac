/**
 * Every room with its housekeeping state and whether a guest can be given it now. With `onOpen`, a
 * tap on a room opens it (to take it out of order or put it back).
 */
import type { Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { HOUSEKEEPING_LABELS, BOARD_STATE_LABELS, byRoomNumber, countBoardStates, roomBoardState, type RoomBoardState } from './room-words.ts';
import { shortDate } from './stay-words.ts';

const SHOWN_COUNTS: readonly RoomBoardState[] = ['ready', 'occupied', 'dirty', 'to_inspect', 'out_of_order'];

export function RoomsBoard({ rooms, roomTypes, onOpen }: { rooms: readonly Room[]; roomTypes: readonly RoomType[]; onOpen?: (room: Room) => void }) {
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
              {onOpen ? (
                <button type="button" class="room-tile-open" aria-label={`Room ${room.number}, ${typeName(room.roomTypeId)}: ${BOARD_STATE_LABELS[state].toLowerCase()}`} onClick={() => onOpen(room)}>
                  <TileFace room={room} state={state} typeName={typeName(room.roomTypeId)} />
                </button>
              ) : (
                <TileFace room={room} state={state} typeName={typeName(room.roomTypeId)} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function TileFace({ room, state, typeName }: { room: Room; state: RoomBoardState; typeName: string }) {
  return (
    <>
      <span class="room-number">{room.number}</span>
      <span class="room-type">{typeName}</span>
      <span class="room-word">{BOARD_STATE_LABELS[state]}</span>
      {state !== 'dirty' && state !== 'to_inspect' && <span class="room-hk">{HOUSEKEEPING_LABELS[room.housekeeping]}</span>}
      {room.outOfOrder && !room.outOfOrderNow && <span class="room-hk">Out from {shortDate(room.outOfOrder.from)}</span>}
    </>
  );
}
