// The Whisper model files in the models folder, told apart by their header alone: reading 48 bytes is
// enough to know what a file is, so listing a folder of multi-hundred-megabyte models stays instant.
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SpeechError } from '../speech-error.ts';

/** 'ggml' as whisper.cpp writes it: a little-endian u32, so the file starts with the bytes "lmgg". */
export const GGML_FILE_MAGIC = 0x67676d6c;
/** GGUF, the newer llama.cpp format: whisper.cpp cannot load it, and saying so beats "bad magic". */
const GGUF_FILE_MAGIC = 0x46554747;
const HPARAM_NAMES = [
  'nVocab',
  'nAudioCtx',
  'nAudioState',
  'nAudioHead',
  'nAudioLayer',
  'nTextCtx',
  'nTextState',
  'nTextHead',
  'nTextLayer',
  'nMels',
  'ftype',
] as const;
export const MODEL_HEADER_BYTES = 4 + HPARAM_NAMES.length * 4;
/** Whisper's multilingual vocabulary has 51,865 tokens (large-v3 51,866); the English-only one 51,864. */
const MULTILINGUAL_MIN_VOCAB = 51_865;
// A real hyper-parameter is a few thousand at most; a garbage file with the right four bytes up front
// would almost surely hold something wild here.
const HPARAM_LIMIT = 1_000_000;

export type ModelHyperParameters = Record<(typeof HPARAM_NAMES)[number], number>;
export type ModelArchitecture = 'tiny' | 'base' | 'small' | 'medium' | 'large' | 'unknown';

const ARCHITECTURE_BY_AUDIO_LAYERS: Readonly<Record<number, ModelArchitecture>> = {
  4: 'tiny',
  6: 'base',
  12: 'small',
  24: 'medium',
  32: 'large',
};

export type HeaderReading =
  | { ok: true; hparams: ModelHyperParameters; architecture: ModelArchitecture; multilingual: boolean }
  | { ok: false; problem: string };

export interface InstalledModel {
  name: string;
  file: string;
  sizeBytes: number;
  architecture: ModelArchitecture;
  multilingual: boolean;
  /** True when the header is a whisper.cpp ggml header and the name can be chosen. */
  valid: boolean;
  /** Why the file cannot be used, for the admin page. */
  problem?: string;
}

