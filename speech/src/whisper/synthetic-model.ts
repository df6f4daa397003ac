// A synthetic Whisper model: a valid whisper.cpp (ggml) model file with the real `tiny` architecture —
// layer counts, widths, mel filters, the real vocabulary size — and seeded random weights. whisper.cpp
// loads it and runs the full encoder and decoder on it, so tests and benchmarks exercise the real engine
// with real timings on a machine that cannot download a real model. Its words are nonsense.
//
// The layout follows whisper.cpp's loader: magic, eleven int32 hyper-parameters, the mel filter bank,
// the vocabulary as length-prefixed strings, then tensors as (n_dims, name length, type, dims, name,
// data) in any order.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const GGML_MAGIC = 0x67676d6c;

export interface WhisperHyperParameters {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  /** 1: weights in float16 (the published models' type). */
  ftype: number;
}

/** The published `tiny` model's shape (multilingual: 51,865 tokens). */
export const TINY: WhisperHyperParameters = {
  nVocab: 51_865,
  nAudioCtx: 1500,
  nAudioState: 384,
  nAudioHead: 6,
  nAudioLayer: 4,
  nTextCtx: 448,
  nTextState: 384,
  nTextHead: 6,
  nTextLayer: 4,
  nMels: 80,
  ftype: 1,
};

/** Whisper's STFT: 400-sample windows at 16 kHz give 201 frequency bins. */
const N_FFT_BINS = 201;
const SAMPLE_RATE = 16_000;
/** Text tokens written to the file; whisper.cpp adds the special tokens (timestamps, languages...) itself. */
const TEXT_TOKENS = 50_257;

const F32 = 0;
const F16 = 1;

interface TensorSpec {
  name: string;
  /** ggml order: ne[0] is the innermost dimension. */
  dims: number[];
  type: typeof F32 | typeof F16;
  fill: 'random' | 'ones' | 'zeros';
  /** Spread of the random values: about 1/sqrt(fan-in) keeps activations in range through the layers. */
  scale?: number;
  /** A fixed value for some elements (by flat index), the random fill for the rest (null). */
  fixed?: (index: number) => number | null;
}

/** Every tensor whisper.cpp expects for these hyper-parameters, with its shape and type. */
export function tensorSpecs(h: WhisperHyperParameters): TensorSpec[] {
  const specs: TensorSpec[] = [];
  const vector = (name: string, size: number, fill: 'ones' | 'zeros' = 'zeros'): void => {
    specs.push({ name, dims: [size], type: F32, fill });
  };
  const matrix = (name: string, inner: number, outer: number): void => {
    specs.push({ name, dims: [inner, outer], type: F16, fill: 'random', scale: 1 / Math.sqrt(inner) });
  };
  const layerNorm = (prefix: string, size: number): void => {
    vector(`${prefix}.weight`, size, 'ones');
    vector(`${prefix}.bias`, size);
  };
  const attention = (prefix: string, size: number): void => {
    matrix(`${prefix}.query.weight`, size, size);
    vector(`${prefix}.query.bias`, size);
    matrix(`${prefix}.key.weight`, size, size);
    matrix(`${prefix}.value.weight`, size, size);
    vector(`${prefix}.value.bias`, size);
    matrix(`${prefix}.out.weight`, size, size);
    vector(`${prefix}.out.bias`, size);
  };
  const mlp = (prefix: string, size: number): void => {
    layerNorm(`${prefix}.mlp_ln`, size);
    matrix(`${prefix}.mlp.0.weight`, size, 4 * size);
    vector(`${prefix}.mlp.0.bias`, 4 * size);
    matrix(`${prefix}.mlp.2.weight`, 4 * size, size);
    vector(`${prefix}.mlp.2.bias`, size);
  };

  const audio = h.nAudioState;
  specs.push({ name: 'encoder.positional_embedding', dims: [audio, h.nAudioCtx], type: F32, fill: 'random', scale: 0.5 });
  specs.push({ name: 'encoder.conv1.weight', dims: [3, h.nMels, audio], type: F16, fill: 'random', scale: 1 / Math.sqrt(3 * h.nMels) });
  specs.push({ name: 'encoder.conv1.bias', dims: [1, audio], type: F32, fill: 'zeros' });
  specs.push({ name: 'encoder.conv2.weight', dims: [3, audio, audio], type: F16, fill: 'random', scale: 1 / Math.sqrt(3 * audio) });
  specs.push({ name: 'encoder.conv2.bias', dims: [1, audio], type: F32, fill: 'zeros' });
  layerNorm('encoder.ln_post', audio);
  for (let i = 0; i < h.nAudioLayer; i++) {
    const block = `encoder.blocks.${i}`;
    mlp(block, audio);
    layerNorm(`${block}.attn_ln`, audio);
    attention(`${block}.attn`, audio);
  }

  // The decoder. Random weights alone never end a segment: whisper.cpp keeps a segment only when the
  // decoder reaches a closing timestamp or end-of-text within its token budget, which a random model
  // almost never picks among 51,865 tokens. So one dimension of the decoder's residual stream is a
  // clock: the positional embedding writes the token position into it (zero for the first
  // CLOCK_START positions), no layer writes to it, and only the last timestamp (30.00 s) and
  // end-of-text read it. A dozen random words come out, then the segment closes, like a real model's.
  const text = h.nTextState;
  const clock = (position: number) => Math.max(0, position - CLOCK_START) * CLOCK_RATE;
  const tokens = specialTokens(h.nVocab);
  specs.push({
    name: 'decoder.positional_embedding', dims: [text, h.nTextCtx], type: F32, fill: 'random', scale: 0.5,
    fixed: (index) => (index % text === CLOCK_DIM ? clock(Math.floor(index / text)) : null),
  });
  specs.push({
    name: 'decoder.token_embedding.weight', dims: [text, h.nVocab], type: F16, fill: 'random', scale: TOKEN_EMBEDDING_SCALE,
    fixed: (index) => {
      if (index % text !== CLOCK_DIM) return null;
      const token = Math.floor(index / text);
      if (token === tokens.lastTimestamp) return CLOCK_WEIGHT_TIMESTAMP;
      return token === tokens.endOfText ? CLOCK_WEIGHT_END : 0;
    },
  });
  layerNorm('decoder.ln', text);
  const keepClock = (inner: number) => (index: number) => (Math.floor(index / inner) === CLOCK_DIM ? 0 : null);
  for (let i = 0; i < h.nTextLayer; i++) {
    const block = `decoder.blocks.${i}`;
    mlp(block, text);
    layerNorm(`${block}.attn_ln`, text);
    attention(`${block}.attn`, text);
    layerNorm(`${block}.cross_attn_ln`, text);
    attention(`${block}.cross_attn`, text);
    // Layers add their output to the residual stream: their rows for the clock dimension stay zero.
    for (const spec of specs) {
      if (spec.name === `${block}.attn.out.weight` || spec.name === `${block}.cross_attn.out.weight`) spec.fixed = keepClock(text);
      if (spec.name === `${block}.mlp.2.weight`) spec.fixed = keepClock(4 * text);
    }
  }
  return specs;
}

