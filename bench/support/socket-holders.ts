import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SocketPool, type HubEventMessage } from './sockets.ts';

/**
 * The sockets that only listen (staff screens, guest phones) live in a worker thread, so their
 * messages never queue in front of the grill KDS sockets whose arrival times the main thread measures.
 * The worker counts each order.placed per order id, and the main thread checks the counts at the end.
 */

export interface HolderSpec {
  baseUrl: string;
  staff: { count: number; auth: Record<string, unknown> };
  guests: Array<Record<string, unknown>>;
}

export interface HolderCounts {
  /** order id → order.placed events received across the staff sockets. */
  staff: Record<string, number>;
  guest: Record<string, number>;
  dropped: number;
}

type FromWorker = { type: 'ready' } | { type: 'error'; message: string } | { type: 'counts'; counts: HolderCounts };

export interface SocketHolders {
  /** The counts once the sockets have had `expected` events in all (or after 5 s with what they have). */
  counts(expected: number): Promise<HolderCounts>;
  close(): Promise<void>;
}

/** Starts the worker and resolves once every one of its sockets has said `ready`. */
export async function startSocketHolders(spec: HolderSpec): Promise<SocketHolders> {
  // A worker does not inherit tsx's loader hooks: a small script registers them, then loads this file.
  const bootstrap = `(async () => {
    const tsx = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    tsx.register();
    await import(${JSON.stringify(import.meta.url)});
  })();`;
  const worker = new Worker(bootstrap, { eval: true, workerData: spec });
  const next = <T extends FromWorker['type']>(type: T) =>
    new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromWorker, { type: T }>);
        } else if (message.type === 'error') {
          cleanup();
          reject(new Error(message.message));
        }
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the socket holder thread exited (${code})`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  try {
    await next('ready');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    async counts(expected) {
      const reply = next('counts');
      worker.postMessage({ expected });
      return (await reply).counts;
    },
    async close() {
      await worker.terminate();
    },
  };
}

async function runHolder(spec: HolderSpec): Promise<void> {
  const pool = new SocketPool(spec.baseUrl);
  const counts: HolderCounts = { staff: {}, guest: {}, dropped: 0 };
  let received = 0;
  let waiting: { expected: number; timer: NodeJS.Timeout } | null = null;
  const reply = () => {
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting = null;
    counts.dropped = pool.disconnected();
    parentPort!.postMessage({ type: 'counts', counts } satisfies FromWorker);
  };
  const counter = (into: Record<string, number>) => (message: HubEventMessage) => {
    const id = (message.payload as { id?: unknown } | null)?.id;
    if (message.type !== 'order.placed' || typeof id !== 'string') return;
    into[id] = (into[id] ?? 0) + 1;
    received += 1;
    if (waiting && received >= waiting.expected) reply();
  };
  parentPort!.on('message', (message: { expected?: unknown }) => {
    if (typeof message.expected !== 'number') return;
    waiting = { expected: message.expected, timer: setTimeout(reply, 5_000) };
    if (received >= message.expected) reply();
  });
  try {
    await pool.openMany(spec.staff.count, 25, () => pool.open('/staff', spec.staff.auth, counter(counts.staff)));
    await pool.openMany(spec.guests.length, 25, (index) => pool.open('/guest', spec.guests[index]!, counter(counts.guest)));
    parentPort!.postMessage({ type: 'ready' } satisfies FromWorker);
  } catch (error) {
    pool.closeAll();
    parentPort!.postMessage({ type: 'error', message: (error as Error).message } satisfies FromWorker);
  }
}

if (!isMainThread && (workerData as { baseUrl?: unknown } | null)?.baseUrl) {
  void runHolder(workerData as HolderSpec);
}
