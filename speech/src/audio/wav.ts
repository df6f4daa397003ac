// RIFF/WAVE reading and writing. Reading is split in two so a caller can judge a file by its header
// (how long it claims to be) before paying for decoding it.
import { invalidAudio, truncatedAudio } from './audio-error.ts';

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface WavHeader {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number;
  dataOffset: number;
  /** Frames the data chunk claims: for a streaming recorder's 0 or 0xFFFFFFFF size, what the file holds. */
  declaredFrames: number;
  /** Frames the body really holds; fewer than declared means the file was cut short. */
  availableFrames: number;
}

export const MIN_WAV_SAMPLE_RATE = 8_000;
export const MAX_WAV_SAMPLE_RATE = 192_000;
export const MAX_WAV_CHANNELS = 8;

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;
// A recorder that streams to disk cannot know the size when it writes the header: it leaves one of these.
const STREAMING_SIZES = new Set([0, 0xffffffff]);

const KNOWN_FORMATS: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0055: 'MP3',
  0x00ff: 'AAC',
};

const ENCODING_BYTES: Record<WavEncoding, number> = { pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4, float64: 8 };

const SUPPORTED = 'send PCM (8, 16, 24 or 32-bit) or 32/64-bit float WAV';

export function looksLikeWav(body: Uint8Array): boolean {
  return body.length >= 12 && ascii(body, 0) === 'RIFF' && ascii(body, 8) === 'WAVE';
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0, bytes[offset + 3] ?? 0);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface FormatChunk {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  blockAlign: number;
}

function parseFormat(data: DataView): FormatChunk {
  if (data.byteLength < 16) throw invalidAudio('This WAV file has a format (fmt) chunk too short to describe its audio.');
  let tag = data.getUint16(0, true);
  const channels = data.getUint16(2, true);
  const sampleRate = data.getUint32(4, true);
  const declaredBlockAlign = data.getUint16(12, true);
  const bits = data.getUint16(14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
    if (data.byteLength < 40) throw invalidAudio('This WAV file says it is WAVE_FORMAT_EXTENSIBLE but its format chunk is too short.');
    tag = data.getUint16(24, true);
  }
  if (channels === 0) throw invalidAudio('This WAV file says it has 0 channels.');
  if (channels > MAX_WAV_CHANNELS) {
    throw invalidAudio(`This WAV file has ${channels} channels; the hub reads up to ${MAX_WAV_CHANNELS}.`);
  }
  if (sampleRate < MIN_WAV_SAMPLE_RATE || sampleRate > MAX_WAV_SAMPLE_RATE) {
    throw invalidAudio(
      `This WAV file is sampled at ${sampleRate} Hz; the hub reads ${MIN_WAV_SAMPLE_RATE.toLocaleString('en')} to ${MAX_WAV_SAMPLE_RATE.toLocaleString('en')} Hz.`,
    );
  }
  const encoding = encodingOf(tag, bits, channels, declaredBlockAlign);
  return { encoding, channels, sampleRate, blockAlign: ENCODING_BYTES[encoding] * channels };
}

// The container size comes from blockAlign when it is consistent (20-bit audio in 3 bytes, 24-bit
// in 4): bitsPerSample alone would misread those. Writers that leave blockAlign wrong fall back to bits.
function encodingOf(tag: number, bits: number, channels: number, blockAlign: number): WavEncoding {
  const fromBits = Math.ceil(bits / 8);
  const fromAlign = blockAlign % channels === 0 ? blockAlign / channels : 0;
  const bytes = fromAlign >= fromBits && fromAlign > 0 ? fromAlign : fromBits;
  if (tag === FORMAT_PCM) {
    const encoding = ({ 1: 'pcm8', 2: 'pcm16', 3: 'pcm24', 4: 'pcm32' } as const)[bytes as 1 | 2 | 3 | 4];
    if (encoding && bits > 0) return encoding;
    throw invalidAudio(`This WAV file has ${bits}-bit integer samples, which the hub cannot read: ${SUPPORTED}.`);
  }
  if (tag === FORMAT_FLOAT) {
    const encoding = ({ 4: 'float32', 8: 'float64' } as const)[bytes as 4 | 8];
    if (encoding) return encoding;
    throw invalidAudio(`This WAV file has ${bits}-bit float samples, which the hub cannot read: ${SUPPORTED}.`);
  }
  const name = KNOWN_FORMATS[tag] ?? `format 0x${tag.toString(16).padStart(4, '0')}`;
  throw invalidAudio(`This WAV file is ${name}-encoded, which the hub cannot read: ${SUPPORTED}.`);
}

