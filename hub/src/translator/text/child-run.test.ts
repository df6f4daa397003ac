import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChild, type ChildRunOptions } from './child-run.ts';
import { fakeApertium, isRunning, readPid, tempDir } from '../../../test/support/text-translation.ts';

describe('runChild', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('child-run');
  });
  afterEach(() => dir.remove());

  const run = (command: string, overrides: Partial<ChildRunOptions> = {}) =>
    runChild({ command, args: [], input: '', timeoutMs: 10_000, maxOutputBytes: 1_000_000, ...overrides });

  it('passes the input on stdin, as a pipe or as a file, and returns stdout, stderr and the exit code', async () => {
    const script = fakeApertium(dir.path, 'cat; echo "to stderr" >&2; exit 3').command;
    for (const stdin of ['pipe', 'file'] as const) {
      expect(await run(script, { input: 'héllo 🍕\nline two', stdin })).toEqual({
        kind: 'exited',
        code: 3,
        signal: null,
        stdout: 'héllo 🍕\nline two',
        stderr: 'to stderr\n',
      });
    }
  });

  it('gives a file stdin that can be reopened by name, as the apertium script does', async () => {
    const script = fakeApertium(dir.path, 'cat /dev/stdin').command;
    expect(await run(script, { input: 'reopened', stdin: 'file' })).toMatchObject({ kind: 'exited', code: 0, stdout: 'reopened' });
  });

  it('passes arguments without a shell: quotes and semicolons stay text', async () => {
    const script = fakeApertium(dir.path, 'for arg in "$@"; do echo "[$arg]"; done').command;
    const outcome = await run(script, { args: ['a b', '; touch "$DIR/pwned"', '$(id)'] });
    expect(outcome).toMatchObject({ stdout: '[a b]\n[; touch "$DIR/pwned"]\n[$(id)]\n' });
    expect(existsSync(join(dir.path, 'pwned'))).toBe(false);
  });

  it('kills the whole process group at the time limit, grandchildren included', async () => {
    const fake = fakeApertium(dir.path, 'echo $$ > "$DIR/script.pid"\nsleep 300 &\necho $! > "$DIR/sleep.pid"\nwait');
    const started = Date.now();
    expect(await run(fake.command, { timeoutMs: 1_000 })).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const script = readPid(fake.file('script.pid'));
    const sleeper = readPid(fake.file('sleep.pid'));
    await expect.poll(() => isRunning(script)).toBe(false);
    await expect.poll(() => isRunning(sleeper)).toBe(false);
  });

  it('does not wait for a grandchild that keeps the output open after the script exits', async () => {
    const fake = fakeApertium(dir.path, 'sleep 300 &\necho $! > "$DIR/sleep.pid"\nexit 0');
    expect(await run(fake.command, { timeoutMs: 1_000 })).toEqual({ kind: 'timeout' });
    const sleeper = readPid(fake.file('sleep.pid'));
    await expect.poll(() => isRunning(sleeper)).toBe(false);
  });

  it('stops when the caller aborts', async () => {
    const fake = fakeApertium(dir.path, 'echo $$ > "$DIR/script.pid"\nexec sleep 300');
    const controller = new AbortController();
    const outcome = run(fake.command, { signal: controller.signal, stdin: 'file' });
    await expect.poll(() => isRunning(readPidOrZero(fake.file('script.pid')))).toBe(true);
    controller.abort();
    expect(await outcome).toEqual({ kind: 'aborted' });
    await expect.poll(() => isRunning(readPid(fake.file('script.pid')))).toBe(false);
    expect(await run(fake.command, { signal: AbortSignal.abort() })).toEqual({ kind: 'aborted' });
  });

  it('kills a child that writes far more than asked', async () => {
    const fake = fakeApertium(dir.path, 'yes "flood"');
    expect(await run(fake.command, { maxOutputBytes: 100_000 })).toEqual({ kind: 'output_too_large' });
  });

  it('reports a program that cannot be started', async () => {
    expect(await run(`${dir.path}/no-such-program`)).toMatchObject({ kind: 'spawn_failed', code: 'ENOENT' });
  });
});

function readPidOrZero(path: string): number {
  try {
    return readPid(path);
  } catch {
    return 0;
  }
}
