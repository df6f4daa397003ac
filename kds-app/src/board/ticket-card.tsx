/**
 * One ticket. Memoised: a card renders again only when its own ticket, selection or in-flight bumps
 * change. Its colour follows the clock but renders only when the colour changes; the timer text is
 * its own tiny component that renders every second.
 */
import { memo } from '../memo.ts';
import type { Station } from '../types.ts';
import { EXPO } from '../types.ts';
import { useClock } from './clock.ts';
import { formatElapsed, thresholdsFor, urgencyOf, type StruckStatus, type TicketLine, type TicketView, type Urgency } from './ticket-model.ts';

const URGENCY_LABEL: Record<Urgency, string> = { normal: 'on time', warn: 'getting late', late: 'late' };
/** What a cook reads on a struck card or line, in the words kitchens use. */
const STRUCK_LABEL: Record<StruckStatus, string> = { cancelled: 'CANCELLED', voided: 'VOID' };

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
  if (ticket.ended) classes.push('ticket--ended', `ticket--${ticket.ended.status}`);

  return (
    <article
      class={classes.join(' ')}
      data-testid="ticket"
      data-order-id={ticket.orderId}
      data-number={ticket.number}
      data-urgency={urgency}
      data-selected={selected}
      data-ended={ticket.ended?.status}
      aria-current={selected ? 'true' : undefined}
      aria-label={
        ticket.ended
          ? `Order ${ticket.number}, ${ticket.tableName}, ${ticket.ended.status}`
          : `Order ${ticket.number}, ${ticket.tableName}, ${URGENCY_LABEL[urgency]}${ticket.rush ? ', rush' : ''}`
      }
    >
      {ticket.ended ? (
        <div class="ticket-ended" data-testid="ticket-ended" role="status">
          {STRUCK_LABEL[ticket.ended.status]}
        </div>
      ) : (
        ticket.rush && <div class="ticket-rush">RUSH</div>
      )}
      <header class="ticket-head" onClick={() => onSelect(ticket.orderId)}>
        {position !== null && <kbd class="ticket-pos">{position}</kbd>}
        <span class="ticket-number">#{ticket.number}</span>
        <span class="ticket-table">{ticket.tableName}</span>
        <Elapsed since={ticket.placedAtMs} />
      </header>
      <ul class="ticket-items">
        {ticket.lines.map((line) => (
          <li key={line.item.id}>
            {line.struck ? (
              <div class={`item item--struck item--${line.struck.status}`} data-testid="ticket-item" data-item-id={line.item.id} data-struck={line.struck.status}>
                <LineText line={line} showStation={station === EXPO} stationName={stationName} />
              </div>
            ) : (
              <button
                type="button"
                class={busy?.has(line.item.id) ? 'item item--busy' : 'item'}
                data-testid="ticket-item"
                data-item-id={line.item.id}
                onClick={() => onBumpItem(ticket.orderId, line.item.id)}
                title="Tap to bump this item"
              >
                <LineText line={line} showStation={station === EXPO} stationName={stationName} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {ticket.items.length > 0 && !ticket.ended && (
        <button type="button" class="bump-all" data-testid="bump-all" onClick={() => onBumpAll(ticket.orderId)}>
          {ticket.items.length > 1 ? 'Bump all ✓' : 'Bump ✓'}
        </button>
      )}
    </article>
  );
}

/** One line's words: quantity, name, station on expo, modifiers, the note, allergens; a struck line says why. */
function LineText({ line, showStation, stationName }: { line: TicketLine; showStation: boolean; stationName: (id: string) => string }) {
  const { item, struck } = line;
  return (
    <>
      <span class="item-line">
        <span class="item-qty">{item.quantity}×</span>
        <span class="item-name">{item.name}</span>
        {showStation && <span class="item-station">{stationName(item.station)}</span>}
        {struck && (
          <span class="item-struck" data-testid="item-struck">
            {STRUCK_LABEL[struck.status]}
          </span>
        )}
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
    </>
  );
}

export const TicketCard = memo(TicketCardView);
