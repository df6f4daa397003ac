import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RecognizeMessage, RecognizedSegment, RecognizerReply } from './recognizer-protocol.ts';

export interface RecognitionInput extends Omit<RecognizeMessage, 'kind'> {
  onProgress?: (progress: number) => void;
  /** Aborting kills the process: whisper.cpp has no other way to stop mid-clip. */
  signal?: AbortSignal;
}

export interface RecognitionOutput {
  language: string;
  segments: RecognizedSegment[];
  processingMs: number;
}

/** The recognizer process died or was stopped; `reason` says which. */
export class RecognizerStopped extends Error {
  constructor(
    readonly reason: 'aborted' | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'RecognizerStopped';
  }
}

/** Unix niceness of the recognizer (0 is the hub's; 19 the lowest priority). */
const RECOGNIZER_NICENESS = 10;

const childFile = fileURLToPath(new URL('./recognizer-child.ts', import.meta.url));
// The child is TypeScript like the rest of the hub: it runs with the same loader (tsx) the hub runs with.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * One recognizer process, started on first use and kept with its model loaded. It runs one clip at a
 * time (the job queue guarantees that); a stopped or crashed process is replaced on the next clip.
 */
export class RecognizerProcess {
  private child: ChildProcess | null = null;
  private busy = false;
  /** Model loads seen, for the status page and tests. */
  loads = 0;

  async recognize(input: RecognitionInput): Promise<RecognitionOutput> {
    if (this.busy) throw new Error('RecognizerProcess runs one clip at a time');
    if (input.signal?.aborted) throw new RecognizerStopped('aborted', 'stopped before it started');
    this.busy = true;
    const child = this.child ?? this.start();
    try {
      return await new Promise<RecognitionOutput>((resolve, reject) => {
        const onMessage = (reply: RecognizerReply) => {
          if (reply.id !== input.id) return;
          if (reply.kind === 'loaded') this.loads += 1;
          else if (reply.kind === 'progress') input.onProgress?.(reply.progress);
          else if (reply.kind === 'done') finish(() => resolve({ language: reply.language, segments: reply.segments, processingMs: reply.processingMs }));
          else finish(() => reject(new Error(reply.message)));
        };
        const onExit = (code: number | null, signal: string | null) => {
          finish(() => reject(new RecognizerStopped('crashed', `the recognizer stopped (${signal ?? `exit ${code}`})`)));
        };
        const onAbort = () => {
          finish(() => reject(new RecognizerStopped('aborted', 'stopped')));
          this.kill();
        };
        const finish = (settle: () => void) => {
          child.off('message', onMessage);
          child.off('exit', onExit);
          input.signal?.removeEventListener('abort', onAbort);
          settle();
        };
        child.on('message', onMessage);
        child.on('exit', onExit);
        input.signal?.addEventListener('abort', onAbort, { once: true });
        const { onProgress: _progress, signal: _signal, ...fields } = input;
        const message: RecognizeMessage = { kind: 'recognize', ...fields };
        child.send(message);
      });
    } finally {
      this.busy = false;
    }
  }

  /** Stops the process now (a running clip fails with RecognizerStopped). */
  kill(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private start(): ChildProcess {
    const child = fork(childFile, [], {
      execArgv: ['--import', tsxLoader],
      serialization: 'advanced',
      // whisper.cpp reports on stderr; with NODE_ENV=production smart-whisper silences it.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    // Recognition takes every core it is given for seconds; orders, kitchen screens and printers must
    // never wait behind it, so the recognizer runs at a lower CPU priority than the hub.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, RECOGNIZER_NICENESS);
      } catch {
        // Not permitted on some systems: recognition still works, only without the lower priority.
      }
    }
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    // A failed send (the child just died) surfaces as its exit; nothing else to do with the error here.
    child.on('error', () => {});
    this.child = child;
    return child;
  }
}