/**
 * Walks the chunks in whatever order they come, skipping the ones it does not need (LIST, fact,
 * bext, JUNK...). Throws invalid_audio for what is not a WAV the hub can read and truncated_audio
 * when the file ends inside its header. A data chunk that runs past the end is reported through
 * `availableFrames < declaredFrames`, so the caller can first check how long the file claims to be.
 */
export function readWavHeader(body: Uint8Array): WavHeader {
  if (!looksLikeWav(body)) throw invalidAudio('This is not a WAV file: it does not start with a RIFF/WAVE header.');
  const bytes = view(body);
  let format: FormatChunk | undefined;
  let data: { offset: number; declaredBytes: number; availableBytes: number } | undefined;
  let offset = 12;
  while (offset + 8 <= body.length && !(format && data)) {
    const id = ascii(body, offset);
    const size = bytes.getUint32(offset + 4, true);
    const start = offset + 8;
    const end = start + size;
    if (id === 'data' && !data) {
      const available = body.length - start;
      if (STREAMING_SIZES.has(size)) {
        data = { offset: start, declaredBytes: available, availableBytes: available };
        break; // the data runs to the end of the file: nothing can follow it
      }
      data = { offset: start, declaredBytes: size, availableBytes: Math.min(size, available) };
      if (end > body.length) break;
    } else if (id === 'fmt ' && !format) {
      if (end > body.length) throw truncatedAudio('This WAV file ends inside its format header: the upload was cut short.');
      format = parseFormat(new DataView(body.buffer, body.byteOffset + start, size));
    } else if (end > body.length) {
      throw truncatedAudio(`This WAV file ends inside its "${id.trim()}" chunk, before its audio: the upload was cut short.`);
    }
    offset = end + (size % 2); // chunks are padded to an even length
  }
  if (!format) throw invalidAudio('This WAV file has no format (fmt) chunk, so its audio cannot be read.');
  if (!data) throw invalidAudio('This WAV file has no data chunk: it holds no audio.');
  return {
    ...format,
    dataOffset: data.offset,
    declaredFrames: Math.floor(data.declaredBytes / format.blockAlign),
    availableFrames: Math.floor(data.availableBytes / format.blockAlign),
  };
}

/** The samples of the frames the body holds, one Float32Array per channel, in [-1, 1]. */
export function decodeWavSamples(body: Uint8Array, header: WavHeader): Float32Array[] {
  const { channels, availableFrames: frames, blockAlign } = header;
  const bytes = view(body);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const read = sampleReader(header.encoding, bytes);
  const width = ENCODING_BYTES[header.encoding];
  for (let channel = 0; channel < channels; channel++) {
    const samples = out[channel]!;
    let position = header.dataOffset + channel * width;
    for (let frame = 0; frame < frames; frame++, position += blockAlign) samples[frame] = read(position);
  }
  return out;
}

function sampleReader(encoding: WavEncoding, bytes: DataView): (offset: number) => number {
  switch (encoding) {
    case 'pcm8':
      return (offset) => (bytes.getUint8(offset) - 128) / 128; // 8-bit WAV is unsigned
    case 'pcm16':
      return (offset) => bytes.getInt16(offset, true) / 32768;
    case 'pcm24':
      return (offset) => ((bytes.getUint8(offset + 2) << 24) | (bytes.getUint16(offset, true) << 8)) / 2147483648;
    case 'pcm32':
      return (offset) => bytes.getInt32(offset, true) / 2147483648;
    case 'float32':
      return (offset) => finite(bytes.getFloat32(offset, true));
    case 'float64':
      return (offset) => finite(bytes.getFloat64(offset, true));
  }
}

