// Opus as browsers upload it: a real recording made by Chromium's MediaRecorder (WebM), the same
// packets rewritten in the other layouts Matroska allows (known sizes, BlockGroups, lacing, other
// tracks), and in Ogg, as Firefox records.
import { beforeAll, describe, expect, it } from 'vitest';
import { dominantFrequency, recordInChromium, toneLevelDb } from '../../test/support/audio.ts';
import { AudioError } from './audio-error.ts';
import { decodeAudio, type AudioLimits } from './decode-audio.ts';
import { opusPacketSamples, parseOpusHead } from './opus.ts';
import { demuxWebmAudio } from './webm.ts';

const limits: AudioLimits = { maxBytes: 10 * 1024 * 1024, maxSeconds: 60 };
const TONE_HZ = 660;

let recording: { bytes: Buffer; mimeType: string };
let frames: Uint8Array[];
let opusHead: Uint8Array;

beforeAll(async () => {
  recording = await recordInChromium({ frequency: TONE_HZ, seconds: 1.5 });
  const demuxed = demuxWebmAudio(recording.bytes);
  frames = demuxed.frames;
  opusHead = demuxed.track.codecPrivate!;
});

async function refusal(body: Buffer, contentType: string, given = limits): Promise<AudioError> {
  try {
    await decodeAudio(body, contentType, given);
  } catch (error) {
    if (error instanceof AudioError) return error;
    throw error;
  }
  throw new Error('expected decodeAudio to refuse');
}

// --- A small EBML writer: every size as an 8-byte vint, which Matroska allows. ---
type Payload = Buffer | Buffer[];
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

