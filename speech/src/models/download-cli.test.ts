import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFileServer, type TestFileServer } from '../../test/support/file-server.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODEL_BYTES = randomBytes(1024 * 1024 + 7);

let server: TestFileServer;
let workDir: string;
let catalogFile: string;

beforeAll(async () => {
  server = await startTestFileServer({ 'ggml-cli-test.bin': MODEL_BYTES });
  workDir = await mkdtemp(join(tmpdir(), 'models-cli-'));
  catalogFile = join(workDir, 'test-catalog.json');
  const entry = {
    name: 'cli-test',
    file: 'ggml-cli-test.bin',
    sizeBytes: MODEL_BYTES.length,
    sha1: createHash('sha1').update(MODEL_BYTES).digest('hex'),
  };
  await writeFile(catalogFile, JSON.stringify([entry]));
});

afterAll(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the file server lives in this process and must keep answering.
function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'npx',
      ['tsx', 'speech/src/models/download-cli.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, MODELS_BASE_URL: `${server.origin}/moved`, MODELS_TEST_CATALOG: catalogFile, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run models:download', () => {
  it('downloads into $DATA_DIR/models, prints plain progress lines when not on a terminal, and ends with the path', async () => {
    const dataDir = join(workDir, 'data');
    const run = await runCli(['cli-test'], { DATA_DIR: dataDir });

    expect(run.code).toBe(0);
    const expectedPath = join(dataDir, 'models', 'ggml-cli-test.bin');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(expectedPath);
    expect(lines[0]).toBe(`Downloading cli-test (1.0 MB) from ${server.origin}/moved/ggml-cli-test.bin into ${join(dataDir, 'models')}`);
    expect(run.stdout).not.toContain('\r');
    expect(lines).toContain('100.0%  1.0 MB of 1.0 MB');
    expect(run.stderr).toContain('MODELS_TEST_CATALOG');
    expect(Buffer.compare(await readFile(expectedPath), MODEL_BYTES)).toBe(0);

    const again = await runCli(['cli-test'], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already installed, checksum OK:');
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(expectedPath);
  });

  it('takes the folder from --dir', async () => {
    const folder = join(workDir, 'elsewhere');
    const run = await runCli(['cli-test', '--dir', folder]);

    expect(run.code).toBe(0);
    expect(await readdir(folder)).toEqual(['ggml-cli-test.bin']);
  });

  it('exits non-zero with one line naming the URL when the server has no such file', async () => {
    const run = await runCli(['cli-test', '--dir', join(workDir, 'missing')], { MODELS_BASE_URL: `${server.origin}/nowhere` });

    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n').filter((line) => !line.includes('MODELS_TEST_CATALOG'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^models:download: http:\/\/127\.0\.0\.1:\d+\/nowhere\/ggml-cli-test\.bin answered HTTP 404/);
    expect(lines[0]).toContain('The hub works without a speech model');
  });

  it('lists the published models with their sizes on --help', async () => {
    const run = await runCli(['--help'], { MODELS_TEST_CATALOG: '' });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run models:download -- <model> [--dir <folder>]');
    expect(run.stdout).toMatch(/^ {2}tiny +77\.7 MB {2}/m);
    expect(run.stdout).toMatch(/^ {2}base +148\.0 MB {2}/m);
    expect(run.stdout).toMatch(/^ {2}small +487\.6 MB {2}/m);
    expect(run.stdout).not.toContain('cli-test');
  });

  it('shows the list and exits 2 without a model name', async () => {
    const run = await runCli([], { MODELS_TEST_CATALOG: '' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Name the model to download.');
    expect(run.stderr).toMatch(/^ {2}small\.en +487\.6 MB/m);
  });
});
