/**
 * The eSIM sales lists: all of them by status (the eSIM page), those waiting for a person (the Online
 * tasks page), and a visit's own (under its bill in the table panel). Each follows the hub's
 * `esim.sale_changed` events; on a hub without the eSIM module each shows nothing.
 */
import { useState } from 'preact/hooks';
import { PURCHASE_STATUSES, type PurchaseStatus } from '@onemoment/shared/esim/purchase-lifecycle';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import { useNow } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import type { StaffRole } from '../types.ts';
import { STATUS_LABELS } from './esim-words.ts';
import { PurchaseCard } from './purchase-card.tsx';
import { useEsimPurchases } from './use-esim-purchases.ts';
import './esim.css';

function PurchaseList({ purchases, role, onChanged }: { purchases: EsimPurchase[]; role: StaffRole; onChanged: () => void }) {
  const now = useNow(15_000);
  return (
    <ul class="esim-purchases">
      {purchases.map((purchase) => (
        <PurchaseCard key={purchase.id} purchase={purchase} role={role} now={now} onChanged={onChanged} />
      ))}
    </ul>
  );
}

/** Every sale, newest first, narrowed to one status. */
export function EsimSales({ store, role }: { store: LiveStore; role: StaffRole }) {
  const [status, setStatus] = useState<PurchaseStatus | ''>('');
  const live = useEsimPurchases(store, status === '' ? {} : { status });
  if (live.missing) return <p class="card muted">eSIMs are not sold on this hub.</p>;
  return (
    <section class="esim-sales" aria-label="eSIM sales">
      <div class="esim-sales-head">
        <label class="field field-short">
          Show
          <select name="status" value={status} onChange={(event) => setStatus(event.currentTarget.value as PurchaseStatus | '')}>
            <option value="">Every sale</option>
            {PURCHASE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {live.error && (
        <p class="form-error" role="alert">
          {live.error}
        </p>
      )}
      {!live.purchases ? (
        <p class="muted">Loading…</p>
      ) : live.purchases.length === 0 ? (
        <p class="card muted" data-testid="esim-sales-empty">
          {status === '' ? 'No eSIM sold yet.' : `No sale is ${STATUS_LABELS[status].toLowerCase()}.`}
        </p>
      ) : (
        <div class="card">
          <PurchaseList purchases={live.purchases} role={role} onChanged={live.reload} />
        </div>
      )}
    </section>
  );
}

/** The Online tasks page's section: paid sales Airalo could not deliver, for a person to retry, swap or refund. */
export function EsimTasksSection({ store, role }: { store: LiveStore; role: StaffRole }) {
  const live = useEsimPurchases(store, { status: 'needs_person' });
  if (live.missing) return null;
  const count = live.purchases?.length ?? 0;
  return (
    <section class="task-group esim-tasks" aria-label="eSIM sales waiting for a person">
      <h2>
        eSIM sales waiting for a person {count > 0 && <span class="count">{count}</span>}
      </h2>
      {live.error && <p class="form-error">{live.error}</p>}
      {!live.purchases ? (
        <p class="muted">Loading…</p>
      ) : count === 0 ? (
        <p class="card muted small" data-testid="esim-tasks-empty">
          None: every paid eSIM went through.
        </p>
      ) : (
        <div class="card">
          <p class="muted small">Paid, but Airalo did not deliver them (the package is gone, or the order was refused). Order again, swap the package, or refund the guest.</p>
          <PurchaseList purchases={live.purchases} role={role} onChanged={live.reload} />
        </div>
      )}
    </section>
  );
}

/** A visit's eSIMs, under its bill; nothing when it has none. */
export function VisitEsims({ store, visitId, role }: { store: LiveStore; visitId: string; role: StaffRole }) {
  const live = useEsimPurchases(store, { visitId });
  if (live.missing || !live.purchases || live.purchases.length === 0) return null;
  return (
    <section class="panel-section visit-esims" aria-label="eSIMs">
      <h3>eSIMs</h3>
      <PurchaseList purchases={live.purchases} role={role} onChanged={live.reload} />
    </section>
  );
}
