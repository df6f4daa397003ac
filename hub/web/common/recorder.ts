/**
 * Hold-to-talk recording for the translator pages, in every browser including iOS Safari (which has no
 * MediaRecorder WAV and, before 14.1, no AudioWorklet). The microphone feeds Web Audio; we collect raw
 * samples while the button is held and, on release, down-mix, resample to 16 kHz and encode a 16-bit mono
 * WAV ourselves: the format Whisper reads without a decoder, at a third of a 48 kHz upload.
 *
 * The pure parts (down-mix, resample, WAV, levels, error mapping) come first, then the press/release
 * logic (`HoldToTalkRecorder`), which takes the microphone as a parameter: `openMicrophoneCapture` from
 * `microphone.ts` in a browser, a fake one in the tests, which run under Node.
 */

export const SPEECH_SAMPLE_RATE = 16_000;
/** Shorter presses are taps, not speech: ignored with a hint to hold. */
export const MIN_RECORDING_MS = 300;
/** The recorder stops by itself here; Whisper works on 30 s windows and the hub refuses long uploads. */
export const MAX_RECORDING_MS = 30_000;

// ---------------------------------------------------------------- pure audio helpers

/** The average of the channels, sample by sample (the channels of one chunk have the same length). */
export function downmixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first.slice();
  const mono = new Float32Array(first.length);
  for (const channel of channels) {
    for (let i = 0; i < mono.length; i++) mono[i]! += channel[i] ?? 0;
  }
  for (let i = 0; i < mono.length; i++) mono[i]! /= channels.length;
  return mono;
}

export function concatSamples(chunks: readonly Float32Array[]): Float32Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/**
 * Resamples by area averaging when going down (each output sample is the mean of the input it covers,
 * fractional edges weighted), which also filters most of what would otherwise alias into the speech band;
 * linear interpolation when going up. The output has round(n × to / from) samples.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`cannot resample from ${fromRate} Hz to ${toRate} Hz`);
  if (fromRate === toRate) return samples.slice();
  const length = Math.round((samples.length * toRate) / fromRate);
  const out = new Float32Array(length);
  const step = fromRate / toRate; // input samples per output sample
  const last = samples.length - 1;
  if (last < 0) return out;
  if (step < 1) {
    for (let i = 0; i < length; i++) {
      const position = i * step;
      const index = Math.floor(position);
      const fraction = position - index;
      const a = samples[Math.min(index, last)]!;
      const b = samples[Math.min(index + 1, last)]!;
      out[i] = a + (b - a) * fraction;
    }
    return out;
  }
  for (let i = 0; i < length; i++) {
    const start = i * step;
    const end = Math.min(samples.length, start + step);
    let sum = 0;
    let weight = 0;
    for (let k = Math.floor(start); k < end; k++) {
      const covered = Math.min(k + 1, end) - Math.max(k, start);
      sum += samples[k]! * covered;
      weight += covered;
    }
    out[i] = weight > 0 ? sum / weight : 0;
  }
  return out;
}

/** -1…1 floats to signed 16-bit integers; out-of-range values clip, NaN becomes silence. */
export function toPcm16(sample: number): number {
  if (Number.isNaN(sample)) return 0;
  const clipped = Math.max(-1, Math.min(1, sample));
  return clipped < 0 ? Math.round(clipped * 0x8000) : Math.round(clipped * 0x7fff);
}

const WAV_HEADER_BYTES = 44;

/** A canonical 44-byte-header RIFF/WAVE file: PCM, one channel, 16 bits, little-endian. */
export function encodeWav(samples: Float32Array, sampleRate: number): ArrayBuffer {
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // size of the fmt chunk
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(WAV_HEADER_BYTES + i * 2, toPcm16(samples[i]!), true);
  return buffer;
}

/** Mono chunks recorded at `sampleRate` → the 16 kHz, 16-bit mono WAV the hub's speech route takes. */
export function encodeWav16k(chunks: readonly Float32Array[], sampleRate: number): Blob {
  const speech = resample(concatSamples(chunks), sampleRate, SPEECH_SAMPLE_RATE);
  return new Blob([encodeWav(speech, SPEECH_SAMPLE_RATE)], { type: 'audio/wav' });
}

/** Loudness for a meter, 0…1: RMS on a -60…0 dBFS scale (speech sits around 0.5–0.8). */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (decibels + 60) / 60));
}

// ---------------------------------------------------------------- microphone problems

/**
 * Why recording could not happen, for the page to say in its own words:
 * insecure: the page is plain http on a LAN address (browsers only open microphones on https or localhost);
 * unsupported: no getUserMedia or Web Audio; denied: the person or a policy refused the permission;
 * no-microphone: none attached; busy: another app holds it; no-audio: it opened but sent nothing.
 */
export type MicrophoneProblem = 'insecure' | 'unsupported' | 'denied' | 'no-microphone' | 'busy' | 'no-audio' | 'failed';

export function microphoneProblemOf(error: unknown): MicrophoneProblem {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // older Chrome
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-microphone';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export interface MicrophoneEnvironment {
  isSecureContext?: boolean;
  hasGetUserMedia: boolean;
  hasAudioContext: boolean;
}

