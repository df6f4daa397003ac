/**
 * Printers: each printer with its live status, the stations it prints for, a test print and a preview;
 * how each station gets its tickets (display, paper or both); and the print queue with each job's age,
 * attempts and last problem, with Reprint. Managers change settings; kitchen and floor staff see the
 * status and the queue, retry and reprint. The page asks the hub again every few seconds.
 */
import { useState } from 'preact/hooks';
import { api, describeError, fetchBlob } from './api.ts';
import { useNow, useObjectUrl, useVisiblePoll } from './hooks.ts';
import { notify } from './toasts.tsx';
import type { StaffRole } from './types.ts';
import './printers-page.css';

type PrinterStatus = 'online' | 'offline' | 'paper_out' | 'cover_open' | 'error' | 'unknown';
type StationMode = 'kds' | 'printer' | 'both';
type JobStatus = 'queued' | 'printing' | 'printed' | 'failed';

export interface PrinterView {
  id: string;
  name: string;
  host: string;
  port: number;
  paperWidth: 58 | 80;
  stations: string[];
  receipts: boolean;
  backupFor: string[];
  enabled: boolean;
  status: PrinterStatus;
  statusMessage: string;
  checkedAt: string | null;
  queue: { queued: number; printing: number; failed: number };
}

interface StationView {
  id: string;
  name: string;
  mode: StationMode;
  printerIds: string[];
  backupPrinterIds: string[];
  prints: boolean;
}

interface PrintJobView {
  id: string;
  kind: 'ticket' | 'receipt' | 'test';
  targetName: string;
  orderNumber: number | null;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  copyOf: string | null;
  ageSeconds: number;
}

interface Found {
  name: string;
  host: string;
  addresses: string[];
  suggestedPort: number;
  known: boolean;
}

interface Draft {
  name: string;
  host: string;
  port: string;
  paperWidth: 58 | 80;
  stations: string[];
  backupFor: string[];
  receipts: boolean;
  enabled: boolean;
}

const STATUS_LABELS: Record<PrinterStatus, string> = {
  online: 'Online',
  offline: 'Offline',
  paper_out: 'Paper out',
  cover_open: 'Cover open',
  error: 'Error',
  unknown: 'Checking…',
};
const MODE_LABELS: Record<StationMode, string> = { kds: 'Screen only', printer: 'Paper only', both: 'Screen and paper' };
const JOB_FILTERS: Array<JobStatus | 'all'> = ['all', 'queued', 'failed', 'printed'];
const KIND_LABELS = { ticket: 'Ticket', receipt: 'Receipt', test: 'Test page' } as const;
const REFRESH_MS = 5000;
const EMPTY_DRAFT: Draft = { name: '', host: '', port: '9100', paperWidth: 80, stations: [], backupFor: [], receipts: false, enabled: true };

