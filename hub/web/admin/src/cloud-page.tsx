/**
 * Cloud sync for the manager: whether the hub is paired and connected, when it last synced, and what is
 * still waiting to reach HQ; pairing with the code HQ shows, and unpairing. The hub works the same
 * without it: this page only says how far behind HQ's reports are.
 */
import { useState } from 'preact/hooks';
import { api, describeError } from './api.ts';
import { useVisiblePoll } from './hooks.ts';
import { notify } from './toasts.tsx';

interface SyncStatus {
  paired: boolean;
  connected: boolean;
  cloudUrl: string | null;
  cloudVenueId: string | null;
  lastSyncAt: string | null;
  pendingUpdates: number;
  pendingBytes: number;
  oldestPendingAgeMs: number;
  lastError: string | null;
}

const REFRESH_MS = 3000;

function ago(iso: string | null): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
}

export function CloudPage() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [cloudUrl, setCloudUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      setStatus(await api.get<SyncStatus>('/api/sync/status'));
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useVisiblePoll(load, REFRESH_MS);

  const pair = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.post<SyncStatus>('/api/sync/pair', { cloudUrl: cloudUrl.trim(), pairingCode: code.trim() }));
      notify('Paired with the cloud');
      setCode('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const unpair = async () => {
    if (!confirm('Stop syncing with the cloud? Orders keep being recorded here and sync again after a new pairing.')) return;
    try {
      setStatus(await api.post<SyncStatus>('/api/sync/unpair'));
      notify('Unpaired');
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
  };

  return (
    <div class="cloud-page">
      <div class="page-head">
        <h1>Cloud</h1>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!status ? (
        <p class="muted">Loading…</p>
      ) : status.paired ? (
        <section class="card cloud-status" aria-label="Sync status" data-connected={status.connected} data-pending={status.pendingUpdates}>
          <p class="cloud-state">
            <strong>{status.connected ? 'Connected' : 'Not connected'}</strong> to {status.cloudUrl}
          </p>
          <p>Last sync: {ago(status.lastSyncAt)}</p>
          <p>
            Waiting to reach HQ: {status.pendingUpdates} change{status.pendingUpdates === 1 ? '' : 's'}
            {status.pendingUpdates > 0 && ` (${Math.ceil(status.pendingBytes / 1024)} KB, oldest ${duration(status.oldestPendingAgeMs)})`}
          </p>
          {status.lastError && <p class="muted">Last problem: {status.lastError}</p>}
          <button type="button" class="btn btn-danger-quiet" onClick={() => void unpair()}>
            Unpair
          </button>
        </section>
      ) : (
        <form class="card cloud-form" onSubmit={(event) => void pair(event)} aria-label="Pair with the cloud">
          <h2>Pair with HQ</h2>
          <p class="form-note">Not paired: everything is recorded here and will reach HQ once the hub is paired.</p>
          <div class="cloud-form-grid">
            <label class="field">
              Cloud address
              <input name="cloudUrl" type="url" required placeholder="https://cloud.example.com" value={cloudUrl} onInput={(e) => setCloudUrl(e.currentTarget.value)} />
            </label>
            <label class="field">
              Pairing code from HQ
              <input name="pairingCode" type="text" required maxLength={16} autoComplete="off" spellcheck={false} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
            </label>
          </div>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Pairing…' : 'Pair'}
          </button>
        </form>
      )}
    </div>
  );
}