/** What stops recording before anyone presses the button; null when the browser can record. */
export function microphoneSupportProblem(environment: MicrophoneEnvironment): MicrophoneProblem | null {
  if (environment.isSecureContext === false) return 'insecure';
  if (!environment.hasGetUserMedia || !environment.hasAudioContext) return 'unsupported';
  return null;
}

// ---------------------------------------------------------------- the microphone, as the recorder sees it

/** An open microphone delivering mono chunks to the callback given when it was opened. */
export interface AudioCapture {
  readonly sampleRate: number;
  /** Delivers what is still buffered, then stops the tracks and closes the audio graph. */
  stop(): Promise<void>;
}

export type OpenCapture = (onChunk: (mono: Float32Array) => void) => Promise<AudioCapture>;

// ---------------------------------------------------------------- press and release

export type RecordingResult =
  | { kind: 'recorded'; wav: Blob; durationMs: number; autoStopped: boolean }
  /** Released before MIN_RECORDING_MS of audio (or before the microphone opened): show "hold to talk". */
  | { kind: 'too-short' }
  | { kind: 'failed'; problem: MicrophoneProblem };

export type RecorderState = 'idle' | 'starting' | 'recording';

export interface HoldToTalkOptions {
  onResult(result: RecordingResult): void;
  onState?(state: RecorderState): void;
  /** While recording: loudness 0…1 and the time held, for a meter and a clock. */
  onLevel?(level: number, elapsedMs: number): void;
  /** The microphone: `openMicrophoneCapture` in a browser, a fake in tests. */
  open: OpenCapture;
  minMs?: number;
  maxMs?: number;
  now?: () => number;
}

interface Take {
  /** The button is still down (or the key still held). */
  held: boolean;
  /** Chunks are collected from the moment the microphone opens until its final flush. */
  listening: boolean;
  ending: boolean;
  chunks: Float32Array[];
  capture: AudioCapture | null;
  openedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * One button's recorder: `press()` opens the microphone, `release()` (or the time limit) ends the take
 * and reports exactly one result per press. The microphone is released after every take, so the
 * browser's recording indicator is only on while someone is talking.
 */
export class HoldToTalkRecorder {
  private current: Take | null = null;
  private stateValue: RecorderState = 'idle';
  private readonly open: OpenCapture;
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HoldToTalkOptions) {
    this.open = options.open;
    this.minMs = options.minMs ?? MIN_RECORDING_MS;
    this.maxMs = options.maxMs ?? MAX_RECORDING_MS;
    this.now = options.now ?? (() => Date.now());
  }

  get state(): RecorderState {
    return this.stateValue;
  }

  press(): void {
    if (this.current) return; // a second finger, a repeated key: one take at a time
    const take: Take = { held: true, listening: false, ending: false, chunks: [], capture: null, openedAt: 0, timer: null };
    this.current = take;
    this.setState('starting');
    this.open((mono) => {
      if (this.current !== take || !take.listening) return;
      take.chunks.push(mono);
      if (!take.ending) this.options.onLevel?.(levelOf(mono), this.now() - take.openedAt);
    }).then(
      (capture) => {
        if (this.current !== take || !take.held) {
          // Let go (or disposed) while the permission prompt or the device was still opening.
          void capture.stop();
          if (this.current === take) this.finish(take, { kind: 'too-short' });
          return;
        }
        take.capture = capture;
        take.listening = true;
        take.openedAt = this.now();
        take.timer = setTimeout(() => void this.end(take, true), this.maxMs);
        this.setState('recording');
      },
      (error: unknown) => {
        if (this.current === take) this.finish(take, { kind: 'failed', problem: microphoneProblemOf(error) });
      },
    );
  }

  release(): void {
    const take = this.current;
    if (!take || !take.held) return;
    take.held = false;
    // Still opening: the open callback sees `held` false and reports too-short.
    if (take.capture) void this.end(take, false);
  }

  /** Drops a take in progress without a result (the view is closing). */
  dispose(): void {
    const take = this.current;
    if (!take) return;
    this.current = null;
    take.held = false;
    take.listening = false;
    if (take.timer) clearTimeout(take.timer);
    void take.capture?.stop();
    this.setState('idle');
  }

  private async end(take: Take, autoStopped: boolean): Promise<void> {
    if (this.current !== take || !take.capture || take.ending) return;
    take.ending = true;
    take.held = false;
    if (take.timer) clearTimeout(take.timer);
    take.timer = null;
    const heldMs = this.now() - take.openedAt;
    const { sampleRate } = take.capture;
    await take.capture.stop().catch(() => undefined); // the last buffered audio arrives before this resolves
    take.listening = false;
    if (this.current !== take) return;
    const samples = take.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (heldMs < this.minMs) return this.finish(take, { kind: 'too-short' });
    if (samples === 0) return this.finish(take, { kind: 'failed', problem: 'no-audio' });
    const wav = encodeWav16k(take.chunks, sampleRate);
    this.finish(take, { kind: 'recorded', wav, durationMs: Math.round((samples / sampleRate) * 1000), autoStopped });
  }

  private finish(take: Take, result: RecordingResult): void {
    if (this.current !== take) return;
    if (take.timer) clearTimeout(take.timer);
    this.current = null;
    this.setState('idle');
    this.options.onResult(result);
  }

  private setState(state: RecorderState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.options.onState?.(state);
  }
}
