import { describe, expect, it } from 'vitest';
import type { TranslatorJob } from '@onemoment/shared/schemas/translator';
import { SpeechError } from '../speech-error.ts';
import { JobQueue } from './job-queue.ts';

/** Work the test finishes by hand, which stops (rejects) when its signal aborts, as recognition does. */
function controllable() {
  let finish: (value: string) => void = () => {};
  let reportProgress: (percent: number) => void = () => {};
  let started = false;
  const run = (signal: AbortSignal, progress: (percent: number) => void) =>
    new Promise<string>((resolve, reject) => {
      started = true;
      reportProgress = progress;
      finish = resolve;
      signal.addEventListener('abort', () => reject(new Error('stopped')));
    });
  return {
    run,
    finish: (value: string) => finish(value),
    progress: (percent: number) => reportProgress(percent),
    get started() {
      return started;
    },
  };
}

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof SpeechError ? `${error.statusCode} ${error.code}` : String(error)),
  );

describe('the recognition job queue', () => {
  it('runs jobs one at a time in order, reporting positions and progress', async () => {
    const queue = new JobQueue({ concurrency: 1, maxWaiting: 5, timeoutMs: 60_000 });
    const [a, b, c] = [controllable(), controllable(), controllable()];
    const seen: Record<string, TranslatorJob[]> = { a: [], b: [], c: [] };
    const results = [
      queue.submit({ id: 'a', owner: 'x', run: a.run, onChange: (job) => seen.a!.push(job) }),
      queue.submit({ id: 'b', owner: 'x', run: b.run, onChange: (job) => seen.b!.push(job) }),
      queue.submit({ id: 'c', owner: 'y', run: c.run, onChange: (job) => seen.c!.push(job) }),
    ];
    expect([a.started, b.started, c.started]).toEqual([true, false, false]);
    expect(queue.get('c', 'y')).toEqual({ id: 'c', state: 'queued', position: 2, progress: 0 });
    expect(queue.get('c', 'x')).toBeNull(); // another owner's job
    a.progress(40);
    a.progress(30); // progress never goes back
    expect(queue.get('a', 'x')?.progress).toBe(40);
    a.finish('A');
    await expect(results[0]).resolves.toBe('A');
    expect([b.started, c.started]).toEqual([true, false]);
    expect(queue.get('c', 'y')?.position).toBe(1);
    b.finish('B');
    await results[1];
    c.finish('C');
    await expect(results[2]).resolves.toBe('C');
    expect(seen.c!.map((job) => `${job.state}:${job.position}`)).toEqual(['queued:2', 'queued:1', 'running:0', 'done:0']);
    expect(queue.get('a', 'x')).toEqual({ id: 'a', state: 'done', position: 0, progress: 100 });
    expect(queue.stats()).toEqual({ running: 0, waiting: 0, concurrency: 1 });
  });

  it('refuses work beyond the waiting limit as busy, and a second job with the same id', async () => {
    const queue = new JobQueue({ concurrency: 1, maxWaiting: 1, timeoutMs: 60_000 });
    const [a, b, c] = [controllable(), controllable(), controllable()];
    const first = queue.submit({ id: 'a', owner: 'x', run: a.run });
    const second = queue.submit({ id: 'b', owner: 'x', run: b.run });
    expect(await errorCode(queue.submit({ id: 'c', owner: 'x', run: c.run }))).toBe('503 translator_busy');
    expect(await errorCode(queue.submit({ id: 'b', owner: 'x', run: c.run }))).toBe('409 job_exists');
    expect(c.started).toBe(false);
    a.finish('A');
    await first;
    b.finish('B');
    await expect(second).resolves.toBe('B');
  });

  it('cancels a waiting job without running it, and a running one by stopping it', async () => {
    const queue = new JobQueue({ concurrency: 1, maxWaiting: 5, timeoutMs: 60_000 });
    const [a, b, c] = [controllable(), controllable(), controllable()];
    const running = queue.submit({ id: 'a', owner: 'x', run: a.run });
    const waiting = queue.submit({ id: 'b', owner: 'x', run: b.run });
    const last = queue.submit({ id: 'c', owner: 'x', run: c.run });
    expect(queue.cancel('b', 'someone else')).toBe(false);
    expect(queue.cancel('b', 'x')).toBe(true);
    expect(await errorCode(waiting)).toBe('409 job_cancelled');
    expect(b.started).toBe(false);
    expect(queue.get('c', 'x')?.position).toBe(1);
    expect(queue.cancel('a', 'x')).toBe(true);
    expect(await errorCode(running)).toBe('409 job_cancelled');
    expect(queue.get('a', 'x')?.state).toBe('cancelled');
    expect(c.started).toBe(true);
    c.finish('C');
    await expect(last).resolves.toBe('C');
  });

  it('stops a job past its time limit and reports it as failed with 504', async () => {
    const queue = new JobQueue({ concurrency: 1, maxWaiting: 5, timeoutMs: 50 });
    const slow = controllable();
    const next = controllable();
    const result = queue.submit({ id: 'slow', owner: 'x', run: slow.run });
    const after = queue.submit({ id: 'next', owner: 'x', run: next.run });
    expect(await errorCode(result)).toBe('504 recognition_timeout');
    expect(queue.get('slow', 'x')?.state).toBe('failed');
    next.finish('fine');
    await expect(after).resolves.toBe('fine');
  });
});
