/**
 * Free rooms of each type over the next two weeks (from the hub's availability). Tapping a night with
 * a room free starts a booking of that type on that night.
 */
import type { Availability } from '@onemoment/shared/schemas/hotel';
import { money } from '../format.ts';
import { columnLabel, freeLevel, gridDates } from './availability-words.ts';

interface GridProps {
  availability: Availability;
  currency: string;
  onPick: (roomTypeId: string, arrival: string) => void;
}

export function AvailabilityGrid({ availability, currency, onPick }: GridProps) {
  const dates = gridDates(availability.from);
  return (
    <section class="card availability-grid" aria-label="Availability">
      <div class="desk-section-head">
        <h2>Free rooms, next {dates.length} nights</h2>
      </div>
      <div class="grid-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Room type</th>
              {dates.map((date) => (
                <th key={date} scope="col" class="grid-date">
                  {columnLabel(date)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {availability.roomTypes.map((type) => (
              <tr key={type.roomTypeId} data-room-type={type.roomTypeId}>
                <th scope="row">
                  {type.name} <small class="muted">({type.rooms})</small>
                </th>
                {dates.map((date) => {
                  const night = type.nights.find((n) => n.date === date);
                  if (!night) return <td key={date} />;
                  const level = freeLevel(night.free, type.rooms);
                  const price = night.priceMinor === null ? 'no rate' : money(night.priceMinor, currency);
                  return (
                    <td key={date} class={`grid-cell grid-${level}`} data-date={date} data-free={night.free}>
                      <button
                        type="button"
                        disabled={night.free <= 0}
                        aria-label={`${type.name}, night of ${date}: ${night.free} free, ${price}. Book`}
                        title={price}
                        onClick={() => onPick(type.roomTypeId, date)}
                      >
                        {night.free}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
