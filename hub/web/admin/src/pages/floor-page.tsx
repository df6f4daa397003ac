/**
 * The floor: every table at a glance, coloured by its state, with guests' calls for a waiter or the
 * bill standing out until someone acknowledges them. Tapping a table opens its panel.
 */
import { useState } from 'preact/hooks';
import { age, money } from '../format.ts';
import { useNow } from '../hooks.ts';
import type { LiveSnapshot, LiveStore } from '../live-store.ts';
import type { StaffRole, Table, TableState } from '../types.ts';
import { TablePanel } from './table-panel.tsx';
import { AcknowledgeButton, REQUEST_LABELS, STATE_LABELS } from './table-bits.tsx';
import { openQrSheet } from './qr.tsx';

interface FloorProps {
  store: LiveStore;
  live: LiveSnapshot;
  role: StaffRole;
  currency: string;
  /** The hub sells eSIMs: the bill offers one. */
  esim: boolean;
}

export function FloorPage({ store, live, role, currency, esim }: FloorProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const now = useNow();
  const tables = live.tables;
  const selected = tables?.find((table) => table.id === selectedId) ?? null;
  const calls = (tables ?? []).flatMap((table) => table.pendingRequests.map((request) => ({ table, request })));
  calls.sort((a, b) => Date.parse(a.request.createdAt) - Date.parse(b.request.createdAt));

  return (
    <div class={`floor ${selected ? 'floor-with-panel' : ''}`}>
      <section class="floor-main" aria-label="Tables">
        <div class="page-head">
          <h1>Tables</h1>
          <div class="page-actions">
            <button type="button" class="btn" onClick={() => void openQrSheet()}>
              Print QR codes
            </button>
          </div>
        </div>
        {calls.length > 0 && (
          <ul class="calls" aria-label="Guest requests">
            {calls.map(({ table, request }) => (
              <li key={request.id} class={`call call-${request.kind}`}>
                <button type="button" class="call-table" onClick={() => setSelectedId(table.id)}>
                  {table.name}
                </button>
                <span class="call-what">{REQUEST_LABELS[request.kind]}</span>
                <span class="call-age">{age(request.createdAt, now)}</span>
                <AcknowledgeButton store={store} request={request} />
              </li>
            ))}
          </ul>
        )}
        {!tables ? (
          <p class="muted">Loading tables…</p>
        ) : (
          <div class="table-grid">
            {tables.map((table) => (
              <TableCard
                key={table.id}
                table={table}
                now={now}
                currency={currency}
                selected={table.id === selectedId}
                onSelect={() => setSelectedId(table.id === selectedId ? null : table.id)}
              />
            ))}
          </div>
        )}
        <Legend />
      </section>
      {selected && (
        // On a portrait tablet the panel is a bottom sheet: tapping the dimmed floor closes it.
        <div class="panel-scrim" aria-hidden="true" onClick={() => setSelectedId(null)} />
      )}
      {selected && tables && (
        <TablePanel
          key={selected.id}
          store={store}
          table={selected}
          tables={tables}
          orders={(live.orders ?? []).filter((order) => selected.visit && order.visitId === selected.visit.id)}
          role={role}
          currency={currency}
          esim={esim}
          onClose={() => setSelectedId(null)}
          onMoved={(tableId) => setSelectedId(tableId)}
        />
      )}
    </div>
  );
}

function TableCard(props: { table: Table; now: number; currency: string; selected: boolean; onSelect: () => void }) {
  const { table, now, currency } = props;
  const calling = table.pendingRequests.length > 0;
  return (
    <button
      type="button"
      class={`table-card state-${table.state} ${calling ? 'table-calling' : ''} ${props.selected ? 'table-selected' : ''}`}
      data-table-id={table.id}
      data-state={table.state}
      aria-pressed={props.selected}
      onClick={props.onSelect}
    >
      <span class="table-top">
        <span class="table-name">{table.name}</span>
        {calling && (
          <span class="table-calls">
            {table.pendingRequests.map((request) => (
              <span key={request.id} class={`chip chip-${request.kind}`}>
                {request.kind === 'bill' ? 'Bill' : 'Waiter'}
              </span>
            ))}
          </span>
        )}
      </span>
      <span class="table-state">{STATE_LABELS[table.state]}</span>
      {table.visit ? (
        <span class="table-visit">
          {age(table.visit.openedAt, now)} · {table.visit.ordersCount} {table.visit.ordersCount === 1 ? 'order' : 'orders'}
          {table.visit.totalMinor > 0 && <> · {money(table.visit.totalMinor, currency)}</>}
        </span>
      ) : (
        <span class="table-visit muted">{table.seats} seats</span>
      )}
    </button>
  );
}

function Legend() {
  return (
    <ul class="legend" aria-label="Colours">
      {(Object.keys(STATE_LABELS) as TableState[]).map((state) => (
        <li key={state}>
          <span class={`legend-swatch state-${state}`} aria-hidden="true" />
          {STATE_LABELS[state]}
        </li>
      ))}
      <li>
        <span class="legend-swatch table-calling" aria-hidden="true" />
        Guest is calling
      </li>
    </ul>
  );
}
