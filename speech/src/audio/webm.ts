// A small WebM (Matroska) demuxer for what browsers record: the first audio track's codec, its
// CodecPrivate, and the frames of its blocks in order.
//
// MediaRecorder writes the Segment and each Cluster with an "unknown" size, because it streams and
// never seeks back. So the walk is flat: it steps *into* the few container elements it cares about
// and over everything else by size. An unknown-size Cluster then needs no end: the next Cluster (or
// Cues, Tags...) is simply the next element the walk meets.
import { invalidAudio, truncatedAudio } from './audio-error.ts';

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  codecPrivate: 0x63a2,
  codecDelay: 0x56aa,
  audio: 0xe1,
  samplingFrequency: 0xb5,
  channels: 0x9f,
  cluster: 0x1f43b675,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  discardPadding: 0x75a2,
} as const;

// Containers whose children the walk reads; every other element is stepped over whole.
const ENTERED = new Set<number>([ID.ebml, ID.segment, ID.tracks, ID.trackEntry, ID.audio, ID.cluster, ID.blockGroup]);
const TRACK_TYPE_AUDIO = 2;

export interface WebmTrack {
  number: number;
  type: number;
  codecId: string;
  codecPrivate?: Uint8Array;
  /** Nanoseconds of codec delay (Opus: the pre-skip). */
  codecDelayNs: number;
  sampleRate?: number;
  channels?: number;
}

export interface WebmAudio {
  track: WebmTrack;
  /** The frames of the track's blocks, in file order. */
  frames: Uint8Array[];
  /** Nanoseconds the last block asks to drop from its end (BlockGroup's DiscardPadding). */
  discardPaddingNs: number;
}

export function looksLikeWebm(body: Uint8Array): boolean {
  return body.length >= 4 && body[0] === 0x1a && body[1] === 0x45 && body[2] === 0xdf && body[3] === 0xa3;
}

interface Vint {
  value: number;
  length: number;
}

/** An EBML variable-length integer. `keepMarker` for element IDs, which are written with it. */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | 'truncated' | 'invalid' {
  const first = bytes[offset];
  if (first === undefined) return 'truncated';
  if (first === 0) return 'invalid'; // longer than 8 bytes: not EBML
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) return 'truncated';
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + bytes[offset + i]!;
  return { value, length };
}

// A size with every value bit set means "unknown": the element runs until its parent ends.
function isUnknownSize(size: Vint): boolean {
  return size.value === 2 ** (7 * size.length) - 1;
}

function readUnsigned(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

function readSigned(bytes: Uint8Array): number {
  const unsigned = readUnsigned(bytes);
  return bytes.length > 0 && (bytes[0]! & 0x80) !== 0 ? unsigned - 2 ** (8 * bytes.length) : unsigned;
}

function readFloat(bytes: Uint8Array): number {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 4) return data.getFloat32(0);
  if (bytes.length === 8) return data.getFloat64(0);
  return 0;
}

const latin1 = (data: Uint8Array) => Buffer.from(data).toString('latin1').replace(/\0+$/, '');

// The TrackEntry children worth reading, each written into the entry the walk is in.
const TRACK_FIELDS: Record<number, (track: WebmTrack, data: Uint8Array) => void> = {
  [ID.trackNumber]: (track, data) => (track.number = readUnsigned(data)),
  [ID.trackType]: (track, data) => (track.type = readUnsigned(data)),
  [ID.codecId]: (track, data) => (track.codecId = latin1(data)),
  [ID.codecPrivate]: (track, data) => (track.codecPrivate = data),
  [ID.codecDelay]: (track, data) => (track.codecDelayNs = readUnsigned(data)),
  [ID.samplingFrequency]: (track, data) => (track.sampleRate = readFloat(data)),
  [ID.channels]: (track, data) => (track.channels = readUnsigned(data)),
};

interface RawBlock {
  track: number;
  frames: Uint8Array[];
  discardPaddingNs: number;
}