const CLOCK_DIM = 0;
/** Prompt tokens (start, language, task, first timestamp) plus about a dozen words. */
const CLOCK_START = 16;
const CLOCK_RATE = 8;
const CLOCK_WEIGHT_TIMESTAMP = 12;
const CLOCK_WEIGHT_END = 10;
/** Peaked enough that the decoder is confident (whisper.cpp falls back to sampling when it is not). */
const TOKEN_EMBEDDING_SCALE = 0.3;

/** Ids of whisper.cpp's special tokens for a vocabulary size (multilingual models shift them by one). */
function specialTokens(nVocab: number): { endOfText: number; lastTimestamp: number } {
  const multilingual = nVocab >= 51_865;
  const languages = nVocab - 51_765 - (multilingual ? 1 : 0);
  const endOfText = multilingual ? 50_257 : 50_256;
  const timestampBegin = 50_363 + (multilingual ? languages - 98 : 0);
  return { endOfText, lastTimestamp: timestampBegin + 1500 };
}

/** mulberry32: small, fast and seeded, so the same seed always writes the same file. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const f32View = new Float32Array(1);
const u32View = new Uint32Array(f32View.buffer);

/** IEEE half precision, round to nearest; the small values used here never overflow. */
function toHalf(value: number): number {
  f32View[0] = value;
  const bits = u32View[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign; // below half's normal range: zero is close enough for weights
  if (exponent >= 31) return sign | 0x7c00;
  return sign | ((exponent << 10) + ((mantissa + 0x1000) >>> 13)); // a rounding carry moves into the exponent
}

/** A triangular mel filter bank like Whisper's (Slaney scale), 80 × 201, row-major by filter. */
export function melFilters(nMels: number, nBins = N_FFT_BINS, sampleRate = SAMPLE_RATE): Float32Array {
  const hzToMel = (hz: number) => (hz < 1000 ? hz / (200 / 3) : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27));
  const melToHz = (mel: number) => (mel < 15 ? mel * (200 / 3) : 1000 * Math.exp((Math.log(6.4) / 27) * (mel - 15)));
  const top = hzToMel(sampleRate / 2);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => melToHz((top * i) / (nMels + 1)));
  const filters = new Float32Array(nMels * nBins);
  for (let m = 0; m < nMels; m++) {
    const [left, centre, right] = [edges[m] ?? 0, edges[m + 1] ?? 0, edges[m + 2] ?? 0];
    const norm = 2 / (right - left);
    for (let bin = 0; bin < nBins; bin++) {
      const hz = (bin * sampleRate) / (2 * (nBins - 1));
      const rising = (hz - left) / (centre - left);
      const falling = (right - hz) / (right - centre);
      filters[m * nBins + bin] = Math.max(0, Math.min(rising, falling)) * norm;
    }
  }
  return filters;
}

