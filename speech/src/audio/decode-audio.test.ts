import { describe, expect, it } from 'vitest';
import { dominantFrequency, rmsDbfs, silenceWav, speakToWav, tone, toneLevelDb, toneWav } from '../../test/support/audio.ts';
import { AudioError } from './audio-error.ts';
import { ACCEPTED_AUDIO_TYPES, decodeAudio, type AudioLimits } from './decode-audio.ts';
import { decodeWavSamples, encodeWav, readWavHeader } from './wav.ts';

const limits: AudioLimits = { maxBytes: 10 * 1024 * 1024, maxSeconds: 60 };

async function refusal(body: Buffer, contentType: string | undefined, given: AudioLimits = limits): Promise<AudioError> {
  try {
    await decodeAudio(body, contentType, given);
  } catch (error) {
    if (error instanceof AudioError) return error;
    throw error;
  }
  throw new Error('expected decodeAudio to refuse');
}

// Loudness every 20 ms: the shape of the words, comparable across sample rates.
function envelope(samples: Float32Array | Int16Array, sampleRate: number): number[] {
  const frame = Math.round(sampleRate / 50);
  return Array.from({ length: Math.floor(samples.length / frame) }, (_, i) => rmsDbfs(samples.subarray(i * frame, (i + 1) * frame)));
}

