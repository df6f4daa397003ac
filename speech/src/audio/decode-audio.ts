// The one door from an uploaded body to what Whisper takes: 16 kHz mono 16-bit PCM. Each refusal is
// an AudioError that tells the person what was wrong with their recording. Cheap checks come first:
// the content type, the size, then the length the container claims, all before any decoding.
import { AudioError, invalidAudio, truncatedAudio } from './audio-error.ts';
import { decodeOpus, OPUS_SAMPLE_RATE, opusPacketSamples, parseOpusHead, type OpusHead } from './opus.ts';
import { demuxOggOpus } from './ogg.ts';
import { SPEECH_SAMPLE_RATE, toSpeechPcm } from './resample.ts';
import { decodeWavSamples, readWavHeader } from './wav.ts';
import { demuxWebmAudio } from './webm.ts';

export type AudioFormat = 'wav' | 'webm' | 'ogg';

export interface AudioLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Longest recording accepted, judged from the container's header before decoding. */
  maxSeconds: number;
  /** Shortest recording worth transcribing. Default 200 ms. */
  minMs?: number;
}

export interface DecodedAudio {
  /** 16 kHz mono signed 16-bit samples. */
  pcm: Int16Array;
  durationMs: number;
  source: { format: AudioFormat; sampleRate: number; channels: number };
}

export const DEFAULT_MIN_MS = 200;
/** A recording whose loudest sample stays under this (after resampling) holds no speech. */
export const SILENCE_PEAK_DBFS = -45;

/** Content types by container; parameters (`; codecs=opus`) do not matter. */
export const AUDIO_CONTENT_TYPES: Readonly<Record<AudioFormat, readonly string[]>> = {
  wav: ['audio/wav', 'audio/wave', 'audio/x-wav', 'audio/vnd.wave'],
  // MediaRecorder in Chromium browsers; some label an audio-only recording video/webm.
  webm: ['audio/webm', 'video/webm'],
  // MediaRecorder in Firefox.
  ogg: ['audio/ogg', 'application/ogg'],
};

export const ACCEPTED_AUDIO_TYPES: readonly string[] = Object.values(AUDIO_CONTENT_TYPES).flat();

/** The container a content type names, or null when the hub does not take it. */
export function audioFormatOf(contentType: string | undefined): AudioFormat | null {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  for (const [format, types] of Object.entries(AUDIO_CONTENT_TYPES) as [AudioFormat, readonly string[]][]) {
    if (types.includes(essence)) return format;
  }
  return null;
}

/** A container opened far enough to know its length; decoding is a separate, costlier step. */
interface OpenedAudio {
  sampleRate: number;
  channels: number;
  claimedSeconds: number;
  decode(): Float32Array[] | Promise<Float32Array[]>;
}

export async function decodeAudio(body: Buffer, contentType: string | undefined, limits: AudioLimits): Promise<DecodedAudio> {
  const format = audioFormatOf(contentType);
  if (!format) {
    const sent = contentType?.trim() ? `"${contentType.trim()}"` : 'no content type';
    throw new AudioError(
      'unsupported_media_type',
      `The hub cannot take audio sent as ${sent}. Send a recording as one of: ${ACCEPTED_AUDIO_TYPES.join(', ')}.`,
    );
  }
  if (body.length > limits.maxBytes) {
    throw new AudioError(
      'audio_too_large',
      `The recording is ${formatBytes(body.length)}; the hub takes up to ${formatBytes(limits.maxBytes)}. Record a shorter message.`,
    );
  }
  if (body.length === 0) throw invalidAudio('The upload is empty: no audio was sent.');

  const opened = format === 'wav' ? openWav(body) : format === 'webm' ? openWebm(body) : openOgg(body);
  if (opened.claimedSeconds > limits.maxSeconds) {
    throw new AudioError(
      'audio_too_long',
      `The recording is ${formatSeconds(opened.claimedSeconds)} long; the hub takes up to ${formatSeconds(limits.maxSeconds)}. Send a shorter message.`,
    );
  }
  const pcm = toSpeechPcm(await opened.decode(), opened.sampleRate);
  const durationMs = (pcm.length * 1000) / SPEECH_SAMPLE_RATE;
  checkSpeech(pcm, durationMs, limits.minMs ?? DEFAULT_MIN_MS);
  return { pcm, durationMs, source: { format, sampleRate: opened.sampleRate, channels: opened.channels } };
}

