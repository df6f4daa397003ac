/**
 * The front desk (front desk staff and managers): today's arrivals, departures and guests in house,
 * each with one tap to check in or out; overbookings to resolve; the rooms board (a tap on a room takes
 * it out of order or puts it back); free rooms over the next two weeks; and New booking. Live: it
 * reads the desk again on every booking, room and overbooking event, so two desks and housekeeping
 * see the same hotel. Where the hub sells eSIMs, a guest in house is sold one from the booking's detail
 * with the bill's own dialog: the hub charges it to the room at once.
 */
import { useState } from 'preact/hooks';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Availability, Booking, Folio, FrontDesk, Room, RoomType } from '@onemoment/shared/schemas/hotel';
import { api, describeError } from '../api.ts';
import { SellEsimDialog } from '../esim/sell-esim-dialog.tsx';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { BillView } from '../types.ts';
import { AvailabilityGrid } from './availability-grid.tsx';
import { GRID_NIGHTS } from './availability-words.ts';
import { bookingPath, useBookingActions } from './booking-actions.ts';
import { BookingDetailDialog } from './booking-detail-dialog.tsx';
import { ConflictsPanel } from './conflicts-panel.tsx';
import { DatesDialog } from './dates-dialog.tsx';
import { DeskList } from './desk-list.tsx';
import { FolioDialog } from './folio-dialog.tsx';
import { NewBookingDialog } from './new-booking-dialog.tsx';
import { RoomDialog } from './room-dialog.tsx';
import { RoomsBoard } from './rooms-board.tsx';
import { longDate } from './stay-words.ts';
import { useHotelLive } from './use-hotel-live.ts';
import './hotel.css';

interface DeskData {
  desk: FrontDesk;
  rooms: Room[];
  roomTypes: RoomType[];
  availability: Availability;
}

async function loadDesk(): Promise<DeskData> {
  const [desk, rooms, roomTypes] = await Promise.all([api.get<FrontDesk>('/api/hotel/front-desk'), api.get<Room[]>('/api/hotel/rooms'), api.get<RoomType[]>('/api/hotel/room-types')]);
  const availability = await api.get<Availability>(`/api/hotel/availability?from=${desk.date}&to=${addDays(desk.date, GRID_NIGHTS)}`);
  return { desk, rooms, roomTypes, availability };
}

type Open =
  | { kind: 'new'; start?: { roomTypeId: string; arrival: string } }
  | { kind: 'detail'; booking: Booking }
  | { kind: 'folio'; booking: Booking; folio: Folio }
  /** Selling an eSIM to a stay in house: its room-service visit's bill. */
  | { kind: 'esim'; booking: Booking; bill: BillView }
  | { kind: 'dates'; bookingId: string }
  | { kind: 'room'; roomId: string }
  | null;

export function FrontDeskPage({ store, role, currency, esim }: { store: LiveStore; role: StaffRole; currency: string; esim: boolean }) {
  const live = useHotelLive(store, loadDesk);
  const [open, setOpen] = useState<Open>(null);
  const actions = useBookingActions((booking, folio) => setOpen({ kind: 'folio', booking, folio }), live.reload);

  if (!live.data) {
    return <div class="front-desk">{live.error ? <p class="form-error">{live.error}</p> : <p class="muted">Reading the front desk…</p>}</div>;
  }
  const { desk, rooms, roomTypes, availability } = live.data;
  const names = new Map([...desk.arrivals, ...desk.departures, ...desk.inHouse].map((b) => [b.id, b.guest.name]));
  const showDetail = (booking: Booking) => setOpen({ kind: 'detail', booking });
  // An open dialog follows the desk's reads (the guest registers meanwhile, a room is taken out).
  const fresh = (booking: Booking) => [...desk.arrivals, ...desk.departures, ...desk.inHouse].find((b) => b.id === booking.id) ?? booking;
  const openRoom = open?.kind === 'room' ? rooms.find((room) => room.id === open.roomId) : undefined;

  const openFolio = async (booking: Booking) => {
    const folio = await api.get<Folio>(`${bookingPath(booking.id)}/folio`);
    setOpen({ kind: 'folio', booking, folio });
  };

  const sellEsim = async (booking: Booking, visitId: string) => {
    try {
      const bill = await api.get<BillView>(`/api/visits/${encodeURIComponent(visitId)}/bill`);
      setOpen({ kind: 'esim', booking, bill });
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
  };

  return (
    <div class="front-desk" data-date={desk.date}>
      <div class="page-head">
        <div>
          <h1>Front desk</h1>
          <p class="muted desk-date">{longDate(desk.date)}</p>
        </div>
        <div class="page-actions">
          <button type="button" class="btn btn-primary" onClick={() => setOpen({ kind: 'new' })}>
            New booking
          </button>
        </div>
      </div>
      {live.error && (
        <p class="form-error" role="alert">
          {live.error}
        </p>
      )}

      <ConflictsPanel conflicts={desk.conflicts} names={names} onMoveDates={(bookingId) => setOpen({ kind: 'dates', bookingId })} onChanged={live.reload} />

      <div class="desk-lists">
        <DeskList title="Arrivals" list="arrivals" bookings={desk.arrivals} role={role} roomTypes={roomTypes} actions={actions} onOpen={showDetail} empty="No more arrivals today." />
        <DeskList title="Departures" list="departures" bookings={desk.departures} role={role} roomTypes={roomTypes} actions={actions} onOpen={showDetail} empty="No more departures today." />
        <DeskList title="In house" list="inHouse" bookings={desk.inHouse} role={role} roomTypes={roomTypes} actions={actions} onOpen={showDetail} empty="Nobody is in house." />
      </div>

      <RoomsBoard rooms={rooms} roomTypes={roomTypes} onOpen={(room) => setOpen({ kind: 'room', roomId: room.id })} />
      <AvailabilityGrid availability={availability} currency={currency} onPick={(roomTypeId, arrival) => setOpen({ kind: 'new', start: { roomTypeId, arrival } })} />

      {open?.kind === 'new' && (
        <NewBookingDialog
          today={desk.date}
          roomTypes={roomTypes}
          rooms={rooms}
          currency={currency}
          start={open.start}
          onMade={() => {
            setOpen(null);
            live.reload();
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'detail' && (
        <BookingDetailDialog
          store={store}
          booking={fresh(open.booking)}
          role={role}
          roomTypes={roomTypes}
          actions={actions}
          onFolio={() => void openFolio(open.booking)}
          esim={esim}
          onSellEsim={(visitId) => void sellEsim(open.booking, visitId)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'esim' && (
        // Back to the stay's detail either way: the sale shows there, delivered once Airalo answers.
        <SellEsimDialog bill={open.bill} chargedToRoom onSold={() => setOpen({ kind: 'detail', booking: open.booking })} onClose={() => setOpen({ kind: 'detail', booking: open.booking })} />
      )}
      {open?.kind === 'folio' && (
        <FolioDialog booking={open.booking} folio={open.folio} onCheckOut={() => actions.run(open.booking, 'check-out')} onClose={() => setOpen(null)} />
      )}
      {openRoom && <RoomDialog room={openRoom} roomTypes={roomTypes} today={desk.date} onChanged={live.reload} onClose={() => setOpen(null)} />}
      {open?.kind === 'dates' && (
        <DatesDialog
          bookingId={open.bookingId}
          onDone={() => {
            setOpen(null);
            live.reload();
          }}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
