import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HoldToTalkRecorder,
  MAX_RECORDING_MS,
  concatSamples,
  downmixToMono,
  encodeWav,
  encodeWav16k,
  levelOf,
  microphoneProblemOf,
  microphoneSupportProblem,
  resample,
  toPcm16,
  type AudioCapture,
  type OpenCapture,
  type RecordingResult,
} from './recorder.ts';

function sine(frequency: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

const ascii = (view: DataView, offset: number, length: number) =>
  String.fromCharCode(...Array.from({ length }, (_, i) => view.getUint8(offset + i)));

describe('WAV encoding', () => {
  it('writes a 44-byte PCM header for 16-bit mono at the given rate', () => {
    const view = new DataView(encodeWav(new Float32Array(1000), 16_000));
    expect(view.byteLength).toBe(44 + 2000);
    expect(ascii(view, 0, 4)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 2000);
    expect(ascii(view, 8, 4)).toBe('WAVE');
    expect(ascii(view, 12, 4)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint32(28, true)).toBe(32_000); // bytes per second
    expect(view.getUint16(32, true)).toBe(2); // block align
    expect(view.getUint16(34, true)).toBe(16); // bits
    expect(ascii(view, 36, 4)).toBe('data');
    expect(view.getUint32(40, true)).toBe(2000);
  });

  it('stores samples as little-endian 16-bit integers, clipping out-of-range values', () => {
    const view = new DataView(encodeWav(Float32Array.from([0, 1, -1, 0.5, -0.5, 1.7, -3, Number.NaN]), 16_000));
    const values = Array.from({ length: 8 }, (_, i) => view.getInt16(44 + i * 2, true));
    expect(values).toEqual([0, 32767, -32768, 16384, -16384, 32767, -32768, 0]);
    expect(toPcm16(0.25)).toBe(8192);
  });

  it('turns 1 s recorded at 48 kHz in chunks into 1 s of 16 kHz audio/wav', async () => {
    const recorded = sine(440, 48_000, 1);
    const chunks = [recorded.subarray(0, 20_000), recorded.subarray(20_000, 20_001), recorded.subarray(20_001)];
    const wav = encodeWav16k(chunks, 48_000);
    expect(wav.type).toBe('audio/wav');
    expect(wav.size).toBe(44 + 16_000 * 2);
    const view = new DataView(await wav.arrayBuffer());
    expect(view.getUint32(24, true)).toBe(16_000);
    // Sample 100 of the output is the average of input 300..302: the tone survives the trip.
    const expected = 0.5 * Math.sin((2 * Math.PI * 440 * 301) / 48_000);
    expect(view.getInt16(44 + 100 * 2, true) / 32767).toBeCloseTo(expected, 2);
  });
});

describe('down-mix and resample', () => {
  it('averages channels and concatenates chunks in order', () => {
    expect(Array.from(downmixToMono([Float32Array.from([1, 0.5, -1]), Float32Array.from([0, 0.5, 1])]))).toEqual([0.5, 0.5, 0]);
    expect(Array.from(downmixToMono([Float32Array.from([0.25])]))).toEqual([0.25]);
    expect(downmixToMono([]).length).toBe(0);
    expect(Array.from(concatSamples([Float32Array.from([1, 2]), new Float32Array(0), Float32Array.from([3])]))).toEqual([1, 2, 3]);
  });

  it.each([
    [48_000, 48_000, 16_000],
    [44_100, 44_100, 16_000],
    [44_100, 1_000, 363],
    [8_000, 8_000, 16_000],
    [16_000, 12_345, 12_345],
    [48_000, 0, 0],
  ])('from %i Hz, %i samples become %i at 16 kHz', (rate, length, expected) => {
    expect(resample(new Float32Array(length), rate, 16_000).length).toBe(expected);
  });

  it('keeps a steady level steady when going down and up', () => {
    const down = resample(new Float32Array(4410).fill(0.3), 44_100, 16_000);
    expect(Math.max(...down)).toBeCloseTo(0.3, 6);
    expect(Math.min(...down)).toBeCloseTo(0.3, 6);
    const up = resample(new Float32Array(800).fill(-0.2), 8_000, 16_000);
    expect(Math.min(...up)).toBeCloseTo(-0.2, 6);
    expect(Math.max(...up)).toBeCloseTo(-0.2, 6);
  });

  it('keeps a 1 kHz tone at its frequency and loudness from 44.1 kHz', () => {
    const out = resample(sine(1000, 44_100, 0.5, 0.8), 44_100, 16_000);
    const step = 44_100 / 16_000;
    let worst = 0;
    for (let i = 10; i < out.length - 10; i++) {
      // Each output averages the input it covers, so it belongs to the middle of that span.
      const t = ((i + 0.5) * step - 0.5) / 44_100;
      worst = Math.max(worst, Math.abs(out[i]! - 0.8 * Math.sin(2 * Math.PI * 1000 * t)));
    }
    expect(worst).toBeLessThan(0.02);
  });

  it('interpolates between samples when going up', () => {
    expect(Array.from(resample(Float32Array.from([0, 1, 0]), 8_000, 16_000))).toEqual([0, 0.5, 1, 0.5, 0, 0]);
  });

  it('refuses a rate of zero', () => {
    expect(() => resample(new Float32Array(10), 0, 16_000)).toThrow(RangeError);
  });
});

describe('levels and problems', () => {
  it('maps loudness onto 0…1 from -60 dBFS to full scale', () => {
    expect(levelOf(new Float32Array(100))).toBe(0);
    expect(levelOf(new Float32Array(100).fill(1))).toBe(1);
    expect(levelOf(new Float32Array(100).fill(0.001))).toBeCloseTo(0, 6); // -60 dBFS
    expect(levelOf(new Float32Array(100).fill(0.0001))).toBe(0); // quieter still
    expect(levelOf(new Float32Array(100).fill(0.1))).toBeCloseTo(2 / 3, 5); // -20 dBFS
  });

  it('names what the browser said when the microphone would not open', () => {
    const named = (name: string) => new DOMException('no', name);
    expect(microphoneProblemOf(named('NotAllowedError'))).toBe('denied');
    expect(microphoneProblemOf(named('SecurityError'))).toBe('denied');
    expect(microphoneProblemOf(named('NotFoundError'))).toBe('no-microphone');
    expect(microphoneProblemOf(named('OverconstrainedError'))).toBe('no-microphone');
    expect(microphoneProblemOf(named('NotReadableError'))).toBe('busy');
    expect(microphoneProblemOf(new TypeError('odd'))).toBe('failed');
    expect(microphoneProblemOf(null)).toBe('failed');
  });

  it('knows before any press that plain http on the LAN cannot record', () => {
    expect(microphoneSupportProblem({ isSecureContext: false, hasGetUserMedia: false, hasAudioContext: true })).toBe('insecure');
    expect(microphoneSupportProblem({ isSecureContext: true, hasGetUserMedia: false, hasAudioContext: true })).toBe('unsupported');
    expect(microphoneSupportProblem({ isSecureContext: true, hasGetUserMedia: true, hasAudioContext: false })).toBe('unsupported');
    expect(microphoneSupportProblem({ isSecureContext: true, hasGetUserMedia: true, hasAudioContext: true })).toBeNull();
  });
});

/** A microphone under the test's control: it opens when told to and records what the test feeds it. */
function fakeMicrophone(sampleRate = 48_000) {
  let feed: ((mono: Float32Array) => void) | null = null;
  let opening: { resolve: (capture: AudioCapture) => void; reject: (error: unknown) => void } | null = null;
  const state = { opened: 0, stopped: 0 };
  const open: OpenCapture = (onChunk) =>
    new Promise<AudioCapture>((resolve, reject) => {
      feed = onChunk;
      opening = { resolve, reject };
    });
  return {
    open,
    state,
    async grant() {
      state.opened += 1;
      opening!.resolve({
        sampleRate,
        stop: async () => {
          state.stopped += 1;
        },
      });
      await Promise.resolve();
    },
    async refuse(error: unknown) {
      opening!.reject(error);
      await Promise.resolve();
    },
    speak(seconds: number) {
      feed!(sine(300, sampleRate, seconds));
    },
  };
}

describe('hold to talk', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  function setup() {
    const microphone = fakeMicrophone();
    const results: RecordingResult[] = [];
    const states: string[] = [];
    const recorder = new HoldToTalkRecorder({
      open: microphone.open,
      now: () => clock,
      onResult: (result) => results.push(result),
      onState: (state) => states.push(state),
    });
    return { microphone, results, states, recorder };
  }

  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('records while held and hands over a 16 kHz WAV on release, then lets go of the microphone', async () => {
    const { microphone, results, states, recorder } = setup();
    recorder.press();
    await microphone.grant();
    microphone.speak(0.6);
    clock += 600;
    microphone.speak(0.6);
    clock += 600;
    recorder.release();
    await settle();
    expect(results).toHaveLength(1);
    const result = results[0]!;
    expect(result.kind).toBe('recorded');
    if (result.kind !== 'recorded') return;
    expect(result.durationMs).toBe(1200);
    expect(result.autoStopped).toBe(false);
    expect(result.wav.size).toBe(44 + Math.round(1.2 * 16_000) * 2);
    expect(microphone.state.stopped).toBe(1);
    expect(states).toEqual(['starting', 'recording', 'idle']);
  });

  it('ignores a tap shorter than 300 ms and says so', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    await microphone.grant();
    microphone.speak(0.2);
    clock += 200;
    recorder.release();
    await settle();
    expect(results).toEqual([{ kind: 'too-short' }]);
    expect(microphone.state.stopped).toBe(1);
  });

  it('treats letting go before the microphone opened (the permission prompt) as a tap', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    recorder.release();
    await microphone.grant();
    await settle();
    expect(results).toEqual([{ kind: 'too-short' }]);
    expect(microphone.state.stopped).toBe(1);
  });

  it('stops by itself at the time limit and ignores the late release', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    await microphone.grant();
    for (let second = 0; second < 31; second++) microphone.speak(1);
    clock += MAX_RECORDING_MS;
    await vi.advanceTimersByTimeAsync(MAX_RECORDING_MS);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: 'recorded', autoStopped: true });
    expect(microphone.state.stopped).toBe(1);
    recorder.release();
    await settle();
    expect(results).toHaveLength(1);
    expect(recorder.state).toBe('idle');
  });

  it('turns a refused permission into a problem the page can explain', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    await microphone.refuse(new DOMException('Permission denied', 'NotAllowedError'));
    await settle();
    expect(results).toEqual([{ kind: 'failed', problem: 'denied' }]);
    expect(recorder.state).toBe('idle');
  });

  it('reports a microphone that opened but sent no sound', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    await microphone.grant();
    clock += 2000;
    recorder.release();
    await settle();
    expect(results).toEqual([{ kind: 'failed', problem: 'no-audio' }]);
  });

  it('takes one press at a time and drops a take without a result when disposed', async () => {
    const { microphone, results, recorder } = setup();
    recorder.press();
    recorder.press();
    await microphone.grant();
    expect(microphone.state.opened).toBe(1);
    microphone.speak(1);
    recorder.dispose();
    await settle();
    expect(results).toEqual([]);
    expect(microphone.state.stopped).toBe(1);
    expect(recorder.state).toBe('idle');
  });
});