/** "12 s", "4 min", "1 h 5 min". */
export function jobAge(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function PrintersPage({ role }: { role: StaffRole }) {
  const manager = role === 'manager';
  const [printers, setPrinters] = useState<PrinterView[] | null>(null);
  const [stations, setStations] = useState<StationView[]>([]);
  const [jobs, setJobs] = useState<PrintJobView[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const [filter, setFilter] = useState<JobStatus | 'all'>('all');
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  const load = async (refresh = false) => {
    try {
      const query = filter === 'all' ? '?limit=50' : `?limit=50&status=${filter}`;
      const [list, queue] = await Promise.all([
        api.get<{ printers: PrinterView[]; stations: StationView[] }>(`/api/printers${refresh ? '?refresh=true' : ''}`),
        api.get<{ jobs: PrintJobView[] }>(`/api/print-jobs${query}`),
      ]);
      setPrinters(list.printers);
      setStations(list.stations);
      setJobs(queue.jobs);
      setFetchedAt(Date.now());
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  useVisiblePoll(load, REFRESH_MS, [filter]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done);
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
    await load();
  };

  const stationName = (id: string) => stations.find((s) => s.id === id)?.name ?? id;
  const waiting = jobs?.filter((job) => job.status === 'queued').length ?? 0;

  return (
    <div class="printers-page">
      <div class="page-head">
        <h1>Printers</h1>
        <div class="page-actions">
          <button type="button" class="btn" onClick={() => void load(true)}>
            Check now
          </button>
          {manager && (
            <button type="button" class="btn btn-primary" onClick={() => setDraft(draft ? null : { ...EMPTY_DRAFT })} aria-expanded={draft !== null}>
              Add printer
            </button>
          )}
        </div>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {manager && draft && (
        <PrinterForm
          title="Add a printer"
          initial={draft}
          stations={stations}
          onCancel={() => setDraft(null)}
          onSave={async (body) => {
            await api.post('/api/printers', body);
            notify(`${body.name} is added`);
            setDraft(null);
            await load(true);
          }}
        />
      )}
      {manager && <Discovery onUse={(found) => setDraft({ ...EMPTY_DRAFT, name: found.name.slice(0, 60), host: found.addresses[0] ?? found.host, port: String(found.suggestedPort) })} />}

      {!printers ? (
        <p class="muted">Loading printers…</p>
      ) : printers.length === 0 ? (
        <p class="card muted">No printer yet. Tickets show on the kitchen screens only. Add a printer by its IP address, or search the network.</p>
      ) : (
        <ul class="printer-list">
          {printers.map((printer) => (
            <PrinterCard key={printer.id} printer={printer} manager={manager} stations={stations} stationName={stationName} act={act} reload={load} />
          ))}
        </ul>
      )}

      <section class="card" aria-label="Stations">
        <h2>How each station gets its tickets</h2>
        <ul class="station-modes">
          {stations.map((station) => (
            <li key={station.id} class="station-mode" data-station={station.id}>
              <span class="station-mode-name">{station.name}</span>
              <div class="segmented" role="group" aria-label={`Tickets for ${station.name}`}>
                {(Object.keys(MODE_LABELS) as StationMode[]).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    aria-pressed={station.mode === mode}
                    disabled={!manager}
                    onClick={() => void act(() => api.request('PUT', `/api/stations/${encodeURIComponent(station.id)}/printing`, { mode }), `${station.name}: ${MODE_LABELS[mode].toLowerCase()}`)}
                  >
                    {MODE_LABELS[mode]}
                  </button>
                ))}
              </div>
              <span class="muted small">
                {station.mode === 'kds'
                  ? 'Nothing prints.'
                  : station.prints
                    ? `Prints on ${[...station.printerIds, ...station.backupPrinterIds].map((id) => printers?.find((p) => p.id === id)?.name ?? '?').join(', ')}.`
                    : 'No printer assigned: tickets show on the screen only.'}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section class="card" aria-label="Print queue">
        <div class="page-head">
          <h2>Print queue</h2>
          <div class="page-actions">
            <div class="segmented" role="group" aria-label="Show jobs">
              {JOB_FILTERS.map((value) => (
                <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
                  {value === 'all' ? 'All' : value.charAt(0).toUpperCase() + value.slice(1)}
                </button>
              ))}
            </div>
            <button type="button" class="btn btn-small" disabled={waiting === 0} onClick={() => void act(() => api.post('/api/print-jobs/retry'), 'Trying the waiting jobs now')}>
              Retry now
            </button>
          </div>
        </div>
        <JobList jobs={jobs} fetchedAt={fetchedAt} onReprint={(job) => void act(() => api.post(`/api/print-jobs/${encodeURIComponent(job.id)}/reprint`, {}), 'A copy is on its way')} />
      </section>
    </div>
  );
}

function PrinterCard(props: {
  printer: PrinterView;
  manager: boolean;
  stations: StationView[];
  stationName: (id: string) => string;
  act: (work: () => Promise<unknown>, done: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { printer, manager, stationName, act } = props;
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState<'ticket' | 'receipt' | null>(null);
  const path = `/api/printers/${encodeURIComponent(printer.id)}`;
  const prints = [...printer.stations.map(stationName), ...(printer.receipts ? ['Receipts'] : [])];

  return (
    <li class={`card printer-card printer-${printer.status} ${printer.enabled ? '' : 'printer-off'}`} data-printer-id={printer.id} data-status={printer.status}>
      <div class="printer-head">
        <span class={`printer-status printer-status-${printer.status}`}>
          <span class="printer-dot" aria-hidden="true" />
          {STATUS_LABELS[printer.status]}
        </span>
        <h2 class="printer-name">{printer.name}</h2>
        <span class="muted small">
          {printer.host}:{printer.port} · {printer.paperWidth} mm{printer.enabled ? '' : ' · switched off'}
        </span>
      </div>
      <p class="printer-message">{printer.statusMessage}</p>
      <p class="small">
        {prints.length > 0 ? `Prints: ${prints.join(', ')}` : 'Not assigned to a station yet.'}
        {printer.backupFor.length > 0 && ` · Backup for: ${printer.backupFor.map(stationName).join(', ')}`}
      </p>
      <p class="small muted">
        Waiting: {printer.queue.queued} · Printing: {printer.queue.printing} · Failed today: {printer.queue.failed}
      </p>
      <div class="menu-actions">
        {manager && (
          <button type="button" class="btn btn-small" onClick={() => void act(() => api.post(`${path}/test`), `Test page sent to ${printer.name}`)}>
            Test print
          </button>
        )}
        <button type="button" class="btn btn-small" aria-expanded={preview !== null} onClick={() => setPreview(preview ? null : 'ticket')}>
          Preview
        </button>
        {manager && (
          <>
            <button type="button" class="btn btn-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              Edit
            </button>
            <button type="button" class="btn btn-small" onClick={() => void act(() => api.patch(path, { enabled: !printer.enabled }), printer.enabled ? `${printer.name} is switched off` : `${printer.name} is back on`)}>
              {printer.enabled ? 'Switch off' : 'Switch on'}
            </button>
            <button
              type="button"
              class="btn btn-small btn-danger-quiet"
              onClick={() => {
                if (confirm(`Remove ${printer.name}? Its stations' tickets will no longer print there.`)) void act(() => api.request('DELETE', path), `${printer.name} is removed`);
              }}
            >
              Remove
            </button>
          </>
        )}
      </div>
      {preview && <Preview printerId={printer.id} kind={preview} onKind={setPreview} />}
      {editing && (
        <PrinterForm
          title={`Edit ${printer.name}`}
          initial={{ ...printer, port: String(printer.port) }}
          stations={props.stations}
          onCancel={() => setEditing(false)}
          onSave={async (body) => {
            await api.patch(path, body);
            notify(`${body.name} is saved`);
            setEditing(false);
            await props.reload();
          }}
        />
      )}
    </li>
  );
}

function Preview({ printerId, kind, onKind }: { printerId: string; kind: 'ticket' | 'receipt'; onKind: (kind: 'ticket' | 'receipt') => void }) {
  const image = useObjectUrl(`${printerId}:${kind}`, () => fetchBlob(`/api/printers/${encodeURIComponent(printerId)}/preview.svg?kind=${kind}`));
  return (
    <div class="printer-preview">
      <div class="segmented" role="group" aria-label="Sample">
        {(['ticket', 'receipt'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={kind === value} onClick={() => onKind(value)}>
            {value === 'ticket' ? 'Kitchen ticket' : 'Receipt'}
          </button>
        ))}
      </div>
      {image.url ? (
        <img class="printer-paper" src={image.url} alt={`A sample ${kind} as this printer prints it`} />
      ) : image.error ? (
        <p class="form-error">{image.error}</p>
      ) : (
        <p class="muted">Drawing the preview…</p>
      )}
    </div>
  );
}

function PrinterForm(props: {
  title: string;
  initial: Draft;
  stations: StationView[];
  onSave: (body: Omit<Draft, 'port'> & { port: number }) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(props.initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const port = Number(draft.port);
  const valid = draft.name.trim() !== '' && draft.host.trim() !== '' && Number.isInteger(port) && port >= 1 && port <= 65535;
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((s) => s !== id) : [...list, id]);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { name, host, paperWidth, stations, backupFor, receipts, enabled } = draft;
      await props.onSave({ name: name.trim(), host: host.trim(), port, paperWidth, stations, backupFor, receipts, enabled });
    } catch (failure) {
      setProblem(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card printer-form"
      aria-label={props.title}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void save();
      }}
    >
      <h2>{props.title}</h2>
      <div class="printer-form-grid">
        <label class="field">
          Name
          <input type="text" maxLength={60} value={draft.name} placeholder="Grill printer" onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label class="field">
          IP address or host name
          <input type="text" maxLength={253} value={draft.host} placeholder="192.168.1.50" autoCapitalize="off" spellcheck={false} onInput={(e) => set({ host: e.currentTarget.value })} />
        </label>
        <label class="field">
          Port
          <input type="text" inputMode="numeric" maxLength={5} value={draft.port} onInput={(e) => set({ port: e.currentTarget.value.replace(/\D/g, '') })} />
        </label>
        <label class="field">
          Paper
          <select value={String(draft.paperWidth)} onChange={(e) => set({ paperWidth: e.currentTarget.value === '58' ? 58 : 80 })}>
            <option value="80">80 mm</option>
            <option value="58">58 mm</option>
          </select>
        </label>
      </div>
      <fieldset class="printer-checks">
        <legend>Prints tickets for</legend>
        {props.stations.map((station) => (
          <label key={station.id} class="printer-check">
            <input type="checkbox" checked={draft.stations.includes(station.id)} onChange={() => set({ stations: toggle(draft.stations, station.id), backupFor: draft.backupFor.filter((s) => s !== station.id) })} />
            {station.name}
          </label>
        ))}
        <label class="printer-check">
          <input type="checkbox" checked={draft.receipts} onChange={() => set({ receipts: !draft.receipts })} />
          Receipts
        </label>
      </fieldset>
      <fieldset class="printer-checks">
        <legend>Takes over when their printer is down</legend>
        {props.stations
          .filter((station) => !draft.stations.includes(station.id))
          .map((station) => (
            <label key={station.id} class="printer-check">
              <input type="checkbox" checked={draft.backupFor.includes(station.id)} onChange={() => set({ backupFor: toggle(draft.backupFor, station.id) })} />
              {station.name}
            </label>
          ))}
      </fieldset>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="menu-actions">
        <button type="submit" class="btn btn-primary" disabled={!valid || busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="btn btn-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Discovery({ onUse }: { onUse: (found: Found) => void }) {
  const [result, setResult] = useState<{ printers: Found[]; note: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async () => {
    setBusy(true);
    try {
      setResult(await api.get<{ printers: Found[]; note: string | null }>('/api/printers/discover'));
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="printer-discovery" aria-label="Printers on the network">
      <button type="button" class="btn btn-small" disabled={busy} onClick={() => void search()}>
        {busy ? 'Searching the network…' : 'Search the network for printers'}
      </button>
      {result?.note && <p class="muted small">{result.note}</p>}
      {result && result.printers.length > 0 && (
        <ul class="found-list">
          {result.printers.map((found) => (
            <li key={`${found.name}-${found.host}`} class="found">
              <span>
                <strong>{found.name}</strong> <span class="muted small">{found.addresses[0] ?? found.host}:{found.suggestedPort}</span>
              </span>
              {found.known ? <span class="muted small">Already added</span> : (
                <button type="button" class="btn btn-small" onClick={() => onUse(found)}>
                  Use
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JobList({ jobs, fetchedAt, onReprint }: { jobs: PrintJobView[] | null; fetchedAt: number; onReprint: (job: PrintJobView) => void }) {
  const now = useNow(1000);
  if (!jobs) return <p class="muted">Loading the queue…</p>;
  if (jobs.length === 0) return <p class="muted">Nothing here.</p>;
  const since = Math.max(0, (now - fetchedAt) / 1000);
  return (
    <ul class="job-list">
      {jobs.map((job) => (
        <li key={job.id} class={`job job-${job.status}`} data-job-id={job.id} data-status={job.status}>
          <div class="job-main">
            <span class={`job-status job-status-${job.status}`}>{job.status}</span>
            <span class="job-what">
              {KIND_LABELS[job.kind]}
              {job.orderNumber !== null && ` #${job.orderNumber}`} · {job.targetName}
              {job.copyOf && <span class="muted"> (copy)</span>}
            </span>
            <span class="muted small job-age">{jobAge(job.ageSeconds + since)} ago</span>
            <span class="muted small">
              {job.attempts} {job.attempts === 1 ? 'try' : 'tries'}
            </span>
            {(job.status === 'printed' || job.status === 'failed') && (
              <button type="button" class="btn btn-small" onClick={() => onReprint(job)}>
                Reprint
              </button>
            )}
          </div>
          {job.lastError && <p class="job-error">{job.lastError}</p>}
        </li>
      ))}
    </ul>
  );
}
