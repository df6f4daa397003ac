/** Labels and the acknowledge button shared by the floor grid and the table panel. */
import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { TableRequest, TableState } from '../types.ts';

export const STATE_LABELS: Record<TableState, string> = {
  free: 'Free',
  browsing: 'Browsing the menu',
  open: 'Seated',
  ordering: 'Ordered',
  waiting: 'Waiting for food',
  bill: 'Wants the bill',
};

export const REQUEST_LABELS: Record<TableRequest['kind'], string> = {
  waiter: 'Calls a waiter',
  bill: 'Asks for the bill',
};

export function AcknowledgeButton({ store, request }: { store: LiveStore; request: TableRequest }) {
  const [busy, setBusy] = useState(false);
  const acknowledge = async () => {
    setBusy(true);
    try {
      await api.post(`/api/requests/${request.id}/acknowledge`);
      store.refreshTables();
    } catch (error) {
      notify(describeError(error), 'error');
      setBusy(false);
    }
  };
  return (
    <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void acknowledge()}>
      {busy ? 'Acknowledging…' : 'Acknowledge'}
    </button>
  );
}
