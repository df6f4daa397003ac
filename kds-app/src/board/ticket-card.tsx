/**
 * One ticket. Memoised: a card renders again only when its own ticket, selection or in-flight bumps
 * change. Its colour follows the clock but renders only when the colour changes; the timer text is
 * its own tiny component that renders every second.
 */
import { memo } from '../memo.ts';
import type { Station } from '../types.ts';
import { EXPO } from '../types.ts';
import { useClock } from './clock.ts';
import { formatElapsed, thresholdsFor, urgencyOf, type TicketView, type Urgency } from './ticket-model.ts';

const URGENCY_LABEL: Record<Urgency, string> = { normal: 'on time', warn: 'getting late', late: 'late' };

function Elapsed({ since }: { since: number }) {
  const text = useClock((now) => formatElapsed(now - since));
  return (
    <span class="ticket-elapsed" data-testid="elapsed">
      {text}
    </span>
  );
}

export interface TicketCardProps {
  ticket: TicketView;
  station: string;
  stations: Station[];
  /** 1–9 for the first nine cards (the bump bar's digit), otherwise null. */
  position: number | null;
  selected: boolean;
  /** Ids of this ticket's items with a bump on the way, joined (a string keeps memo cheap). */
  inflight: string;
  onSelect: (orderId: string) => void;
  onBumpItem: (orderId: string, itemId: string) => void;
  onBumpAll: (orderId: string) => void;
}

function TicketCardView({ ticket, station, stations, position, selected, inflight, onSelect, onBumpItem, onBumpAll }: TicketCardProps) {
  const thresholds = thresholdsFor(ticket, station, stations);
  const urgency = useClock((now) => urgencyOf(now - ticket.placedAtMs, thresholds));
  const stationName = (id: string) => stations.find((s) => s.id === id)?.name ?? id;
  const busy = inflight ? new Set(inflight.split(',')) : null;

  const classes = ['ticket', `ticket--${urgency}`];
  if (ticket.rush) classes.push('ticket--rush');
  if (selected) classes.push('ticket--selected');

  return (
    <article
      class={classes.join(' ')}
      data-testid="ticket"
      data-order-id={ticket.orderId}
      data-number={ticket.number}
      data-urgency={urgency}
      data-selected={selected}
      aria-current={selected ? 'true' : undefined}
      aria-label={`Order ${ticket.number}, ${ticket.tableName}, ${URGENCY_LABEL[urgency]}${ticket.rush ? ', rush' : ''}`}
    >
      {ticket.rush && <div class="ticket-rush">RUSH</div>}
      <header class="ticket-head" onClick={() => onSelect(ticket.orderId)}>
        {position !== null && <kbd class="ticket-pos">{position}</kbd>}
        <span class="ticket-number">#{ticket.number}</span>
        <span class="ticket-table">{ticket.tableName}</span>
        <Elapsed since={ticket.placedAtMs} />
      </header>
      <ul class="ticket-items">
        {ticket.items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              class={busy?.has(item.id) ? 'item item--busy' : 'item'}
              data-testid="ticket-item"
              data-item-id={item.id}
              onClick={() => onBumpItem(ticket.orderId, item.id)}
              title="Tap to bump this item"
            >
              <span class="item-line">
                <span class="item-qty">{item.quantity}×</span>
                <span class="item-name">{item.name}</span>
                {station === EXPO && <span class="item-station">{stationName(item.station)}</span>}
              </span>
              {item.modifiers.length > 0 && (
                <span class="item-mods">
                  {item.modifiers.map((modifier) => (
                    <span key={modifier.id} class="item-mod">
                      {modifier.name}
                    </span>
                  ))}
                </span>
              )}
              {item.note && (
                <span class="item-note" data-testid="item-note">
                  <strong>NOTE</strong> {item.note}
                </span>
              )}
              {item.allergens.length > 0 && (
                <span class="item-allergens">
                  {item.allergens.map((allergen) => (
                    <span key={allergen} class="allergen" data-testid="allergen">
                      ⚠ {allergen}
                    </span>
                  ))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="bump-all" data-testid="bump-all" onClick={() => onBumpAll(ticket.orderId)}>
        {ticket.items.length > 1 ? 'Bump all ✓' : 'Bump ✓'}
      </button>
    </article>
  );
}

export const TicketCard = memo(TicketCardView);