/** Reads the track list and every block. Throws invalid_audio or truncated_audio. */
export function demuxWebmAudio(body: Uint8Array): WebmAudio {
  if (!looksLikeWebm(body)) throw invalidAudio('This is not a WebM file: it does not start with an EBML header.');
  const tracks: WebmTrack[] = [];
  const blocks: RawBlock[] = [];
  let docType = 'matroska'; // the EBML default
  let track: WebmTrack | undefined;
  // DiscardPadding may come before or after the Block of its BlockGroup.
  let group: RawBlock | undefined;
  let groupPaddingNs = 0;
  let offset = 0;
  while (offset < body.length) {
    const id = readVint(body, offset, true);
    const size = id === 'truncated' || id === 'invalid' ? id : readVint(body, offset + id.length, false);
    if (id === 'invalid' || size === 'invalid') throw invalidAudio('This WebM file is damaged: it has an element the hub cannot read.');
    if (id === 'truncated' || size === 'truncated') throw cutShort();
    const start = offset + id.length + size.length;
    if (ENTERED.has(id.value)) {
      if (id.value === ID.trackEntry) tracks.push((track = { number: 0, type: 0, codecId: '', codecDelayNs: 0 }));
      if (id.value === ID.blockGroup) {
        group = undefined;
        groupPaddingNs = 0;
      }
      offset = start;
      continue;
    }
    if (isUnknownSize(size)) throw invalidAudio('This WebM file is damaged: an element other than a Segment or Cluster has no size.');
    const end = start + size.value;
    if (end > body.length) throw cutShort();
    const data = body.subarray(start, end);
    const setTrackField = TRACK_FIELDS[id.value];
    if (setTrackField && track) setTrackField(track, data);
    switch (id.value) {
      case ID.docType:
        docType = latin1(data);
        break;
      case ID.simpleBlock:
        blocks.push(parseBlock(data));
        break;
      case ID.block:
        group = { ...parseBlock(data), discardPaddingNs: groupPaddingNs };
        blocks.push(group);
        break;
      case ID.discardPadding:
        groupPaddingNs = readSigned(data);
        if (group) group.discardPaddingNs = groupPaddingNs;
        break;
    }
    offset = end;
  }
  if (docType !== 'webm' && docType !== 'matroska') throw invalidAudio(`This is a "${docType}" EBML file, not WebM audio.`);
  const audio = tracks.find((candidate) => candidate.type === TRACK_TYPE_AUDIO || candidate.codecId.startsWith('A_'));
  if (!audio) throw invalidAudio('This WebM file has no audio track.');
  const own = blocks.filter((block) => block.track === audio.number);
  return {
    track: audio,
    frames: own.flatMap((block) => block.frames),
    discardPaddingNs: own.at(-1)?.discardPaddingNs ?? 0,
  };
}

function cutShort() {
  return truncatedAudio('This WebM recording ends in the middle of an element: the upload was cut short.');
}

// Block layout: track number (vint), 16-bit relative timestamp, flags, then one frame or a lace of
// several. Browsers do not lace audio, but Matroska allows it, so all three lacings are read.
function parseBlock(data: Uint8Array): RawBlock {
  const damaged = () => invalidAudio('This WebM file is damaged: one of its audio blocks cannot be read.');
  const track = readVint(data, 0, false);
  if (typeof track === 'string' || track.length + 3 > data.length) throw damaged();
  const flags = data[track.length + 2]!;
  let offset = track.length + 3;
  const lacing = (flags >> 1) & 0x03;
  if (lacing === 0) return { track: track.value, frames: [data.subarray(offset)], discardPaddingNs: 0 };
  const count = data[offset++]! + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    // Xiph lacing: each size but the last as a run of 255s plus a final byte.
    for (let i = 0; i < count - 1; i++) {
      let frameSize = 0;
      let byte: number;
      do {
        byte = data[offset++] ?? -1;
        if (byte < 0) throw damaged();
        frameSize += byte;
      } while (byte === 255);
      sizes.push(frameSize);
    }
  } else if (lacing === 3) {
    // EBML lacing: the first size as a vint, each next one as a signed difference from the previous.
    for (let i = 0; i < count - 1; i++) {
      const read = readVint(data, offset, false);
      if (typeof read === 'string') throw damaged();
      offset += read.length;
      const frameSize = i === 0 ? read.value : sizes[i - 1]! + read.value - (2 ** (7 * read.length - 1) - 1);
      sizes.push(frameSize);
    }
  } else {
    const each = (data.length - offset) / count;
    if (!Number.isInteger(each)) throw damaged();
    sizes.push(...Array.from({ length: count - 1 }, () => each));
  }
  const lastSize = data.length - offset - sizes.reduce((sum, size) => sum + size, 0);
  if (lastSize < 0 || sizes.some((size) => size < 0)) throw damaged();
  sizes.push(lastSize);
  const frames = sizes.map((size) => {
    const frame = data.subarray(offset, offset + size);
    offset += size;
    return frame;
  });
  return { track: track.value, frames, discardPaddingNs: 0 };
}
