/**
 * One eSIM sale as staff see it: what was sold, to which table, for how much, where it stands and how
 * long the guest has waited; why a person has it; the actions the lifecycle gives this role; and, once
 * delivered, the install codes for the seller or a manager.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EsimPurchase, PurchaseActionBody } from '@onemoment/shared/schemas/esim';
import { api, describeError } from '../api.ts';
import { clockTime, money } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { StaffRole } from '../types.ts';
import { ACTION_LABELS, STATUS_LABELS, packageSummary, staffActionsFor, waitText, type StaffPurchaseAction } from './esim-words.ts';
import { InstallPanel } from './install-panel.tsx';
import { RefundDialog, SwapDialog } from './purchase-dialogs.tsx';

const DONE: Record<StaffPurchaseAction, string> = {
  retry: 'ordered again',
  swap: 'swapped and ordered',
  refund: 'refunded',
  cancel: 'taken off the bill',
};

interface PurchaseCardProps {
  purchase: EsimPurchase;
  role: StaffRole;
  now: number;
  /** The list is read again (the hub's event follows too; this is for the answer before it). */
  onChanged: () => void;
}

export function PurchaseCard({ purchase: listed, role, now, onChanged }: PurchaseCardProps) {
  // A reading newer than the list's (usage, an action's answer) until the list is read again.
  const [fresh, setFresh] = useState<EsimPurchase | null>(null);
  useEffect(() => setFresh(null), [listed]);
  const purchase = fresh ?? listed;
  const [asking, setAsking] = useState<'refund' | 'swap' | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [showInstall, setShowInstall] = useState(false);
  const actions = staffActionsFor(purchase.status, role);
  const wait = waitText(purchase, now);

  const send = async (body: PurchaseActionBody) => {
    setBusy(true);
    try {
      const next = await api.post<EsimPurchase>(`/api/esim/purchases/${encodeURIComponent(purchase.id)}/actions`, body);
      setFresh(next);
      setAsking(null);
      setConfirmCancel(false);
      notify(`${purchase.title} (${purchase.tableName}): ${DONE[body.action]}`);
      onChanged();
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setBusy(false);
    }
  };

  const tap = (action: StaffPurchaseAction) => {
    if (action === 'refund' || action === 'swap') setAsking(action);
    else if (action === 'cancel') setConfirmCancel(true);
    else void send({ action });
  };

  return (
    <li class={`esim-purchase esim-${purchase.status}`} data-purchase-id={purchase.id} data-status={purchase.status}>
      <div class="esim-purchase-main">
        <span class={`esim-status esim-status-${purchase.status}`}>{STATUS_LABELS[purchase.status]}</span>
        <span class="esim-purchase-what">
          <strong>{purchase.title}</strong>
          <span class="muted small">
            {packageSummary(purchase)} · {purchase.tableName} · sold {clockTime(purchase.createdAt)} {purchase.soldBy === 'guest' ? 'by the guest' : 'by staff'}
          </span>
        </span>
        <span class="esim-purchase-price">{money(purchase.priceMinor, purchase.currency)}</span>
      </div>
      {wait && (
        <p class="esim-wait small" data-testid="esim-wait">
          {wait}
        </p>
      )}
      {purchase.reason && <p class="esim-reason small">{purchase.status === 'refunded' ? 'Refunded: ' : 'Why: '}{purchase.reason}</p>}
      {(actions.length > 0 || purchase.status === 'delivered') && (
        <div class="panel-actions esim-actions">
          {purchase.status === 'delivered' && purchase.qr && (
            <button type="button" class="btn btn-small" aria-expanded={showInstall} onClick={() => setShowInstall(!showInstall)}>
              {showInstall ? 'Hide install codes' : 'Install codes'}
            </button>
          )}
          {actions.map((action) => (
            <button key={action} type="button" class={`btn btn-small ${action === 'refund' || action === 'cancel' ? 'btn-danger-quiet' : ''}`} disabled={busy} onClick={() => tap(action)}>
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      )}
      {confirmCancel && (
        <div class="confirm small">
          <p>Take {purchase.title} off {purchase.tableName}'s bill? Nothing was paid for it yet, and nothing is ordered.</p>
          <div class="panel-actions">
            <button type="button" class="btn btn-small btn-danger" disabled={busy} onClick={() => void send({ action: 'cancel' })}>
              Take it off
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmCancel(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {showInstall && purchase.status === 'delivered' && <InstallPanel purchase={purchase} onPurchase={setFresh} />}
      {asking === 'refund' && <RefundDialog purchase={purchase} onClose={() => setAsking(null)} onSend={send} />}
      {asking === 'swap' && <SwapDialog purchase={purchase} onClose={() => setAsking(null)} onSend={send} />}
    </li>
  );
}
