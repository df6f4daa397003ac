// Apertium, the rule-based MT system Debian packages (`apertium` plus a pair such as
// `apertium-eng-spa`): runs offline in a fraction of a second per line. Each translation is one
// `apertium <mode>` run with the text on stdin, bounded in time, text length and concurrency. Without
// `-u`, Apertium marks the words it could not translate; the marks travel on as marked text (see
// marked-text.ts), so a half-translated line is known to be one.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { selectModes, type ApertiumMode } from './apertium-modes.ts';
import { fromApertiumOutput, toApertiumInput } from './apertium-text.ts';
import { runChild, type ChildRunOutcome } from './child-run.ts';
import { RunLimiter } from './run-limiter.ts';
import { normaliseSourceText } from './source-text.ts';
import { TextEngineError, type LanguagePair, type TextEngine, type TextEngineFailure } from './text-engine.ts';

export interface ApertiumEngineOptions {
  /** The `apertium` program: a name looked up on PATH, or a path to it. */
  command?: string;
  /** Where the installed modes are. Apertium itself reads `<data dir>/modes`, so the folder is named `modes`. */
  modesDir?: string;
  /** A run taking longer is killed, with every process of its pipeline. */
  timeoutMs?: number;
  /** Longer texts are refused without a run (characters, after whitespace is normalised). */
  maxTextLength?: number;
  /** Runs at the same time; more wait their turn. */
  maxConcurrent?: number;
  /** Requests waiting for a run beyond this are refused at once as busy. */
  maxQueued?: number;
}

export const APERTIUM_DEFAULTS = {
  command: 'apertium',
  modesDir: '/usr/share/apertium/modes',
  // A line takes 0.2–0.4 s on a 2-core box; ten seconds is a hung pipeline, not a slow one.
  timeoutMs: 10_000,
  // Above the API's 1,000-character line limit, so people meet that limit, not this one.
  maxTextLength: 2_000,
  maxConcurrent: 2,
  maxQueued: 16,
} as const satisfies Required<ApertiumEngineOptions>;

interface Discovery {
  command: string | null;
  modes: ApertiumMode[];
  problem: string | null;
}

export class ApertiumEngine implements TextEngine {
  readonly id = 'apertium';
  private readonly options: Required<ApertiumEngineOptions>;
  private readonly limiter: RunLimiter;
  private readonly inFlight = new Set<AbortController>();
  private discovery: Discovery | null = null;

  constructor(options: ApertiumEngineOptions = {}) {
    const merged = { ...APERTIUM_DEFAULTS, ...definedOnly(options) };
    this.options = { ...merged, modesDir: resolve(merged.modesDir) };
    if (basename(this.options.modesDir) !== 'modes') {
      throw new Error(`Apertium reads its modes from a folder named "modes"; "${this.options.modesDir}" is not one.`);
    }
    this.limiter = new RunLimiter(this.options.maxConcurrent, this.options.maxQueued);
  }

  pairs(): readonly LanguagePair[] {
    return this.discover().modes.map(({ from, to }) => ({ from, to }));
  }

  /** The installed modes behind the pairs, for the status page and logs. */
  modes(): readonly ApertiumMode[] {
    return this.discover().modes;
  }

  /** Why there are no pairs, in words for staff (null when Apertium is ready). */
  problem(): string | null {
    return this.discover().problem;
  }

  /** Reads the install again: after `apt install apertium-xxx-yyy`, without restarting the hub. */
  refresh(): void {
    this.discovery = null;
  }

  /** Runs now and waiting, for the status page. */
  load(): { running: number; waiting: number; concurrency: number } {
    return { running: this.limiter.running, waiting: this.limiter.waiting, concurrency: this.limiter.maxRunning };
  }