// One NaN or infinity would spread through the resampling filter and poison a whole second of audio.
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

export interface EncodeWavOptions {
  /** Default `pcm16`. */
  encoding?: WavEncoding;
  /** Write WAVE_FORMAT_EXTENSIBLE (as multichannel and high-resolution recorders do). Default false. */
  extensible?: boolean;
}

/**
 * A WAV file of `samples`: an Int16Array is one mono channel; Float32Array[] is one array per channel,
 * in [-1, 1] (values beyond are clipped). 16-bit PCM unless `options.encoding` says otherwise.
 */
export function encodeWav(samples: Int16Array | Float32Array[], sampleRate: number, options: EncodeWavOptions = {}): Buffer {
  const channels = samples instanceof Int16Array ? [Float32Array.from(samples, (value) => value / 32768)] : samples;
  const frames = channels[0]?.length ?? 0;
  if (channels.length === 0 || channels.some((channel) => channel.length !== frames)) {
    throw new Error('encodeWav needs at least one channel, and every channel the same length');
  }
  const encoding = options.encoding ?? 'pcm16';
  const width = ENCODING_BYTES[encoding];
  const isFloat = encoding.startsWith('float');
  const blockAlign = width * channels.length;
  const fmtSize = options.extensible ? 40 : 16;
  const factSize = isFloat ? 12 : 0; // non-PCM WAV carries a fact chunk with its frame count
  const dataSize = frames * blockAlign;
  const out = Buffer.alloc(12 + 8 + fmtSize + factSize + 8 + dataSize + (dataSize % 2));
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(out.length - 8, 4);
  out.write('WAVE', 8, 'latin1');
  out.write('fmt ', 12, 'latin1');
  out.writeUInt32LE(fmtSize, 16);
  const tag = isFloat ? FORMAT_FLOAT : FORMAT_PCM;
  out.writeUInt16LE(options.extensible ? FORMAT_EXTENSIBLE : tag, 20);
  out.writeUInt16LE(channels.length, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * blockAlign, 28);
  out.writeUInt16LE(blockAlign, 32);
  out.writeUInt16LE(width * 8, 34);
  if (options.extensible) {
    out.writeUInt16LE(22, 36); // cbSize
    out.writeUInt16LE(width * 8, 38); // valid bits per sample
    out.writeUInt32LE(0, 40); // channel mask: no speaker positions claimed
    // Sub-format GUID: the format tag, then the fixed KSDATAFORMAT suffix.
    out.writeUInt16LE(tag, 44);
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(out, 46);
  }
  let offset = 20 + fmtSize;
  if (isFloat) {
    out.write('fact', offset, 'latin1');
    out.writeUInt32LE(4, offset + 4);
    out.writeUInt32LE(frames, offset + 8);
    offset += 12;
  }
  out.write('data', offset, 'latin1');
  out.writeUInt32LE(dataSize, offset + 4);
  offset += 8;
  const write = sampleWriter(encoding, out);
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      write(channel[frame]!, offset);
      offset += width;
    }
  }
  return out;
}

function clampToInteger(value: number, scale: number): number {
  const scaled = Math.round((Number.isFinite(value) ? value : 0) * scale);
  return Math.max(-scale, Math.min(scale - 1, scaled));
}

function sampleWriter(encoding: WavEncoding, out: Buffer): (value: number, offset: number) => void {
  switch (encoding) {
    case 'pcm8':
      return (value, offset) => out.writeUInt8(clampToInteger(value, 128) + 128, offset);
    case 'pcm16':
      return (value, offset) => out.writeInt16LE(clampToInteger(value, 32768), offset);
    case 'pcm24':
      return (value, offset) => out.writeIntLE(clampToInteger(value, 8388608), offset, 3);
    case 'pcm32':
      return (value, offset) => out.writeInt32LE(clampToInteger(value, 2147483648), offset);
    case 'float32':
      return (value, offset) => out.writeFloatLE(value, offset);
    case 'float64':
      return (value, offset) => out.writeDoubleLE(value, offset);
  }
}
