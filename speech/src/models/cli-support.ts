// The pieces of `npm run models:download` that are worth testing without a process: reading the
// arguments, the help text, the progress line and the test-only catalog.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMegabytes, WHISPER_MODELS, type CatalogModel } from './catalog.ts';
import type { DownloadProgress } from './download.ts';
import { isSafeModelName, modelsDirOf } from './model-files.ts';

type Env = Record<string, string | undefined>;

export type CliRequest = { kind: 'help' } | { kind: 'usage-error'; message: string } | { kind: 'download'; name: string; modelsDir: string };

export function parseDownloadArgs(args: readonly string[], env: Env): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  if (parsed.values.help) return { kind: 'help' };
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) return { kind: 'usage-error', message: 'Name the model to download.' };
  if (extra.length > 0) return { kind: 'usage-error', message: `Download one model at a time (got ${parsed.positionals.join(', ')}).` };
  const dir = parsed.values.dir?.trim();
  return { kind: 'download', name, modelsDir: dir ? resolve(dir) : defaultModelsDir(env) };
}

/** Same default as the hub: DATA_DIR, else ./data, with the models in its models/ folder. */
export function defaultModelsDir(env: Env): string {
  return modelsDirOf(resolve(env.DATA_DIR?.trim() || './data'));
}

export function usageText(catalog: readonly CatalogModel[]): string {
  const width = Math.max(...catalog.map((model) => model.name.length));
  const rows = catalog.map(
    (model) => `  ${model.name.padEnd(width)}  ${formatMegabytes(model.sizeBytes).padStart(8)}  ${model.summary}`,
  );
  return [
    'Usage: npm run models:download -- <model> [--dir <folder>]',
    '',
    'Downloads a Whisper speech-to-text model for the hub, checks its SHA-1 and resumes an interrupted',
    'download. The folder defaults to $DATA_DIR/models (./data/models). MODELS_BASE_URL sets a mirror.',
    '',
    'Models:',
    ...rows,
    '',
  ].join('\n');
}

interface Output {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * On a terminal, one line rewritten in place; in a log (CI, systemd), a plain line every 10% so the
 * log shows progress without thousands of carriage returns.
 */
export function progressReporter(out: Output): { update(progress: DownloadProgress): void; finish(): void } {
  let shown = -1;
  let rewriting = false;
  return {
    update({ receivedBytes, totalBytes }) {
      const percent = totalBytes > 0 ? (receivedBytes / totalBytes) * 100 : 100;
      const text = `${percent.toFixed(1).padStart(5)}%  ${formatMegabytes(receivedBytes)} of ${formatMegabytes(totalBytes)}`;
      if (out.isTTY) {
        const step = Math.floor(percent * 10);
        if (step === shown) return;
        shown = step;
        rewriting = true;
        out.write(`\r${text.padEnd(40)}`);
        return;
      }
      const step = Math.floor(percent / 10);
      if (step === shown) return;
      shown = step;
      out.write(`${text}\n`);
    },
    finish() {
      if (rewriting) out.write('\n');
      rewriting = false;
    },
  };
}

/**
 * MODELS_TEST_CATALOG names a JSON file of extra entries (`[{ name, file, sizeBytes, sha1 }]`), so
 * tests and a mirror's smoke check can fetch a small file through the real command. It only adds
 * names: the published models' checksums cannot be replaced from the environment.
 */
export function catalogFromEnv(env: Env): { catalog: readonly CatalogModel[]; testCatalogFile: string | null } {
  const file = env.MODELS_TEST_CATALOG?.trim();
  if (!file) return { catalog: WHISPER_MODELS, testCatalogFile: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`MODELS_TEST_CATALOG: cannot read ${file} (${(error as Error).message})`);
  }
  if (!Array.isArray(raw)) throw new Error(`MODELS_TEST_CATALOG: ${file} must hold a JSON array of models`);
  const extra = raw.map((entry, index) => testCatalogEntry(entry, `${file} entry ${index + 1}`));
  return { catalog: [...WHISPER_MODELS, ...extra], testCatalogFile: file };
}

function testCatalogEntry(entry: unknown, where: string): CatalogModel {
  const fields = (entry ?? {}) as Record<string, unknown>;
  const problem = testEntryProblem(fields);
  if (problem !== null) throw new Error(`MODELS_TEST_CATALOG: ${where}: ${problem}`);
  return {
    name: fields.name as string,
    file: fields.file as string,
    sizeBytes: fields.sizeBytes as number,
    sha1: fields.sha1 as string,
    multilingual: true,
    summary: 'test entry from MODELS_TEST_CATALOG',
  };
}

function testEntryProblem({ name, file, sizeBytes, sha1 }: Record<string, unknown>): string | null {
  if (typeof name !== 'string' || !isSafeModelName(name)) return 'name must be a safe model name';
  if (WHISPER_MODELS.some((model) => model.name === name)) return `"${name}" is a published model and cannot be replaced`;
  if (file !== `ggml-${name}.bin`) return `file must be "ggml-${name}.bin"`;
  if (typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) return 'sizeBytes must be a positive whole number';
  if (typeof sha1 !== 'string' || !/^[0-9a-f]{40}$/.test(sha1)) return 'sha1 must be 40 lower-case hex digits';
  return null;
}