/** Reads a ggml model header from the first bytes of a file. Pure: the caller reads the bytes. */
export function parseModelHeader(bytes: Uint8Array): HeaderReading {
  if (bytes.length === 0) return { ok: false, problem: 'the file is empty' };
  if (bytes.length < MODEL_HEADER_BYTES) {
    return { ok: false, problem: `the file is ${bytes.length} bytes, too short for a model header (${MODEL_HEADER_BYTES})` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MODEL_HEADER_BYTES);
  const magic = view.getUint32(0, true);
  if (magic === GGUF_FILE_MAGIC) {
    return { ok: false, problem: 'this is a GGUF file; whisper.cpp needs a ggml model (ggml-<name>.bin from the whisper.cpp models)' };
  }
  if (magic !== GGML_FILE_MAGIC) {
    return { ok: false, problem: `not a whisper.cpp model: it starts with 0x${hex(magic)}, not the ggml magic 0x${hex(GGML_FILE_MAGIC)}` };
  }
  const values = HPARAM_NAMES.map((_, index) => view.getInt32(4 + index * 4, true));
  const hparams = Object.fromEntries(HPARAM_NAMES.map((name, index) => [name, values[index]])) as ModelHyperParameters;
  const wild = HPARAM_NAMES.find((name) => {
    const value = hparams[name];
    const lowest = name === 'ftype' ? 0 : 1;
    return value < lowest || value >= HPARAM_LIMIT;
  });
  if (wild !== undefined) {
    return { ok: false, problem: `the header is damaged: ${wild} is ${hparams[wild]}` };
  }
  return {
    ok: true,
    hparams,
    architecture: ARCHITECTURE_BY_AUDIO_LAYERS[hparams.nAudioLayer] ?? 'unknown',
    multilingual: hparams.nVocab >= MULTILINGUAL_MIN_VOCAB,
  };
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

export async function readModelHeader(path: string): Promise<HeaderReading> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MODEL_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MODEL_HEADER_BYTES, 0);
    return parseModelHeader(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const SAFE_MODEL_NAME = /^[a-z0-9][a-z0-9._-]*$/;

export class InvalidModelNameError extends SpeechError {
  constructor(readonly modelName: string) {
    super(
      400,
      'invalid_model_name',
      `"${modelName}" is not a model name: use lower-case letters, digits, ".", "_" and "-" only, like "base" or "small.en".`,
    );
    this.name = 'InvalidModelNameError';
  }
}

export function isSafeModelName(name: string): boolean {
  return name.length <= 100 && SAFE_MODEL_NAME.test(name) && !name.includes('..');
}

/** `<modelsDir>/ggml-<name>.bin`; a name that could point anywhere else is refused. */
export function modelPath(modelsDir: string, name: string): string {
  if (!isSafeModelName(name)) throw new InvalidModelNameError(name);
  const folder = resolve(modelsDir);
  const path = join(folder, `ggml-${name}.bin`);
  // The pattern already rules out separators and "..": this is the belt to those braces.
  if (resolve(path, '..') !== folder) throw new InvalidModelNameError(name);
  return path;
}

/** Where the hub keeps its models, inside its data folder. */
export function modelsDirOf(dataDir: string): string {
  return join(dataDir, 'models');
}

/** `ggml-base.en.bin` → `base.en`; `my-model.bin` → `my-model`. */
export function modelNameOf(file: string): string {
  return file.replace(/^ggml-/, '').replace(/\.bin$/, '');
}

/**
 * The `.bin` files in the folder, sorted by name. A missing folder is an empty list (no model
 * downloaded yet). Partial downloads (`.part`) and other files are not models and are skipped.
 */
export async function listInstalledModels(modelsDir: string): Promise<InstalledModel[]> {
  let files: string[];
  try {
    files = await readdir(modelsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const candidates = files.filter((file) => file.endsWith('.bin')).sort();
  const models: InstalledModel[] = [];
  for (const file of candidates) {
    const model = await describeModelFile(join(modelsDir, file), file);
    if (model) models.push(model);
  }
  return markDuplicateNames(models).sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
}

async function describeModelFile(path: string, file: string): Promise<InstalledModel | null> {
  const info = await stat(path).catch(() => null);
  // Gone since readdir, or a folder called x.bin: not a model file.
  if (!info?.isFile()) return null;
  const name = modelNameOf(file);
  const reading = await readModelHeader(path).catch((error: NodeJS.ErrnoException) => ({
    ok: false as const,
    problem: `the file cannot be read (${error.code ?? error.message})`,
  }));
  const base = { name, file, sizeBytes: info.size };
  if (!reading.ok) return { ...base, architecture: 'unknown', multilingual: false, valid: false, problem: reading.problem };
  const { architecture, multilingual } = reading;
  if (!isSafeModelName(name)) {
    return {
      ...base,
      architecture,
      multilingual,
      valid: false,
      problem: 'rename the file to ggml-<name>.bin with lower-case letters, digits, ".", "_" or "-" in the name',
    };
  }
  return { ...base, architecture, multilingual, valid: true };
}

// `ggml-base.bin` and `base.bin` would both be "base": choosing by name must not be a coin toss, so
// the ggml- file (the one modelPath names) keeps the name and the other is flagged.
function markDuplicateNames(models: InstalledModel[]): InstalledModel[] {
  const owner = new Map<string, string>();
  for (const model of models) {
    const current = owner.get(model.name);
    if (current === undefined || model.file.startsWith('ggml-')) owner.set(model.name, model.file);
  }
  return models.map((model) => {
    const ownerFile = owner.get(model.name);
    if (ownerFile === model.file) return model;
    return { ...model, valid: false, problem: `${ownerFile} already has the name "${model.name}": remove or rename this file` };
  });
}