function element(id: number, payload: Payload, unknownSize = false): Buffer {
  const body = Array.isArray(payload) ? Buffer.concat(payload) : payload;
  const idBytes = Buffer.from(id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'), 'hex');
  const size = Buffer.alloc(8);
  size.writeUInt8(0x01, 0);
  size.writeUIntBE(body.length, 2, 6);
  return Buffer.concat([idBytes, unknownSize ? UNKNOWN_SIZE : size, body]);
}
const uint = (id: number, value: number) => element(id, Buffer.from(value.toString(16).padStart(8, '0'), 'hex'));
const text = (id: number, value: string) => element(id, Buffer.from(value, 'latin1'));
const sint = (id: number, value: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return element(id, bytes);
};

function block(track: number, timecode: number, laced: Uint8Array[], lacing: 'none' | 'xiph' | 'ebml' | 'fixed'): Buffer {
  const head = Buffer.from([0x80 | track, (timecode >> 8) & 0xff, timecode & 0xff, { none: 0, xiph: 2, fixed: 4, ebml: 6 }[lacing]]);
  if (lacing === 'none') return Buffer.concat([head, laced[0]!]);
  const sizes: number[] = [];
  const allButLast = laced.slice(0, -1);
  if (lacing === 'xiph') {
    for (const frame of allButLast) sizes.push(...Array<number>(Math.floor(frame.length / 255)).fill(255), frame.length % 255);
  } else if (lacing === 'ebml') {
    // First size as a 2-byte vint, then signed differences as 2-byte vints (bias 2^13 - 1).
    allButLast.forEach((frame, i) => {
      const value = i === 0 ? frame.length : frame.length - allButLast[i - 1]!.length + 0x1fff;
      sizes.push(0x40 | (value >> 8), value & 0xff);
    });
  }
  return Buffer.concat([head, Buffer.from([laced.length - 1, ...sizes]), ...laced]);
}

const header = element(0x1a45dfa3, [uint(0x4286, 1), text(0x4282, 'webm'), uint(0x4287, 4)]);

function tracks(codecId = 'A_OPUS'): Buffer {
  const samplingFrequency = Buffer.alloc(8);
  samplingFrequency.writeDoubleBE(48_000);
  return element(0x1654ae6b, [
    // A subtitle track first: its blocks must not be taken for audio.
    element(0xae, [uint(0xd7, 1), uint(0x83, 0x11), text(0x86, 'S_TEXT/UTF8')]),
    element(0xae, [uint(0xd7, 2), uint(0x83, 2), text(0x86, codecId), element(0x63a2, Buffer.from(opusHead)), element(0xe1, [element(0xb5, samplingFrequency), uint(0x9f, 2)])]),
  ]);
}

/** The recording's frames, rewritten with known sizes, every lacing and BlockGroups with DiscardPadding. */
function rewrittenWebm(options: { discardPaddingNs?: number; codecId?: string } = {}): Buffer {
  const clusters: Buffer[] = [];
  const body = frames.slice(0, -1);
  for (let start = 0; start < body.length; start += 8) {
    const group = body.slice(start, start + 8);
    const children: Buffer[] = [uint(0xe7, start * 60), element(0xa3, block(1, 0, [Buffer.from('not audio')], 'none'))];
    children.push(element(0xa3, block(2, 0, group.slice(0, 2), 'xiph')));
    if (group.length > 2) children.push(element(0xa3, block(2, 120, group.slice(2, 4), 'ebml')));
    for (const [i, frame] of group.slice(4).entries()) {
      const timecode = 240 + i * 60;
      children.push(i % 2 === 0 ? element(0xa3, block(2, timecode, [frame], 'none')) : element(0xa0, [element(0xa1, block(2, timecode, [frame], 'none'))]));
    }
    clusters.push(element(0x1f43b675, children));
  }
  // The last frame in a BlockGroup of its own, with DiscardPadding written before the Block.
  const padding = options.discardPaddingNs ? [sint(0x75a2, options.discardPaddingNs)] : [];
  clusters.push(element(0x1f43b675, [uint(0xe7, body.length * 60), element(0xa0, [...padding, element(0xa1, block(2, 0, [frames.at(-1)!], 'none'))])]));
  const tags = element(0x1254c367, [element(0x7373, [text(0x45a3, 'ENCODER')])]);
  return Buffer.concat([header, element(0x18538067, [element(0xec, Buffer.alloc(5)), tracks(options.codecId), ...clusters, tags])]);
}

// --- Ogg: pages of at most 12 segments, so the ~1 KB packets run across pages. ---
function oggCrc(page: Buffer): number {
  let crc = 0;
  for (const byte of page) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

function oggOpus(lastGranuleTrim = 0): Buffer {
  const preSkip = parseOpusHead(opusHead).preSkip;
  const tags = Buffer.concat([Buffer.from('OpusTags'), Buffer.from([4, 0, 0, 0]), Buffer.from('test'), Buffer.alloc(4)]);
  const pages: Buffer[] = [];
  const page = (segments: number[], data: Buffer[], flags: number, granule: bigint) => {
    const head = Buffer.alloc(27);
    head.write('OggS', 0, 'latin1');
    head.writeUInt8(flags, 5);
    head.writeBigInt64LE(granule, 6);
    head.writeUInt32LE(0x5eed, 14);
    head.writeUInt32LE(pages.length, 18);
    head.writeUInt8(segments.length, 26);
    const bytes = Buffer.concat([head, Buffer.from(segments), ...data]);
    bytes.writeUInt32LE(oggCrc(bytes), 22);
    pages.push(bytes);
  };
  page([opusHead.length], [Buffer.from(opusHead)], 0x02, 0n);
  page([tags.length], [tags], 0x00, 0n);
  let granule = preSkip;
  let segments: number[] = [];
  let data: Buffer[] = [];
  let continued = false;
  let packetEnded = false;
  const flush = (last: boolean) => {
    const flags = (continued ? 0x01 : 0) | (last ? 0x04 : 0);
    page(segments, data, flags, packetEnded ? BigInt(last ? granule - lastGranuleTrim : granule) : -1n);
    continued = segments.at(-1) === 255;
    [segments, data, packetEnded] = [[], [], false];
  };
  for (const frame of frames) {
    let rest = Buffer.from(frame);
    do {
      const size = Math.min(255, rest.length);
      segments.push(size);
      data.push(rest.subarray(0, size));
      rest = rest.subarray(size);
      if (size < 255) {
        granule += opusPacketSamples(frame);
        packetEnded = true;
      }
      if (segments.length === 12) flush(false);
    } while (rest.length > 0 || segments.at(-1) === 255);
  }
  flush(true);
  return Buffer.concat(pages);
}

describe('Opus recorded by Chromium', () => {
  it('decodes the browser\'s own audio/webm;codecs=opus recording: its length and its tone', async () => {
    expect(recording.mimeType).toBe('audio/webm;codecs=opus');
    const decoded = await decodeAudio(recording.bytes, recording.mimeType, limits);
    expect(decoded.source).toEqual({ format: 'webm', sampleRate: 48_000, channels: 2 });
    expect(decoded.durationMs).toBeGreaterThanOrEqual(1400);
    // The recorder stops when the page hears the oscillator end: on a busy machine that event comes late.
    expect(decoded.durationMs).toBeLessThanOrEqual(2500);
    expect(decoded.pcm.length).toBe(decoded.durationMs * 16);
    const steady = decoded.pcm.subarray(4000, 20_000);
    expect(dominantFrequency(steady, 16_000, 100, 7900, 5)).toBe(TONE_HZ);
    expect(toneLevelDb(steady, 16_000, TONE_HZ)).toBeCloseTo(-6, 0); // the page's gain of 0.5
  });

  it('reads the same frames from every layout Matroska allows: known sizes, lacing, BlockGroups, other tracks', async () => {
    const rewritten = rewrittenWebm();
    const demuxed = demuxWebmAudio(rewritten);
    expect(demuxed.track).toMatchObject({ number: 2, codecId: 'A_OPUS', channels: 2, sampleRate: 48_000 });
    expect(demuxed.frames.map((frame) => Buffer.from(frame).toString('hex'))).toEqual(frames.map((frame) => Buffer.from(frame).toString('hex')));

    const original = await decodeAudio(recording.bytes, 'audio/webm', limits);
    const again = await decodeAudio(rewritten, 'video/webm', limits);
    expect(again.pcm).toEqual(original.pcm);
  });

  it('reads fixed-size lacing', () => {
    const frame = frames[3]!;
    const webm = Buffer.concat([header, element(0x18538067, [tracks(), element(0x1f43b675, [uint(0xe7, 0), element(0xa3, block(2, 0, [frame, frame, frame], 'fixed'))], true)], true)]);
    expect(demuxWebmAudio(webm).frames).toEqual([frame, frame, frame]);
  });

  it('drops the DiscardPadding the last block asks for', async () => {
    const original = await decodeAudio(recording.bytes, 'audio/webm', limits);
    const trimmed = await decodeAudio(rewrittenWebm({ discardPaddingNs: 10_000_000 }), 'audio/webm', limits);
    expect(trimmed.durationMs).toBe(original.durationMs - 10);
    // The same audio up to the end, where the resampling filter no longer sees the dropped samples.
    const unaffected = trimmed.pcm.length - 20;
    expect(trimmed.pcm.subarray(0, unaffected)).toEqual(original.pcm.subarray(0, unaffected));
  });

  it('decodes the same packets from Ogg, as Firefox records, trimmed to the last granule position', async () => {
    const original = await decodeAudio(recording.bytes, 'audio/webm', limits);
    const ogg = await decodeAudio(oggOpus(), 'audio/ogg; codecs=opus', limits);
    expect(ogg.source).toEqual({ format: 'ogg', sampleRate: 48_000, channels: 2 });
    expect(ogg.pcm).toEqual(original.pcm);
    const trimmed = await decodeAudio(oggOpus(480), 'audio/ogg', limits);
    expect(trimmed.durationMs).toBe(original.durationMs - 10);
  });

  it('refuses cut, foreign and over-long recordings with their codes', async () => {
    const cut = await refusal(recording.bytes.subarray(0, recording.bytes.length - 100), 'audio/webm');
    expect([cut.code, cut.statusCode]).toEqual(['truncated_audio', 400]);
    const cutOgg = await refusal(oggOpus().subarray(0, 3000), 'audio/ogg');
    expect(cutOgg.code).toBe('truncated_audio');

    const vorbis = await refusal(rewrittenWebm({ codecId: 'A_VORBIS' }), 'audio/webm');
    expect([vorbis.code, vorbis.message]).toEqual(['invalid_audio', 'This WebM recording\'s audio is A_VORBIS; the hub reads Opus, which browsers record.']);
    const wavAsWebm = await refusal(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVE'), 'audio/webm');
    expect([wavAsWebm.code, wavAsWebm.message]).toEqual(['invalid_audio', 'This is not a WebM file: it does not start with an EBML header.']);

    // The length comes from the packets' headers, before anything is decoded.
    const long = await refusal(recording.bytes, 'audio/webm', { ...limits, maxSeconds: 1 });
    expect([long.code, long.statusCode]).toEqual(['audio_too_long', 422]);
    expect(long.message).toMatch(/^The recording is 1\.\d s long; the hub takes up to 1 s\./);
  });
});
