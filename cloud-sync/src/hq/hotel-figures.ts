import { mulDivHalfUp } from '@onemoment/shared/apportion';

/**
 * The hotel figures, pure: occupancy, ADR and RevPAR from rooms and revenue. Money is integer minor
 * units of one currency; a division rounds half up to a whole minor unit, once, at the end.
 */

/** A night's (or a range's) money in one currency. */
export interface HotelMoney {
  currency: string;
  /** Rooms sold in this currency (the ADR's divisor). */
  roomsSold: number;
  /** The nights' shares of their bookings' totals. */
  roomRevenueMinor: number;
  /** Average daily rate: room revenue / rooms sold; null when none was sold. */
  adrMinor: number | null;
  /** Revenue per available room: room revenue / rooms available; null when there are no rooms. */
  revparMinor: number | null;
  /** What room-service bills settled that business day paid. */
  roomServiceMinor: number;
}

/** Rooms sold over rooms available in percent, one decimal (half up); null when there are no rooms. */
export function occupancyPercent(sold: number, available: number): number | null {
  if (available <= 0) return null;
  return mulDivHalfUp(sold, 1000, available) / 10;
}

/**
 * One entry per currency found in the sales or the room service (by code); the venue's currency with
 * zeros when there is neither, so an empty night still says what it would be counted in.
 */
export function hotelMoney(
  venueCurrency: string,
  roomsAvailable: number,
  sales: ReadonlyArray<{ currency: string; roomsSold: number; roomRevenueMinor: number }>,
  roomService: ReadonlyArray<{ currency: string; roomServiceMinor: number }>,
): HotelMoney[] {
  const currencies = [...new Set([...sales.map((s) => s.currency), ...roomService.map((s) => s.currency)])].sort();
  if (currencies.length === 0) currencies.push(venueCurrency);
  return currencies.map((currency) => {
    const roomsSold = sales.filter((s) => s.currency === currency).reduce((sum, s) => sum + s.roomsSold, 0);
    const roomRevenueMinor = sales.filter((s) => s.currency === currency).reduce((sum, s) => sum + s.roomRevenueMinor, 0);
    return {
      currency,
      roomsSold,
      roomRevenueMinor,
      adrMinor: roomsSold > 0 ? mulDivHalfUp(roomRevenueMinor, 1, roomsSold) : null,
      revparMinor: roomsAvailable > 0 ? mulDivHalfUp(roomRevenueMinor, 1, roomsAvailable) : null,
      roomServiceMinor: roomService.filter((s) => s.currency === currency).reduce((sum, s) => sum + s.roomServiceMinor, 0),
    };
  });
}
