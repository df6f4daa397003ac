import { describe, expect, it } from 'vitest';
import { dominantFrequency, rmsDbfs, tone, toneLevelDb } from '../../test/support/audio.ts';
import { downmixToMono, floatToInt16, resample, SPEECH_SAMPLE_RATE, toSpeechPcm } from './resample.ts';

// What the filter is there to prevent: picking samples by linear interpolation, no low-pass.
function linearInterpolation(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  return Float32Array.from({ length: Math.floor((samples.length * toRate) / fromRate) }, (_, n) => {
    const position = (n * fromRate) / toRate;
    const index = Math.floor(position);
    const fraction = position - index;
    return samples[index]! * (1 - fraction) + (samples[index + 1] ?? 0) * fraction;
  });
}

// The edges hold the filter's start-up; measure the steady middle.
const middle = (samples: Float32Array | Int16Array) => samples.subarray(Math.floor(samples.length * 0.1), Math.floor(samples.length * 0.9));

describe('resample', () => {
  it('keeps a 1 kHz tone at 44.1 kHz at 1 kHz and at its level', () => {
    const out = toSpeechPcm([tone(1000, 1, 44_100, 0.5)], 44_100);
    expect(out.length).toBe(16_000);
    expect(dominantFrequency(middle(out), SPEECH_SAMPLE_RATE, 100, 7900, 10)).toBe(1000);
    expect(toneLevelDb(middle(out), SPEECH_SAMPLE_RATE, 1000)).toBeCloseTo(20 * Math.log10(0.5), 1);
    expect(rmsDbfs(middle(out))).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 1);
  });

  it('keeps a 7.5 kHz tone at 48 kHz where it is: at 7.5 kHz, nothing folded elsewhere in the band', () => {
    const out = middle(resample(tone(7500, 1, 48_000, 0.5), 48_000, SPEECH_SAMPLE_RATE));
    expect(dominantFrequency(out, SPEECH_SAMPLE_RATE, 100, 7950, 10)).toBe(7500);
    // At the top of the passband's roll-off: still clearly there...
    expect(toneLevelDb(out, SPEECH_SAMPLE_RATE, 7500)).toBeGreaterThan(-6 - 3);
    // ...and alone: the band below it stays 60 dB quieter.
    const strayLevel = Math.max(...[500, 1000, 2000, 3000, 4000, 5000, 6000, 7000].map((f) => toneLevelDb(out, SPEECH_SAMPLE_RATE, f)));
    expect(strayLevel).toBeLessThan(-66);
  });

  it('removes tones above 8 kHz instead of folding them into the speech band (which interpolation does)', () => {
    const cases = [
      { rate: 48_000, frequency: 10_000, foldsTo: 6000 },
      { rate: 48_000, frequency: 15_000, foldsTo: 1000 },
      { rate: 44_100, frequency: 12_000, foldsTo: 4000 },
      { rate: 22_050, frequency: 9_500, foldsTo: 6500 },
    ];
    for (const { rate, frequency, foldsTo } of cases) {
      const input = tone(frequency, 1, rate, 0.5);
      const naive = toneLevelDb(middle(linearInterpolation(input, rate, SPEECH_SAMPLE_RATE)), SPEECH_SAMPLE_RATE, foldsTo);
      const filtered = toneLevelDb(middle(resample(input, rate, SPEECH_SAMPLE_RATE)), SPEECH_SAMPLE_RATE, foldsTo);
      expect(naive, `${frequency} Hz at ${rate} Hz, interpolated`).toBeGreaterThan(-30); // the alias is loud
      expect(filtered, `${frequency} Hz at ${rate} Hz, filtered`).toBeLessThan(-6 - 60);
    }
  });

  it('raises 8 kHz audio to 16 kHz without mirror images above 4 kHz', () => {
    const out = middle(resample(tone(3000, 1, 8000, 0.5), 8000, SPEECH_SAMPLE_RATE));
    expect(toneLevelDb(out, SPEECH_SAMPLE_RATE, 3000)).toBeCloseTo(-6.02, 1);
    expect(toneLevelDb(out, SPEECH_SAMPLE_RATE, 5000)).toBeLessThan(-66); // 8 kHz - 3 kHz: the image
  });

  it('makes one output sample per 1/16000 s at any rate, odd rates included', () => {
    for (const rate of [8000, 11_025, 16_000, 22_050, 32_000, 44_100, 44_056, 48_000, 96_000, 192_000]) {
      const input = tone(440, 0.5, rate);
      const out = resample(input, rate, SPEECH_SAMPLE_RATE);
      expect(out.length, String(rate)).toBe(Math.round((input.length * SPEECH_SAMPLE_RATE) / rate));
      expect(dominantFrequency(middle(out), SPEECH_SAMPLE_RATE, 300, 600, 10), String(rate)).toBe(440);
    }
  });
});

describe('downmixToMono and floatToInt16', () => {
  it('averages the channels', () => {
    const mono = downmixToMono([Float32Array.from([1, 0.5, -1]), Float32Array.from([0, 0.5, 1]), Float32Array.from([0.5, 0.5, 0])]);
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it('clips beyond full scale instead of wrapping around', () => {
    expect(Array.from(floatToInt16(Float32Array.from([0, 0.5, -0.5, 1, 1.7, -1, -3])))).toEqual([0, 16384, -16384, 32767, 32767, -32768, -32768]);
  });
});
