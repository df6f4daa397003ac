import type { CommandTx } from '../db/command-runner.ts';

/** A bill (or part of one) charged to a hotel stay: the folio's side of the room-charge tender. */
export interface RoomChargePosting {
  bookingId: string;
  /** room_service: the stay's own room-service visit; bar: any other visit (the bar, the restaurant). */
  kind: 'room_service' | 'bar';
  description: string;
  amountMinor: number;
  /** The payment's id: posting it again adds nothing. */
  sourceId: string;
  staffId: string;
}

/**
 * What payments need of the hotel to take the room-charge tender. The hotel plugs its folios in when
 * it loads (it loads after payments), so payments never imports the hotel.
 */
export interface RoomChargePort {
  /** Inside the payment's command: posts the charge to the stay's folio; refuses a stay not in house. */
  postIn(tx: CommandTx, posting: RoomChargePosting): void;
  /** The stay in house whose room-service visit this is, or null. */
  stayOfVisit(visitId: string): string | null;
}