  async translate(text: string, from: string, to: string, signal?: AbortSignal): Promise<string> {
    const { command, modes } = this.discover();
    const mode = modes.find((candidate) => candidate.from === from && candidate.to === to);
    if (!command || !mode) throw this.error('unsupported_pair', `Apertium has no ${from}→${to} pair installed.`);
    const clean = normaliseSourceText(text);
    const length = [...clean].length;
    if (length > this.options.maxTextLength) {
      throw this.error('too_long', `The text has ${length} characters; Apertium here translates at most ${this.options.maxTextLength}.`);
    }
    const input = toApertiumInput(clean);
    if (input.text.replace(/\s+/g, '') === '') return fromApertiumOutput(input.text, input.kept);

    const slot = await this.limiter.acquire(signal);
    if (!slot.granted) {
      throw slot.reason === 'busy'
        ? this.error('busy', `Apertium is busy: ${this.limiter.running} running, ${this.limiter.waiting} waiting.`)
        : this.error('aborted', 'The translation was cancelled before it started.');
    }
    const run = new AbortController();
    const forwardAbort = () => run.abort();
    // The caller may have given up while this waited for the slot.
    if (signal?.aborted) run.abort();
    else signal?.addEventListener('abort', forwardAbort, { once: true });
    this.inFlight.add(run);
    try {
      const outcome = await runChild({
        command,
        args: ['-d', dirname(this.options.modesDir), mode.name],
        input: input.text,
        // The script reopens /dev/stdin by name, which a socket (Node's piped stdin) refuses.
        stdin: 'file',
        timeoutMs: this.options.timeoutMs,
        // Translations are about as long as their source; many times that is a runaway process.
        maxOutputBytes: 64 * 1024 + 8 * Buffer.byteLength(input.text),
        signal: run.signal,
      });
      return this.translationOf(outcome, mode, input.kept);
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
      this.inFlight.delete(run);
      slot.release();
    }
  }

  close(): void {
    for (const run of this.inFlight) run.abort();
  }

  private translationOf(outcome: ChildRunOutcome, mode: ApertiumMode, kept: readonly string[]): string {
    switch (outcome.kind) {
      case 'timeout':
        throw this.error('timeout', `Apertium ${mode.name} took longer than ${this.options.timeoutMs} ms and was stopped.`);
      case 'aborted':
        throw this.error('aborted', `Apertium ${mode.name} was stopped: the translation was cancelled.`);
      case 'output_too_large':
        throw this.error('failed', `Apertium ${mode.name} wrote far more than a translation and was stopped.`);
      case 'spawn_failed':
        if (outcome.code === 'ENOENT' || outcome.code === 'EACCES') {
          this.discovery = { command: null, modes: [], problem: `Apertium cannot be started any more (${outcome.code}); reinstall it.` };
          throw this.error('unavailable', `Apertium could not be started: ${outcome.message}`);
        }
        throw this.error('failed', `Apertium could not be started: ${outcome.message}`);
      case 'exited': {
        if (outcome.code !== 0) {
          const detail = outcome.stderr.trim().split('\n')[0] ?? '';
          throw this.error('failed', `Apertium ${mode.name} failed (${outcome.signal ?? `exit code ${outcome.code}`})${detail ? `: ${detail}` : ''}`);
        }
        const translation = fromApertiumOutput(outcome.stdout, kept);
        if (translation === '') throw this.error('failed', `Apertium ${mode.name} returned no text.`);
        return translation;
      }
    }
  }

  private discover(): Discovery {
    this.discovery ??= discoverApertium(this.options.command, this.options.modesDir);
    return this.discovery;
  }

  private error(reason: TextEngineFailure, message: string): TextEngineError {
    return new TextEngineError(this.id, reason, message);
  }
}

function discoverApertium(commandName: string, modesDir: string): Discovery {
  const command = findExecutable(commandName);
  if (!command) return { command: null, modes: [], problem: `Apertium is not installed ("${commandName}" was not found).` };
  let files: string[];
  try {
    files = readdirSync(modesDir);
  } catch {
    return { command, modes: [], problem: `Apertium has no language pairs installed (no folder ${modesDir}).` };
  }
  const modes = selectModes(files);
  return { command, modes, problem: modes.length === 0 ? `Apertium has no language pairs installed in ${modesDir}.` : null };
}

/** The program's path, as the kernel would find it on PATH; null when there is none to run. */
function findExecutable(command: string): string | null {
  const candidates = command.includes('/')
    ? [resolve(command)]
    : (process.env.PATH ?? '').split(delimiter).filter((dir) => isAbsolute(dir)).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: try the next folder.
    }
  }
  return null;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
