import type { JobState, TranslatorJob } from '@onemoment/shared/schemas/translator';
import { SpeechError } from '../speech-error.ts';

export interface JobRun<T> {
  id: string;
  /** Who asked: only the owner may see or cancel the job. */
  owner: string;
  /** The work; it must stop (reject) soon after `signal` aborts. */
  run: (signal: AbortSignal, progress: (percent: number) => void) => Promise<T>;
  onChange?: (job: TranslatorJob) => void;
}

export interface JobQueueOptions {
  /** Jobs running at once: recognition takes every core, so one on a small box. */
  concurrency: number;
  /** Jobs allowed to wait; more is refused as busy instead of keeping guests waiting for minutes. */
  maxWaiting: number;
  /** A running job past this is stopped and reported. */
  timeoutMs: number;
}

interface Entry {
  job: TranslatorJob;
  owner: string;
  controller: AbortController;
  start: () => void;
  onChange?: (job: TranslatorJob) => void;
}

export const jobBusy = () =>
  new SpeechError(503, 'translator_busy', 'The translator is busy with other recordings: try again in a moment.');
export const jobTimedOut = (seconds: number) =>
  new SpeechError(504, 'recognition_timeout', `The recording took longer than ${seconds} s to recognise and was stopped: try a shorter one.`);
export const jobCancelled = () => new SpeechError(409, 'job_cancelled', 'The recording was cancelled.');

/**
 * A first-in-first-out queue of recognition jobs: `concurrency` run at once, the rest wait in order
 * with their position reported. Every job ends in done, failed or cancelled; a time limit stops a job
 * that runs too long, and cancel stops it whether waiting or running.
 */
export class JobQueue {
  private readonly waiting: Entry[] = [];
  private readonly running = new Map<string, Entry>();
  /** Finished jobs, kept briefly so a client asking for its job after the answer still finds it. */
  private readonly finished = new Map<string, { job: TranslatorJob; owner: string }>();

  constructor(private readonly options: JobQueueOptions) {}

  submit<T>(request: JobRun<T>): Promise<T> {
    if (this.waiting.some((e) => e.job.id === request.id) || this.running.has(request.id)) {
      return Promise.reject(new SpeechError(409, 'job_exists', 'A job with this id is already queued or running.'));
    }
    if (this.running.size >= this.options.concurrency && this.waiting.length >= this.options.maxWaiting) {
      return Promise.reject(jobBusy());
    }
    return new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      const entry: Entry = {
        job: { id: request.id, state: 'queued', position: 0, progress: 0 },
        owner: request.owner,
        controller,
        onChange: request.onChange,
        start: () => {
          const timer = setTimeout(() => controller.abort(jobTimedOut(Math.round(this.options.timeoutMs / 1000))), this.options.timeoutMs);
          const progress = (percent: number) => {
            const bounded = Math.max(0, Math.min(100, Math.round(percent)));
            if (entry.job.state !== 'running' || bounded <= entry.job.progress) return;
            this.update(entry, { progress: bounded });
          };
          this.update(entry, { state: 'running', position: 0 });
          request
            .run(controller.signal, progress)
            .then(
              (value) => {
                if (controller.signal.aborted) throw controller.signal.reason;
                this.finish(entry, 'done');
                resolve(value);
              },
            )
            .catch((error: unknown) => {
              const reason = controller.signal.aborted ? controller.signal.reason : error;
              this.finish(entry, reason instanceof SpeechError && reason.code === 'job_cancelled' ? 'cancelled' : 'failed');
              reject(reason);
            })
            .finally(() => clearTimeout(timer));
        },
      };
      controller.signal.addEventListener('abort', () => {
        // A job cancelled while waiting never starts.
        const index = this.waiting.indexOf(entry);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        this.finish(entry, 'cancelled');
        reject(controller.signal.reason);
        this.reportPositions();
      });
      this.waiting.push(entry);
      this.reportPositions();
      this.pump();
    });
  }

  /** Stops a job of this owner; false when there is no such job (or it belongs to someone else). */
  cancel(id: string, owner: string): boolean {
    const entry = this.running.get(id) ?? this.waiting.find((e) => e.job.id === id);
    if (!entry || entry.owner !== owner) return false;
    entry.controller.abort(jobCancelled());
    return true;
  }

  get(id: string, owner: string): TranslatorJob | null {
    const entry = this.running.get(id) ?? this.waiting.find((e) => e.job.id === id) ?? this.finished.get(id);
    return entry && entry.owner === owner ? { ...entry.job } : null;
  }

  stats(): { running: number; waiting: number; concurrency: number } {
    return { running: this.running.size, waiting: this.waiting.length, concurrency: this.options.concurrency };
  }

  /** Cancels everything (the hub is closing). */
  close(): void {
    for (const entry of [...this.waiting, ...this.running.values()]) entry.controller.abort(jobCancelled());
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running.set(entry.job.id, entry);
      entry.start();
    }
    this.reportPositions();
  }

  private finish(entry: Entry, state: JobState): void {
    this.running.delete(entry.job.id);
    this.update(entry, { state, position: 0, progress: state === 'done' ? 100 : entry.job.progress });
    this.finished.set(entry.job.id, { job: entry.job, owner: entry.owner });
    if (this.finished.size > 200) this.finished.delete(this.finished.keys().next().value!);
    this.pump();
  }

  private reportPositions(): void {
    this.waiting.forEach((entry, index) => {
      const position = index + this.running.size;
      if (entry.job.position !== position || entry.job.state !== 'queued') this.update(entry, { position });
    });
  }

  private update(entry: Entry, change: Partial<TranslatorJob>): void {
    entry.job = { ...entry.job, ...change };
    entry.onChange?.({ ...entry.job });
  }
}