function checkSpeech(pcm: Int16Array, durationMs: number, minMs: number): void {
  if (pcm.length === 0) throw new AudioError('audio_too_short', 'The recording holds no audio. Hold the button while you speak.');
  if (durationMs < minMs) {
    throw new AudioError('audio_too_short', `The recording is only ${Math.round(durationMs)} ms long; speak for at least ${minMs} ms.`);
  }
  const peak = peakDbfs(pcm);
  if (peak < SILENCE_PEAK_DBFS) {
    const level = Number.isFinite(peak) ? `its loudest sound is ${Math.round(peak)} dBFS` : 'it is completely silent';
    throw new AudioError('silent_audio', `No speech was heard: ${level}. Check the microphone and speak closer to it.`);
  }
}

/** The loudest sample relative to full scale, in dB; -Infinity for pure silence. */
export function peakDbfs(pcm: Int16Array): number {
  let peak = 0;
  for (let i = 0; i < pcm.length; i++) {
    const magnitude = Math.abs(pcm[i]!);
    if (magnitude > peak) peak = magnitude;
  }
  return 20 * Math.log10(peak / 32768);
}

function openWav(body: Buffer): OpenedAudio {
  const header = readWavHeader(body);
  return {
    sampleRate: header.sampleRate,
    channels: header.channels,
    claimedSeconds: header.declaredFrames / header.sampleRate,
    decode() {
      if (header.availableFrames < header.declaredFrames) {
        const missing = formatSeconds((header.declaredFrames - header.availableFrames) / header.sampleRate);
        throw truncatedAudio(`This WAV file ends ${missing} before the end its header announces: the upload was cut short.`);
      }
      return decodeWavSamples(body, header);
    },
  };
}

function openWebm(body: Buffer): OpenedAudio {
  const { track, frames, discardPaddingNs } = demuxWebmAudio(body);
  if (track.codecId !== 'A_OPUS') {
    throw invalidAudio(`This WebM recording's audio is ${track.codecId || 'of an unnamed codec'}; the hub reads Opus, which browsers record.`);
  }
  const head = track.codecPrivate
    ? parseOpusHead(track.codecPrivate)
    : defaultOpusHead(track.channels ?? 2, nanosecondsToOpusSamples(track.codecDelayNs));
  const encoded = frames.reduce((sum, frame) => sum + opusPacketSamples(frame), 0);
  const samples = Math.max(0, encoded - head.preSkip - nanosecondsToOpusSamples(discardPaddingNs));
  return openOpus(head, frames, samples);
}

function openOgg(body: Buffer): OpenedAudio {
  const stream = demuxOggOpus(body);
  const head = parseOpusHead(stream.head);
  const encoded = stream.packets.reduce((sum, packet) => sum + opusPacketSamples(packet), 0);
  // The last granule position counts the samples the stream really holds, pre-skip included.
  const samples = Math.max(0, Math.min(encoded, stream.lastGranule ?? encoded) - head.preSkip);
  return openOpus(head, stream.packets, samples);
}

function openOpus(head: OpusHead, packets: Uint8Array[], samples: number): OpenedAudio {
  return {
    sampleRate: OPUS_SAMPLE_RATE,
    channels: head.channels,
    claimedSeconds: samples / OPUS_SAMPLE_RATE,
    decode: () => decodeOpus(head, packets, samples),
  };
}

// Without a CodecPrivate, WebM still says the channel count and, as CodecDelay, the pre-skip.
function defaultOpusHead(channels: number, preSkip: number): OpusHead {
  if (channels < 1 || channels > 2) throw invalidAudio('This WebM recording has no Opus header and more than two channels.');
  return {
    channels,
    preSkip,
    outputGainDb: 0,
    mappingFamily: 0,
    streamCount: 1,
    coupledStreamCount: channels - 1,
    channelMapping: channels === 2 ? [0, 1] : [0],
  };
}

function nanosecondsToOpusSamples(ns: number): number {
  return Math.max(0, Math.round((ns * OPUS_SAMPLE_RATE) / 1e9));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