function correlation(a: number[], b: number[]): number {
  const length = Math.min(a.length, b.length);
  const [x, y] = [a.slice(0, length).map((v) => Math.max(v, -90)), b.slice(0, length).map((v) => Math.max(v, -90))];
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('decodeAudio: WAV to 16 kHz mono PCM', () => {
  it('turns espeak-ng speech at 22,050 Hz stereo into 16 kHz mono of the same length and the same words', async () => {
    const mono = speakToWav('Good evening. Could we have a table for four by the window, please?');
    const stereo = speakToWav('Good evening. Could we have a table for four by the window, please?', { stereo: true });
    const source = readWavHeader(mono);
    expect(readWavHeader(stereo)).toMatchObject({ channels: 2, sampleRate: 22_050 });

    const decoded = await decodeAudio(stereo, 'audio/wav', limits);
    expect(decoded.source).toEqual({ format: 'wav', sampleRate: 22_050, channels: 2 });
    const sourceMs = (source.declaredFrames / source.sampleRate) * 1000;
    expect(decoded.durationMs).toBeGreaterThan(2000);
    expect(Math.abs(decoded.durationMs - sourceMs)).toBeLessThanOrEqual(20);
    expect(decoded.pcm.length).toBe(Math.round((decoded.durationMs * 16_000) / 1000));

    // Speech energy: as loud as what espeak-ng said (its energy sits below 7 kHz)...
    const [spoken] = decodeWavSamples(mono, source);
    expect(rmsDbfs(decoded.pcm)).toBeGreaterThan(-35);
    expect(Math.abs(rmsDbfs(decoded.pcm) - rmsDbfs(spoken!))).toBeLessThan(1);
    // ...and with the same words in the same places: the loudness envelopes move together.
    expect(correlation(envelope(decoded.pcm, 16_000), envelope(spoken!, 22_050))).toBeGreaterThan(0.97);
  });

  it('decodes every sample format and channel layout to the same tone at the right length', async () => {
    const cases = [
      { encoding: 'pcm8', sampleRate: 8000, channels: 1 },
      { encoding: 'pcm16', sampleRate: 44_100, channels: 2 },
      { encoding: 'pcm24', sampleRate: 96_000, channels: 2 },
      { encoding: 'pcm32', sampleRate: 32_000, channels: 4 },
      { encoding: 'float32', sampleRate: 48_000, channels: 6 },
      { encoding: 'float64', sampleRate: 192_000, channels: 8 },
    ] as const;
    for (const { encoding, sampleRate, channels } of cases) {
      const file = toneWav({ frequency: 1000, seconds: 0.75, sampleRate, channels, encoding, amplitude: 0.5 });
      const decoded = await decodeAudio(file, 'audio/wav', limits);
      expect(decoded.source, encoding).toEqual({ format: 'wav', sampleRate, channels });
      expect(decoded.durationMs, encoding).toBe(750);
      expect(dominantFrequency(decoded.pcm, 16_000, 100, 7900, 10), encoding).toBe(1000);
      expect(toneLevelDb(decoded.pcm.subarray(1000, 11_000), 16_000, 1000), encoding).toBeCloseTo(-6.02, 0);
    }
  });

  it('accepts every WAV content type, whatever its case and parameters', async () => {
    const file = toneWav({ frequency: 440, seconds: 0.5, sampleRate: 16_000 });
    for (const type of ['audio/wav', 'audio/wave', 'audio/x-wav', 'audio/vnd.wave', 'audio/vnd.wave; codecs=1', ' Audio/WAV ;rate=16000']) {
      expect((await decodeAudio(file, type, limits)).durationMs, type).toBe(500);
    }
  });

  it('accepts the data sizes of streaming recorders (0 and 0xFFFFFFFF) as "to the end of the file"', async () => {
    for (const size of [0, 0xffffffff]) {
      const file = toneWav({ frequency: 440, seconds: 1, sampleRate: 22_050 });
      file.writeUInt32LE(size, 40);
      file.writeUInt32LE(size, 4);
      const decoded = await decodeAudio(file, 'audio/wav', limits);
      expect(decoded.durationMs).toBe(1000);
      expect(dominantFrequency(decoded.pcm, 16_000, 300, 600, 10)).toBe(440);
    }
  });
});

describe('decodeAudio: refusals', () => {
  it('415 unsupported_media_type for another content type, naming the accepted ones', async () => {
    const file = toneWav({ frequency: 440, seconds: 0.5, sampleRate: 16_000 });
    for (const type of ['audio/mpeg', 'application/octet-stream', 'text/plain', undefined, '']) {
      const error = await refusal(file, type);
      expect([error.code, error.statusCode], String(type)).toEqual(['unsupported_media_type', 415]);
      for (const accepted of ACCEPTED_AUDIO_TYPES) expect(error.message).toContain(accepted);
    }
    expect((await refusal(file, 'audio/mpeg')).message).toMatch(/^The hub cannot take audio sent as "audio\/mpeg"/);
  });

  it('413 audio_too_large for a body over maxBytes, before reading it', async () => {
    const error = await refusal(Buffer.alloc(2 * 1024 * 1024 + 1), 'audio/wav', { ...limits, maxBytes: 2 * 1024 * 1024 });
    expect([error.code, error.statusCode]).toEqual(['audio_too_large', 413]);
    expect(error.message).toBe('The recording is 2.0 MB; the hub takes up to 2.0 MB. Record a shorter message.');
  });

  it('400 invalid_audio for what is not a WAV, or an empty body', async () => {
    for (const body of [Buffer.from('<html>not audio</html>'), Buffer.from('OggS\u0000\u0002'), Buffer.alloc(0)]) {
      const error = await refusal(body, 'audio/wav');
      expect([error.code, error.statusCode]).toEqual(['invalid_audio', 400]);
    }
    expect((await refusal(Buffer.from('<html>not audio</html>'), 'audio/wav')).message).toMatch(/not a WAV file/);
    expect((await refusal(Buffer.alloc(0), 'audio/wav')).message).toBe('The upload is empty: no audio was sent.');
  });

  it('400 truncated_audio for a file cut short of what its header promises', async () => {
    const file = toneWav({ frequency: 440, seconds: 2, sampleRate: 16_000 });
    const error = await refusal(file.subarray(0, file.length / 2), 'audio/wav');
    expect([error.code, error.statusCode]).toEqual(['truncated_audio', 400]);
    expect(error.message).toBe('This WAV file ends 1 s before the end its header announces: the upload was cut short.');
  });

  it('422 audio_too_long from the header alone: 10 minutes claimed over a small body is too long, not truncated', async () => {
    const file = toneWav({ frequency: 440, seconds: 1, sampleRate: 48_000, channels: 2 });
    file.writeUInt32LE(10 * 60 * 48_000 * 4, 40); // the data chunk claims 10 minutes
    const error = await refusal(file, 'audio/wav');
    expect([error.code, error.statusCode]).toEqual(['audio_too_long', 422]);
    expect(error.message).toBe('The recording is 10 min long; the hub takes up to 1 min. Send a shorter message.');
    // A real file over the limit too, and one just at it passes.
    expect((await refusal(toneWav({ frequency: 440, seconds: 61, sampleRate: 8000 }), 'audio/wav')).code).toBe('audio_too_long');
    expect((await decodeAudio(toneWav({ frequency: 440, seconds: 60, sampleRate: 8000 }), 'audio/wav', limits)).durationMs).toBe(60_000);
  });

  it('422 audio_too_short for empty data and for recordings under minMs (200 ms unless set)', async () => {
    const empty = await refusal(encodeWav(new Int16Array(0), 16_000), 'audio/wav');
    expect([empty.code, empty.statusCode]).toEqual(['audio_too_short', 422]);
    expect(empty.message).toMatch(/holds no audio/);

    const short = toneWav({ frequency: 440, seconds: 0.15, sampleRate: 44_100 });
    const error = await refusal(short, 'audio/wav');
    expect([error.code, error.statusCode]).toEqual(['audio_too_short', 422]);
    expect(error.message).toBe('The recording is only 150 ms long; speak for at least 200 ms.');
    expect((await decodeAudio(short, 'audio/wav', { ...limits, minMs: 100 })).durationMs).toBe(150);
  });

  it('422 silent_audio when nothing is louder than -45 dBFS: "no speech was heard"', async () => {
    const silent = await refusal(silenceWav(2, 48_000, 2), 'audio/wav');
    expect([silent.code, silent.statusCode]).toEqual(['silent_audio', 422]);
    expect(silent.message).toBe('No speech was heard: it is completely silent. Check the microphone and speak closer to it.');

    const hum = await refusal(encodeWav([tone(200, 1, 16_000, 10 ** (-50 / 20))], 16_000), 'audio/wav');
    expect(hum.code).toBe('silent_audio');
    expect(hum.message).toMatch(/^No speech was heard: its loudest sound is -50 dBFS/);

    const quietSpeech = await decodeAudio(encodeWav([tone(200, 1, 16_000, 10 ** (-40 / 20))], 16_000), 'audio/wav', limits);
    expect(quietSpeech.durationMs).toBe(1000);
  });
});
