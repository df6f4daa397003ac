// Helpers for the text-translation tests: stand-in `apertium` programs (real child processes that hang,
// crash or record their runs), temporary folders, and a way to see whether a process still runs.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguagePair, TextEngine } from '../../src/translator/text/text-engine.ts';

export interface FakeApertium {
  dir: string;
  /** The script to use as the engine's `command`. */
  command: string;
  /** A `modes` folder holding the given mode files (content is irrelevant to the fake). */
  modesDir: string;
  file(name: string): string;
}

/** A temporary folder; `remove()` it when done. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `onemoment-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A shell script standing in for `apertium`, with `body` as its commands. `$DIR` in the body is the
 * fake's own folder (for pid and log files). Modes default to one `eng-spa.mode`.
 */
let fakes = 0;
export function fakeApertium(root: string, body: string, modes: readonly string[] = ['eng-spa']): FakeApertium {
  fakes += 1;
  const dir = join(root, `fake-${fakes}`);
  const modesDir = join(dir, 'share', 'modes');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(modesDir, { recursive: true });
  for (const mode of modes) writeFileSync(join(modesDir, `${mode}.mode`), 'cat\n');
  const command = join(dir, 'bin', 'apertium');
  writeFileSync(command, `#!/bin/sh\nDIR='${dir}'\n${body}\n`);
  chmodSync(command, 0o755);
  return { dir, command, modesDir, file: (name) => join(dir, name) };
}

/** Whether a process is alive (a zombie waiting to be reaped counts as gone). Linux /proc. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function readPid(path: string): number {
  if (!existsSync(path)) throw new Error(`no pid file ${path}: the fake never got that far`);
  return Number(readFileSync(path, 'utf8').trim());
}

/** Wraps an engine and counts the runs that reach it, to prove what the cache and phrasebook save. */
export class CountingEngine implements TextEngine {
  runs = 0;
  constructor(private readonly inner: TextEngine) {}
  get id(): string {
    return this.inner.id;
  }
  pairs(): readonly LanguagePair[] {
    return this.inner.pairs();
  }
  translate(text: string, from: string, to: string, signal?: AbortSignal): Promise<string> {
    this.runs += 1;
    return this.inner.translate(text, from, to, signal);
  }
  close(): void {
    this.inner.close?.();
  }
}
