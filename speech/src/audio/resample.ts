// Down-mixing and sample-rate conversion to what Whisper hears: 16 kHz mono, 16-bit.
//
// The converter is a polyphase windowed-sinc filter. Dropping from 48 kHz to 16 kHz by picking or
// interpolating samples would fold everything between 8 and 24 kHz (fans, clatter, sibilants) back
// into the speech band; the low-pass removes it first. It passes up to 7/8 of the lower rate's Nyquist
// frequency (7 kHz for 16 kHz) and is 60 dB down from 9/8 of it (9 kHz). Letting the transition run
// past Nyquist halves the filter's length: what it lets fold back lands between 7 and 8 kHz, above
// the passband, where Whisper finds no speech. 60 dB is far below what a recognizer can tell apart.

export const SPEECH_SAMPLE_RATE = 16_000;

// Edges as fractions of the lower Nyquist frequency.
const PASSBAND_EDGE = 7 / 8;
const STOPBAND_EDGE = 9 / 8;
const STOPBAND_DB = 60;
// Rates whose ratio reduces to more phases than this (odd rates such as 44,056 Hz) use this many
// phases with the position rounded to the nearest one: at most 1/2048 of a sample of timing error.
const MAX_PHASES = 1024;

/** The average of the channels, so a stereo recording with speech on one side keeps half its level. */
export function downmixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const length = Math.min(...channels.map((channel) => channel.length));
  const mono = first.slice(0, length);
  for (const channel of channels.slice(1)) addInto(mono, channel);
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) mono[i]! *= scale;
  return mono;
}

function addInto(sum: Float32Array, channel: Float32Array): void {
  for (let i = 0; i < sum.length; i++) sum[i]! += channel[i]!;
}

interface ResamplePlan {
  /** Output phases: output sample n sits (n * step / phases) input samples in. */
  phases: number;
  step: number;
  exact: boolean;
  taps: number;
  /** `phases` rows of `taps` coefficients. */
  coefficients: Float32Array;
}

// Filters are kept for the few rates that recur (48 kHz, 44.1 kHz...). Bounded, so uploads at many
// odd rates cannot grow memory without end.
const plans = new Map<string, ResamplePlan>();
const MAX_CACHED_PLANS = 8;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

// Zeroth-order modified Bessel function of the first kind, for the Kaiser window.
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function planFor(fromRate: number, toRate: number): ResamplePlan {
  const key = `${fromRate}>${toRate}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const divisor = gcd(fromRate, toRate);
  const exact = toRate / divisor <= MAX_PHASES;
  const phases = exact ? toRate / divisor : MAX_PHASES;
  const step = exact ? fromRate / divisor : 0;

  // Frequencies in cycles per input sample.
  const nyquist = Math.min(fromRate, toRate) / 2 / fromRate;
  const transition = nyquist * (STOPBAND_EDGE - PASSBAND_EDGE);
  const cutoff = (nyquist * (STOPBAND_EDGE + PASSBAND_EDGE)) / 2;
  // Kaiser's formulas for the window's shape and the length that reaches the stopband attenuation.
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  const length = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
  const half = 2 * Math.ceil(length / 4); // taps a multiple of 4, for the unrolled loop in resample()
  const taps = 2 * half;
  const coefficients = new Float32Array(phases * taps);
  const windowNorm = besselI0(beta);
  for (let phase = 0; phase < phases; phase++) {
    const row = phase * taps;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      // Distance from the output position to input tap j (see resample() for the indexing).
      const t = phase / phases + half - 1 - j;
      const x = 2 * cutoff * t;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const r = t / half;
      const window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / windowNorm;
      const value = 2 * cutoff * sinc * window;
      coefficients[row + j] = value;
      sum += value;
    }
    for (let j = 0; j < taps; j++) coefficients[row + j]! /= sum; // unity gain at DC in every phase
  }
  const plan = { phases, step, exact, taps, coefficients };
  if (plans.size >= MAX_CACHED_PLANS) plans.delete(plans.keys().next().value!);
  plans.set(key, plan);
  return plan;
}

// The hot loop, kept in its own small function so the JIT optimizes it on its own. Four running
// sums keep the additions independent, which the CPU can overlap.
function dot(coefficients: Float32Array, row: number, samples: Float32Array, start: number, taps: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = 0; j < taps; j += 4) {
    a0 += coefficients[row + j]! * samples[start + j]!;
    a1 += coefficients[row + j + 1]! * samples[start + j + 1]!;
    a2 += coefficients[row + j + 2]! * samples[start + j + 2]!;
    a3 += coefficients[row + j + 3]! * samples[start + j + 3]!;
  }
  return a0 + a1 + a2 + a3;
}

/** `samples` at `fromRate` as `toRate`, low-pass filtered so nothing above the new Nyquist folds back. */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples.slice();
  const { phases, step, exact, taps, coefficients } = planFor(fromRate, toRate);
  const half = taps / 2;
  // Zeros on both sides let the inner loop run without bounds checks at the edges.
  const padded = new Float32Array(samples.length + taps + 1);
  padded.set(samples, half);
  const outputLength = Math.round((samples.length * toRate) / fromRate);
  const out = new Float32Array(outputLength);
  const ratio = fromRate / toRate;
  for (let n = 0; n < outputLength; n++) {
    let index: number;
    let phase: number;
    if (exact) {
      const position = n * step; // in 1/phases of an input sample: exact integer arithmetic
      index = Math.floor(position / phases);
      phase = position - index * phases;
    } else {
      const position = n * ratio;
      index = Math.floor(position);
      phase = Math.round((position - index) * phases);
      if (phase === phases) {
        index += 1;
        phase = 0;
      }
    }
    // Taps cover input samples index-half+1 .. index+half, which sit at index+1 .. in `padded`.
    out[n] = dot(coefficients, phase * taps, padded, index + 1, taps);
  }
  return out;
}

/** Float samples in [-1, 1] as 16-bit integers, clipped rather than wrapped. */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.round(samples[i]! * 32768);
    out[i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
  }
  return out;
}

/** Any channels at any rate → the 16 kHz mono 16-bit PCM that Whisper takes. */
export function toSpeechPcm(channels: readonly Float32Array[], sampleRate: number): Int16Array {
  return floatToInt16(resample(downmixToMono(channels), sampleRate, SPEECH_SAMPLE_RATE));
}
