/**
 * Online tasks (managers): what the hub still owes the internet through its outbox (TON payment
 * checks, Cloudbeds, Airalo), grouped as waiting for a person, being sent, and waiting; each with its
 * vendor, what it is, its age, its tries and its last problem in plain words. Retry one now, or cancel
 * it with a reason. The list is read again every few seconds while the page is visible. Above them, on
 * a hub that sells eSIMs, the paid eSIM sales Airalo did not deliver, for a person to settle.
 */
import { useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { clockTime, elapsedText } from '../format.ts';
import { useNow, useVisiblePoll } from '../hooks.ts';
import { notify } from '../toasts.tsx';
import type { LiveStore } from '../live-store.ts';
import type { OutboxJobState, OutboxJobView } from '../types.ts';
import { EsimTasksSection } from '../esim/purchase-lists.tsx';
import { JOB_STATE_LABELS, canCancel, canRetry, nextTryText, problemText } from './job-words.ts';
import './online-tasks.css';

const REFRESH_MS = 5_000;
type View = 'owed' | 'finished';
const GROUPS: Record<View, OutboxJobState[]> = { owed: ['needs_person', 'running', 'waiting'], finished: ['done', 'cancelled'] };
const GROUP_TITLES: Record<OutboxJobState, string> = {
  needs_person: 'Waiting for a person',
  running: 'Being sent now',
  waiting: 'Waiting to be sent',
  done: 'Done',
  cancelled: 'Cancelled',
};

export function OnlineTasksPage({ store, esim, onChanged }: { store: LiveStore; esim: boolean; onChanged: () => void }) {
  const [view, setView] = useState<View>('owed');
  const [lists, setLists] = useState<Partial<Record<OutboxJobState, OutboxJobView[]>> | null>(null);
  const [readAt, setReadAt] = useState(Date.now());
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<OutboxJobView | null>(null);
  const now = useNow(5_000);
  const shown = useRef(view);
  shown.current = view;

  const load = async () => {
    const asked = view;
    try {
      const states = GROUPS[asked];
      const answers = await Promise.all(states.map((state) => api.get<{ jobs: OutboxJobView[] }>(`/api/outbox/jobs?state=${state}&limit=100`)));
      // A slow answer for the other view (the person switched meanwhile) is not shown.
      if (shown.current !== asked) return;
      setLists(Object.fromEntries(states.map((state, index) => [state, answers[index]!.jobs])));
      setReadAt(Date.now());
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useVisiblePoll(load, REFRESH_MS, [view]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done);
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
    await load();
    onChanged();
  };

  const sinceRead = Math.max(0, (now - readAt) / 1000);
  const total = lists ? Object.values(lists).reduce((sum, jobs) => sum + (jobs?.length ?? 0), 0) : 0;

  return (
    <div class="tasks-page">
      <div class="page-head">
        <div>
          <h1>Online tasks</h1>
          <p class="muted small tasks-intro">What the hub still has to send over the internet. The venue keeps working without it; these go out when the internet is back.</p>
        </div>
        <div class="page-actions">
          <div class="segmented" role="group" aria-label="Show tasks">
            <button type="button" aria-pressed={view === 'owed'} onClick={() => setView('owed')}>
              Still to send
            </button>
            <button type="button" aria-pressed={view === 'finished'} onClick={() => setView('finished')}>
              Finished
            </button>
          </div>
          <button type="button" class="btn" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {esim && view === 'owed' && <EsimTasksSection store={store} role="manager" />}
      {!lists ? (
        <p class="muted">Loading…</p>
      ) : total === 0 ? (
        <p class="card muted" data-testid="tasks-empty">
          {view === 'owed' ? 'Nothing is waiting: everything the hub owed the internet has been sent.' : 'No finished tasks yet.'}
        </p>
      ) : (
        GROUPS[view].map((state) => {
          const jobs = lists[state] ?? [];
          if (jobs.length === 0) return null;
          return (
            <section key={state} class="task-group" aria-label={GROUP_TITLES[state]}>
              <h2>
                {GROUP_TITLES[state]} <span class="count">{jobs.length}</span>
              </h2>
              <ul class="task-list card">
                {jobs.map((job) => (
                  <TaskRow
                    key={job.id}
                    job={job}
                    ageSeconds={job.ageSeconds + sinceRead}
                    now={now}
                    onRetry={() => void act(() => api.post(`/api/outbox/jobs/${encodeURIComponent(job.id)}/retry`), `${job.vendorLabel}: trying again now`)}
                    onCancel={() => setCancelling(job)}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
      {cancelling && (
        <CancelTaskDialog
          job={cancelling}
          onClose={() => setCancelling(null)}
          onCancel={async (reason) => {
            await act(() => api.post(`/api/outbox/jobs/${encodeURIComponent(cancelling.id)}/cancel`, { reason }), `${cancelling.vendorLabel}: task cancelled`);
            setCancelling(null);
          }}
        />
      )}
    </div>
  );
}

function TaskRow({ job, ageSeconds, now, onRetry, onCancel }: { job: OutboxJobView; ageSeconds: number; now: number; onRetry: () => void; onCancel: () => void }) {
  const problem = problemText(job);
  const next = nextTryText(job, now);
  const owed = GROUPS.owed.includes(job.state);
  return (
    <li class={`task task-${job.state}`} data-job-id={job.id} data-state={job.state}>
      <div class="task-main">
        <span class={`task-state task-state-${job.state}`}>{JOB_STATE_LABELS[job.state]}</span>
        <span class="task-what">
          <strong class="task-vendor">{job.vendorLabel}</strong>
          <span>{job.description}</span>
        </span>
        <div class="task-actions">
          {canRetry(job) && (
            <button type="button" class="btn btn-small" onClick={onRetry}>
              Retry now
            </button>
          )}
          {canCancel(job) && (
            <button type="button" class="btn btn-small btn-danger-quiet" onClick={onCancel}>
              Cancel…
            </button>
          )}
        </div>
      </div>
      <p class="task-meta muted small">
        <span class="task-age" data-testid="task-age">
          {job.state === 'waiting' ? `waiting ${elapsedText(ageSeconds)}` : owed ? `${elapsedText(ageSeconds)} old` : `${elapsedText(ageSeconds)} ago`}
        </span>{' '}
        (made {clockTime(job.createdAt)}) · {job.attempts} {job.attempts === 1 ? 'try' : 'tries'}
        {next && ` · ${next}`}
      </p>
      {problem && <p class="task-problem">{problem}</p>}
      {job.cancelReason && <p class="task-reason small">Cancelled: {job.cancelReason}</p>}
    </li>
  );
}

function CancelTaskDialog({ job, onClose, onCancel }: { job: OutboxJobView; onClose: () => void; onCancel: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = reason.trim() !== '';
  return (
    <Dialog title="Cancel this online task" onClose={onClose}>
      <form
        class="reason-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ok || busy) return;
          setBusy(true);
          void onCancel(reason.trim()).finally(() => setBusy(false));
        }}
      >
        <p class="form-note">
          <strong>{job.vendorLabel}</strong>: {job.description}. It will not be sent; whatever waited on it is left for a person to sort out.
        </p>
        <label>
          Why is it cancelled? <small class="muted">(kept with the task)</small>
          <input type="text" name="reason" maxLength={300} value={reason} placeholder="e.g. the guest paid another way" onInput={(event) => setReason(event.currentTarget.value)} autoFocus />
        </label>
        <div class="panel-actions">
          <button type="submit" class="btn btn-danger" disabled={!ok || busy}>
            {busy ? 'Cancelling…' : 'Cancel the task'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Keep it
          </button>
        </div>
      </form>
    </Dialog>
  );
}
