/**
 * The availability answer (free rooms and the price of each night, per room type) read two ways: a
 * grid of the next nights for the desk, and the quote of one stay for the New booking dialog. Pure,
 * tested beside it.
 */
import { addDays, nightsOf } from '@onemoment/shared/hotel/stay-dates';
import type { Availability } from '@onemoment/shared/schemas/hotel';

/** How many nights the desk's grid shows, from today. */
export const GRID_NIGHTS = 14;

export interface StayQuote {
  nights: number;
  /** Rooms of the type free on every night of the stay (the fewest over its nights). */
  free: number;
  /** The stay's price; null when a night has no rate (the hub then refuses or prices it itself). */
  totalMinor: number | null;
}

/** The quote of a stay of one room type, or null when the answer does not cover every night. */
export function stayQuote(availability: Availability, roomTypeId: string, arrival: string, departure: string): StayQuote | null {
  const type = availability.roomTypes.find((t) => t.roomTypeId === roomTypeId);
  const nights = nightsOf(arrival, departure);
  if (!type || nights.length === 0) return null;
  let free = Number.POSITIVE_INFINITY;
  let totalMinor: number | null = 0;
  for (const date of nights) {
    const night = type.nights.find((n) => n.date === date);
    if (!night) return null;
    free = Math.min(free, night.free);
    totalMinor = totalMinor === null || night.priceMinor === null ? null : totalMinor + night.priceMinor;
  }
  return { nights: nights.length, free: Math.max(0, free), totalMinor };
}

/** The dates of the grid's columns, from `from`. */
export function gridDates(from: string, count = GRID_NIGHTS): string[] {
  return nightsOf(from, addDays(from, count));
}

export type FreeLevel = 'none' | 'few' | 'some';

/** How a cell is coloured: none free, the last one or two, or more. */
export function freeLevel(free: number, rooms: number): FreeLevel {
  if (free <= 0) return 'none';
  if (free <= Math.min(2, Math.max(1, Math.floor(rooms / 3)))) return 'few';
  return 'some';
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon 7" for a grid column. */
export function columnLabel(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[(at.getUTCDay() + 6) % 7]} ${at.getUTCDate()}`;
}
