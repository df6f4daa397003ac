// Real audio for the translator's tests and benches: speech spoken by espeak-ng, pure tones and
// silence as WAV files, a recording made by Chromium's own MediaRecorder, and the measurements the
// tests make on decoded audio (the level of one frequency, the strongest frequency).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../../e2e/support/browser.ts';
import { resample } from '../../src/audio/resample.ts';
import { decodeWavSamples, encodeWav, readWavHeader, type WavEncoding } from '../../src/audio/wav.ts';

export const ESPEAK_SAMPLE_RATE = 22_050;

export interface SpeakOptions {
  /** An espeak-ng voice, e.g. `en`, `es`, `de`. Default `en`. */
  voice?: string;
  /** Write the speech on two channels (the same on both). */
  stereo?: boolean;
  /** Rewrite the speech at this rate; espeak-ng itself speaks at 22,050 Hz. */
  sampleRate?: number;
}

/** `text` spoken by espeak-ng as a 16-bit WAV file: mono 22,050 Hz unless the options say otherwise. */
export function speakToWav(text: string, options: SpeakOptions = {}): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'speech-'));
  try {
    const path = join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-v', options.voice ?? 'en', '-w', path, text], { stdio: ['ignore', 'ignore', 'pipe'] });
    const spoken = readFileSync(path);
    if (!options.stereo && (options.sampleRate ?? ESPEAK_SAMPLE_RATE) === ESPEAK_SAMPLE_RATE) return spoken;
    const header = readWavHeader(spoken);
    let [mono] = decodeWavSamples(spoken, header);
    const rate = options.sampleRate ?? header.sampleRate;
    if (rate !== header.sampleRate) mono = resample(mono!, header.sampleRate, rate);
    return encodeWav(options.stereo ? [mono!, mono!.slice()] : [mono!], rate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sine wave: `amplitude` is the peak, 1 being full scale. */
export function tone(frequency: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

export interface ToneOptions {
  frequency: number;
  seconds: number;
  sampleRate: number;
  amplitude?: number;
  channels?: number;
  encoding?: WavEncoding;
}

export function toneWav(options: ToneOptions): Buffer {
  const samples = tone(options.frequency, options.seconds, options.sampleRate, options.amplitude);
  const channels = Array.from({ length: options.channels ?? 1 }, () => samples);
  return encodeWav(channels, options.sampleRate, { encoding: options.encoding });
}

export function silenceWav(seconds: number, sampleRate = 16_000, channels = 1): Buffer {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  return encodeWav(Array.from({ length: channels }, () => samples), sampleRate);
}

type Samples = Int16Array | Float32Array;

function fullScale(samples: Samples): number {
  return samples instanceof Int16Array ? 32768 : 1;
}

// A Hann window keeps a strong tone from leaking into the frequencies around it.
const hannWindows = new Map<number, Float64Array>();
function hannWindow(length: number): Float64Array {
  let window = hannWindows.get(length);
  if (!window) {
    window = Float64Array.from({ length }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, length - 1)));
    hannWindows.set(length, window);
  }
  return window;
}

/**
 * The amplitude of one frequency in `samples` (Goertzel), in dB relative to a full-scale sine:
 * a sine of peak 0.5 reads about -6 dB.
 */
export function toneLevelDb(samples: Samples, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  const window = hannWindow(samples.length);
  const scale = fullScale(samples);
  let previous = 0;
  let beforePrevious = 0;
  let windowSum = 0;
  for (let i = 0; i < samples.length; i++) {
    windowSum += window[i]!;
    const current = (samples[i]! / scale) * window[i]! + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  const amplitude = (2 * Math.sqrt(Math.max(0, power))) / windowSum;
  return 20 * Math.log10(amplitude);
}

/** The strongest frequency between `from` and `to`, searched in `step` Hz steps. */
export function dominantFrequency(samples: Samples, sampleRate: number, from = 50, to = sampleRate / 2 - 50, step = 5): number {
  let best = from;
  let bestLevel = -Infinity;
  for (let frequency = from; frequency <= to; frequency += step) {
    const level = toneLevelDb(samples, sampleRate, frequency);
    if (level > bestLevel) [best, bestLevel] = [frequency, level];
  }
  return best;
}

/** Root-mean-square level in dB relative to full scale. */
export function rmsDbfs(samples: Samples): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i]! / fullScale(samples)) ** 2;
  return 10 * Math.log10(sum / Math.max(1, samples.length));
}

export interface BrowserRecordingOptions {
  frequency: number;
  seconds: number;
  /** Default `audio/webm;codecs=opus`, what Chromium records. */
  mimeType?: string;
}

export interface BrowserRecording {
  bytes: Buffer;
  mimeType: string;
}

/**
 * Records an OscillatorNode with Chromium's own MediaRecorder (through a MediaStreamAudioDestinationNode),
 * exactly as the guest page's microphone recording is encoded, and returns the file's bytes. The
 * recorder stops when the oscillator ends on the audio clock, so no timer decides the length.
 */
export async function recordInChromium(options: BrowserRecordingOptions): Promise<BrowserRecording> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // A string, so this file needs no DOM types: it runs in the page, not in Node.
    const script = `(async ({ frequency, seconds, mimeType }) => {
      const context = new AudioContext({ sampleRate: 48000 });
      await context.resume();
      const oscillator = new OscillatorNode(context, { frequency });
      const gain = new GainNode(context, { gain: 0.5 });
      const destination = new MediaStreamAudioDestinationNode(context);
      oscillator.connect(gain).connect(destination);
      const recorder = new MediaRecorder(destination.stream, { mimeType });
      const chunks = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.onstart = () => {
        oscillator.onended = () => recorder.stop();
        oscillator.start();
        oscillator.stop(context.currentTime + seconds);
      };
      recorder.start();
      await stopped;
      await context.close();
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { base64: btoa(binary), mimeType: recorder.mimeType };
    })(${JSON.stringify({ frequency: options.frequency, seconds: options.seconds, mimeType: options.mimeType ?? 'audio/webm;codecs=opus' })})`;
    const result = (await page.evaluate(script)) as { base64: string; mimeType: string };
    return { bytes: Buffer.from(result.base64, 'base64'), mimeType: result.mimeType };
  } finally {
    await browser.close();
  }
}
