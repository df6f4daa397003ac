// One run of a command-line engine: text in on stdin, text out on stdout, bounded in time and output.
// Apertium is a shell pipeline of a dozen programs; killing only the `apertium` script would leave the
// rest running. So the child gets its own process group and the whole group is killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRunOptions {
  command: string;
  args: readonly string[];
  input: string;
  /** The child (and everything it started) is killed after this long. */
  timeoutMs: number;
  /** More stdout than this is a broken engine: it is killed. */
  maxOutputBytes: number;
  signal?: AbortSignal;
  /**
   * How stdin is given. `pipe` (the default) streams the input. `file` makes stdin a deleted temporary
   * file holding it: for programs that reopen `/dev/stdin` by name, as the `apertium` script does,
   * which fails on the socket Node uses for a piped stdin.
   */
  stdin?: 'pipe' | 'file';
}

export type ChildRunOutcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'output_too_large' }
  | { kind: 'spawn_failed'; code: string; message: string };

const STDERR_KEPT_BYTES = 4096;

/** Never rejects: every way a run can end is an outcome. No shell is involved; arguments go as they are. */
export function runChild(options: ChildRunOptions): Promise<ChildRunOutcome> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ kind: 'aborted' });
      return;
    }
    let child: ChildProcess;
    let inputFile: number | null = null;
    try {
      inputFile = options.stdin === 'file' ? unlinkedFileWith(options.input) : null;
      child = spawn(options.command, [...options.args], { detached: true, stdio: [inputFile ?? 'pipe', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ kind: 'spawn_failed', code: errorCode(error), message: errorMessage(error) });
      return;
    } finally {
      // The child holds its own copy of the descriptor.
      if (inputFile !== null) closeSync(inputFile);
    }

    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let stopping: ChildRunOutcome | null = null;
    let settled = false;

    const finish = (outcome: ChildRunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const stop = (outcome: ChildRunOutcome) => {
      if (stopping || settled) return;
      stopping = outcome;
      killGroup(child);
      // A grandchild that escaped the group could hold the pipes open; ours are closed regardless.
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const onAbort = () => stop({ kind: 'aborted' });
    const timer = setTimeout(() => stop({ kind: 'timeout' }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error) => {
      if (child.pid === undefined) finish({ kind: 'spawn_failed', code: errorCode(error), message: errorMessage(error) });
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) stop({ kind: 'output_too_large' });
      else stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderrBytes < STDERR_KEPT_BYTES) stderr.push(chunk);
      stderrBytes += chunk.length;
    });
    // EPIPE when the child exits before reading all its input: its exit code tells what happened.
    child.stdin?.on('error', () => {});
    // Once we killed it, the exit is the end: nothing it still writes matters.
    child.on('exit', () => {
      if (stopping) finish(stopping);
    });
    child.on('close', (code, signal) => {
      finish(
        stopping ?? {
          kind: 'exited',
          code,
          signal,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8').slice(0, STDERR_KEPT_BYTES),
        },
      );
    });
    if (child.pid !== undefined) child.stdin?.end(options.input, 'utf8');
  });
}

/** A descriptor of a temporary file holding `text`, read from its start, already gone from the folder
 *  (so a crash leaves no guest words on disk). */
function unlinkedFileWith(text: string): number {
  const path = join(tmpdir(), `onemoment-engine-input-${randomUUID()}`);
  const fd = openSync(path, 'wx+', 0o600);
  try {
    unlinkSync(path);
    const bytes = Buffer.from(text, 'utf8');
    // Positional writes leave the shared offset at 0, where the child starts reading.
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, written);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone (ESRCH): nothing to kill.
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