/**
 * The token text. Like the real (GPT-2 based) vocabulary, ids 0–93 are the printable ASCII characters
 * and id 220 is a single space — whisper.cpp looks the space up by text and fails without it. The rest
 * are pronounceable ASCII pieces, half with a leading space, so the nonsense reads as words.
 */
function syntheticToken(id: number): string {
  if (id < 94) return String.fromCharCode(33 + id);
  if (id === SPACE_TOKEN) return ' ';
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  const first = consonants[id % consonants.length] ?? 'b';
  const vowel = vowels[Math.floor(id / consonants.length) % vowels.length] ?? 'a';
  const second = consonants[Math.floor(id / (consonants.length * vowels.length)) % consonants.length] ?? '';
  const syllable = id % 3 === 0 ? first + vowel : first + vowel + second;
  return (id % 2 === 0 ? ' ' : '') + syllable;
}

const SPACE_TOKEN = 220;

/** Buffers small writes into large ones: the file is about 75 MB. */
class FileWriter {
  private readonly chunk = Buffer.alloc(1 << 20);
  private used = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}

  int32(value: number): void {
    this.reserve(4);
    this.chunk.writeInt32LE(value, this.used);
    this.used += 4;
  }

  bytesOf(buffer: Uint8Array): void {
    let offset = 0;
    while (offset < buffer.length) {
      if (this.used === this.chunk.length) this.flush();
      const n = Math.min(buffer.length - offset, this.chunk.length - this.used);
      this.chunk.set(buffer.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
    }
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.chunk, 0, this.used);
    this.bytes += this.used;
    this.used = 0;
  }

  private reserve(n: number): void {
    if (this.used + n > this.chunk.length) this.flush();
  }
}

function writeTensor(out: FileWriter, spec: TensorSpec, random: () => number): void {
  const name = Buffer.from(spec.name, 'utf8');
  out.int32(spec.dims.length);
  out.int32(name.length);
  out.int32(spec.type);
  for (const dim of spec.dims) out.int32(dim);
  out.bytesOf(name);
  const count = spec.dims.reduce((product, dim) => product * dim, 1);
  const value = (index: number): number => {
    const fixed = spec.fixed?.(index);
    if (fixed !== undefined && fixed !== null) return fixed;
    if (spec.fill === 'ones') return 1;
    if (spec.fill === 'zeros') return 0;
    // Uniform with the spread of a unit-variance value times the scale.
    return (random() * 2 - 1) * Math.sqrt(3) * (spec.scale ?? 1);
  };
  // Tensors are written in slices so memory stays small even for the 20 M-value token embedding.
  const slice = 1 << 16;
  for (let start = 0; start < count; start += slice) {
    const n = Math.min(slice, count - start);
    if (spec.type === F16) {
      const halves = new Uint16Array(n);
      for (let i = 0; i < n; i++) halves[i] = toHalf(value(start + i));
      out.bytesOf(new Uint8Array(halves.buffer));
    } else {
      const floats = new Float32Array(n);
      for (let i = 0; i < n; i++) floats[i] = value(start + i);
      out.bytesOf(new Uint8Array(floats.buffer));
    }
  }
}

export interface SyntheticModelOptions {
  seed?: number;
  hyperParameters?: WhisperHyperParameters;
  fileName?: string;
}

export const SYNTHETIC_MODEL_FILE = 'ggml-synthetic-tiny.bin';

/**
 * Writes the synthetic model into `folder` (written to a temporary name, then renamed, so a reader
 * never sees half a file) and returns its path and size.
 */
export function writeSyntheticModel(folder: string, options: SyntheticModelOptions = {}): { path: string; sizeBytes: number } {
  const h = options.hyperParameters ?? TINY;
  const path = join(folder, options.fileName ?? SYNTHETIC_MODEL_FILE);
  const partial = `${path}.part`;
  const random = seededRandom(options.seed ?? 20_261_130);
  const fd = openSync(partial, 'w');
  const out = new FileWriter(fd);
  try {
    out.int32(GGML_MAGIC);
    for (const value of [h.nVocab, h.nAudioCtx, h.nAudioState, h.nAudioHead, h.nAudioLayer, h.nTextCtx, h.nTextState, h.nTextHead, h.nTextLayer, h.nMels, h.ftype]) {
      out.int32(value);
    }
    out.int32(h.nMels);
    out.int32(N_FFT_BINS);
    out.bytesOf(new Uint8Array(melFilters(h.nMels).buffer));
    const tokens = Math.min(TEXT_TOKENS, h.nVocab);
    out.int32(tokens);
    for (let id = 0; id < tokens; id++) {
      const token = Buffer.from(syntheticToken(id), 'utf8');
      out.int32(token.length);
      out.bytesOf(token);
    }
    for (const spec of tensorSpecs(h)) writeTensor(out, spec, random);
    out.flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return { path, sizeBytes: out.bytes };
}
