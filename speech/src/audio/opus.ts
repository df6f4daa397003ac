// Opus packets (from WebM or Ogg) to float samples at 48 kHz, through the opus-decoder wasm build of
// libopus. The containers only hand over packets and the OpusHead; all codec knowledge stays here.
import { OpusDecoder } from 'opus-decoder';
import { invalidAudio } from './audio-error.ts';

/** Opus always decodes at 48 kHz internally; pre-skip and packet lengths count 48 kHz samples. */
export const OPUS_SAMPLE_RATE = 48_000;

export interface OpusHead {
  channels: number;
  /** Samples (at 48 kHz) the encoder's look-ahead put before the audio; the decoder drops them. */
  preSkip: number;
  outputGainDb: number;
  mappingFamily: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMapping: number[];
}

const MAX_CHANNELS = 8;

/** The identification header of RFC 7845 §5.1 (WebM's CodecPrivate, Ogg's first packet). */
export function parseOpusHead(bytes: Uint8Array): OpusHead {
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.length)).toString('latin1');
  if (bytes.length < 19 || magic !== 'OpusHead') throw invalidAudio('The recording has no valid Opus header (OpusHead).');
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = data.getUint8(8);
  if (version >> 4 !== 0) throw invalidAudio(`The recording's Opus header has version ${version}, which the hub cannot read.`);
  const channels = data.getUint8(9);
  if (channels === 0 || channels > MAX_CHANNELS) {
    throw invalidAudio(`The recording's Opus header says it has ${channels} channels; the hub reads 1 to ${MAX_CHANNELS}.`);
  }
  const mappingFamily = data.getUint8(18);
  const head: OpusHead = {
    channels,
    preSkip: data.getUint16(10, true),
    outputGainDb: data.getInt16(16, true) / 256,
    mappingFamily,
    streamCount: 1,
    coupledStreamCount: channels - 1,
    channelMapping: channels === 2 ? [0, 1] : [0],
  };
  if (mappingFamily === 0) {
    if (channels > 2) throw invalidAudio('The recording\'s Opus header claims more than 2 channels without a channel mapping.');
    return head;
  }
  if (bytes.length < 21 + channels) throw invalidAudio('The recording\'s Opus header is too short for its channel mapping.');
  head.streamCount = data.getUint8(19);
  head.coupledStreamCount = data.getUint8(20);
  head.channelMapping = Array.from(bytes.subarray(21, 21 + channels));
  if (head.streamCount === 0 || head.coupledStreamCount > head.streamCount) {
    throw invalidAudio('The recording\'s Opus header has an impossible stream count.');
  }
  return head;
}

// Frame length in 48 kHz samples for each TOC configuration (RFC 6716 §3.1): SILK 10/20/40/60 ms,
// hybrid 10/20 ms, CELT 2.5/5/10/20 ms.
const FRAME_SAMPLES = [
  ...Array.from({ length: 12 }, (_, config) => [480, 960, 1920, 2880][config % 4]!),
  ...Array.from({ length: 4 }, (_, config) => [480, 960][config % 2]!),
  ...Array.from({ length: 16 }, (_, config) => [120, 240, 480, 960][config % 4]!),
];

/**
 * How many 48 kHz samples a packet decodes to, read from its TOC byte alone: lets a caller know a
 * recording's length before decoding it. 0 for a packet too short to say.
 */
export function opusPacketSamples(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const frameSamples = FRAME_SAMPLES[toc >> 3]!;
  const code = toc & 0x03;
  if (code === 0) return frameSamples;
  if (code === 1 || code === 2) return 2 * frameSamples;
  const count = packet[1];
  return count === undefined ? 0 : (count & 0x3f) * frameSamples;
}

/**
 * Decodes the packets of one stream to one Float32Array per channel at 48 kHz, the pre-skip removed.
 * `totalSamples`, when the container knows it (Ogg's last granule position, WebM's DiscardPadding),
 * trims the padding the encoder added after the end.
 */
export async function decodeOpus(head: OpusHead, packets: readonly Uint8Array[], totalSamples?: number): Promise<Float32Array[]> {
  const decoder = new OpusDecoder({
    channels: head.channels,
    preSkip: head.preSkip,
    streamCount: head.streamCount,
    coupledStreamCount: head.coupledStreamCount,
    channelMappingTable: head.channelMapping,
  });
  await decoder.ready;
  try {
    // The decoder copies each packet into a fixed wasm buffer of this many bytes.
    const maxPacketBytes = 3840 * head.channels;
    const decoded: Float32Array[][] = [];
    let length = 0;
    for (const packet of packets) {
      if (packet.length === 0) continue; // an empty packet marks a dropped frame: nothing to decode
      if (packet.length > maxPacketBytes) throw invalidAudio('The recording holds an Opus packet too large to be real: the file is damaged.');
      const result = decoder.decodeFrame(packet);
      if (result.errors.length > 0) throw invalidAudio('The recording\'s Opus audio is damaged and cannot be decoded.');
      decoded.push(result.channelData);
      length += result.samplesDecoded;
    }
    const keep = totalSamples === undefined ? length : Math.max(0, Math.min(length, totalSamples));
    const gain = head.outputGainDb === 0 ? 1 : 10 ** (head.outputGainDb / 20);
    return Array.from({ length: head.channels }, (_, channel) => joinChannel(decoded, channel, keep, gain));
  } finally {
    decoder.free();
  }
}

function joinChannel(parts: readonly Float32Array[][], channel: number, length: number, gain: number): Float32Array {
  const out = new Float32Array(length);
  let offset = 0;
  for (const part of parts) {
    const samples = part[channel] ?? part[0]!;
    if (offset >= length) break;
    const take = Math.min(samples.length, length - offset);
    out.set(samples.subarray(0, take), offset);
    offset += take;
  }
  if (gain !== 1) for (let i = 0; i < length; i++) out[i]! *= gain;
  return out;
}
