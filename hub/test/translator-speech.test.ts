// Speech to text through the real hub, the real whisper.cpp and the synthetic tiny model (real
// architecture and size, random weights: the words are nonsense, the work and timings are real).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import type { Transcription, TranslatorJob, TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { encodeWav } from '@onemoment/speech/audio/wav';
import { writeSyntheticModel } from '@onemoment/speech/whisper/synthetic-model';
import { silenceWav, speakToWav } from '../../speech/test/support/audio.ts';
import { startTestHub, type TestHub } from './harness.ts';

interface Reply<T> {
  status: number;
  body: T;
}

async function upload<T = Transcription>(hub: TestHub, token: string, audio: Buffer | string, contentType: string, query = ''): Promise<Reply<T>> {
  const response = await fetch(`${hub.baseUrl}/api/translator/transcriptions${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: audio,
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Polls the job until it has the state wanted (every 20 ms, to leave the cores to the recogniser). */
async function waitForJob(hub: TestHub, token: string, id: string, state: TranslatorJob['state']): Promise<TranslatorJob> {
  for (;;) {
    const reply = await hub.request<TranslatorJob>('GET', `/api/translator/jobs/${id}`, undefined, token);
    if (reply.status === 200 && reply.body.state === state) return reply.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('speech to text with no model installed', () => {
  let hub: TestHub;
  let staff: string;
  beforeAll(async () => {
    hub = await startTestHub();
    staff = await hub.login('1111');
  });
  afterAll(() => hub.close());

  it('answers 503 model_missing saying who can install a model (no command for a waiter), and the status says the same', async () => {
    const reply = await upload<{ error: string; message: string }>(hub, staff, speakToWav('Hello'), 'audio/wav');
    expect(reply.status).toBe(503);
    expect(reply.body.error).toBe('model_missing');
    expect(reply.body.message).toContain('A manager can install a speech model on the Translator page');
    expect(reply.body.message).not.toContain('npm');
    const status = await hub.request<TranslatorStatus>('GET', '/api/translator/status', undefined, staff);
    expect(status.body.ready).toBe(false);
    expect(status.body.activeModel).toBeNull();
    expect(status.body.message).toContain('A manager can install a speech model on the Translator page');
    expect(status.body.message).not.toContain('npm');
  });
});

describe('speech to text with the synthetic tiny model', () => {
  let hub: TestHub;
  let staff: string;
  let guest: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-speech-'));

  beforeAll(async () => {
    mkdirSync(join(dataDir, 'models'));
    writeSyntheticModel(join(dataDir, 'models'));
    hub = await startTestHub({ dataDir, env: { TRANSLATOR_MAX_AUDIO_SECONDS: '20', TRANSLATOR_MAX_AUDIO_BYTES: String(2 * 1024 * 1024) } });
    staff = await hub.login('1111');
    guest = await hub.guestToken();
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the one installed model is the active one', async () => {
    const status = await hub.request<TranslatorStatus>('GET', '/api/translator/status', undefined, guest);
    expect(status.status).toBe(200);
    expect(status.body.ready).toBe(true);
    expect(status.body.activeModel).toBe('synthetic-tiny');
    expect(status.body.installedModels).toEqual([expect.objectContaining({ name: 'synthetic-tiny', architecture: 'tiny', multilingual: true, valid: true })]);
  });

  it('recognises espeak-ng speech recorded at 22,050 Hz stereo and answers the documented shape', async () => {
    const wav = speakToWav('Good evening, a table for two by the window, please.', { stereo: true });
    const reply = await upload(hub, guest, wav, 'audio/wav', '?task=transcribe&language=auto');
    expect(reply.status).toBe(200);
    const { text, language, segments, durationMs, processingMs } = reply.body;
    expect(Object.keys(reply.body).sort()).toEqual(['durationMs', 'language', 'processingMs', 'segments', 'text']);
    expect(durationMs).toBeGreaterThan(2000);
    expect(durationMs).toBeLessThan(6000);
    expect(processingMs).toBeGreaterThan(0);
    expect(language).toMatch(/^[a-z]{2,3}$/);
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      expect(segment.startMs).toBeGreaterThanOrEqual(0);
      expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
      expect(segment.endMs).toBeLessThanOrEqual(durationMs);
      expect(segment.text.length).toBeGreaterThan(0);
    }
    expect(text).toBe(segments.map((segment) => segment.text).join(' '));
  });

  it('translate answers in English, and a given language is kept', async () => {
    const wav = speakToWav('Dónde está el baño', { voice: 'es' });
    const translated = await upload(hub, staff, wav, 'audio/wav', '?task=translate&language=es');
    expect(translated.status).toBe(200);
    expect(translated.body.language).toBe('en');
    const transcribed = await upload(hub, staff, wav, 'audio/wav', '?task=transcribe&language=es');
    expect(transcribed.status).toBe(200);
    expect(transcribed.body.language).toBe('es');
  });

  it('refuses bad audio with a clear 4xx before it reaches the recogniser', async () => {
    const cases: Array<[string, Buffer | string, string, number, string]> = [
      ['not audio', 'just some text', 'audio/wav', 400, 'invalid_audio'],
      ['truncated', speakToWav('Hello there').subarray(0, 2000), 'audio/wav', 400, 'truncated_audio'],
      ['silent', silenceWav(2), 'audio/wav', 422, 'silent_audio'],
      ['too long', encodeWav(new Int16Array(16_000 * 25).fill(3000), 16_000), 'audio/wav', 422, 'audio_too_long'],
      ['too large', Buffer.alloc(3 * 1024 * 1024, 1), 'audio/wav', 413, ''],
      ['wrong type', 'hello', 'text/plain', 415, ''],
    ];
    for (const [name, body, type, status, code] of cases) {
      const reply = await upload<{ error: string; message: string }>(hub, staff, body, type);
      expect(reply.status, name).toBe(status);
      if (code) expect(reply.body.error, name).toBe(code);
      expect(reply.body.message.length, name).toBeGreaterThan(10);
    }
    const bad = await upload<{ error: string }>(hub, staff, speakToWav('Hi'), 'audio/wav', '?task=sing');
    expect(bad.status).toBe(400);
    // A code Whisper does not know would break whisper.cpp's prompt: refused before it gets there.
    const unknown = await upload<{ error: string }>(hub, staff, speakToWav('Hi'), 'audio/wav', '?language=zz');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unsupported_language');
    const noToken = await upload<{ error: string }>(hub, 'not-a-token', speakToWav('Hi'), 'audio/wav');
    expect(noToken.status).toBe(401);
  });

  it('two clients at once are queued one after the other, not crashed', async () => {
    const wav = toneWavSpeechLike();
    const first = newId();
    const second = newId();
    const firstReply = upload(hub, staff, wav, 'audio/wav', `?language=en&jobId=${first}`);
    await waitForJob(hub, staff, first, 'running');
    const secondReply = upload(hub, guest, wav, 'audio/wav', `?language=en&jobId=${second}`);
    // While the first runs, the second waits with one job ahead of it.
    const waiting = await waitForJob(hub, guest, second, 'queued');
    expect(waiting.position).toBe(1);
    const replies = Promise.all([firstReply, secondReply]);
    const [a, b] = await replies;
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.segments.length).toBeGreaterThan(0);
    expect(b.body.segments.length).toBeGreaterThan(0);
    expect((await waitForJob(hub, guest, second, 'done')).progress).toBe(100);
    // Each client sees only its own job.
    expect((await hub.request('GET', `/api/translator/jobs/${second}`, undefined, staff)).status).toBe(404);
  });

  it('a cancelled job is stopped and reported, and the next one still works', async () => {
    const id = newId();
    const reply = upload<{ error: string }>(hub, staff, toneWavSpeechLike(), 'audio/wav', `?language=en&jobId=${id}`);
    await waitForJob(hub, staff, id, 'running');
    expect((await hub.request('DELETE', `/api/translator/jobs/${id}`, undefined, guest)).status).toBe(404);
    expect((await hub.request('DELETE', `/api/translator/jobs/${id}`, undefined, staff)).status).toBe(204);
    const cancelled = await reply;
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toBe('job_cancelled');
    const after = await upload(hub, staff, toneWavSpeechLike(), 'audio/wav', '?language=en');
    expect(after.status).toBe(200);
  });
});

describe('a recognition past its time limit', () => {
  let hub: TestHub;
  let staff: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-speech-limit-'));

  beforeAll(async () => {
    mkdirSync(join(dataDir, 'models'));
    writeSyntheticModel(join(dataDir, 'models'));
    // One thread and a long clip: even a fast machine needs well over the one-second limit.
    hub = await startTestHub({ dataDir, env: { TRANSLATOR_TIMEOUT_SECONDS: '1', TRANSLATOR_THREADS: '1' } });
    staff = await hub.login('1111');
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is stopped and reported with 504, and the queue carries on', async () => {
    // Language detection plus 29 s of audio: two encoder passes of the tiny model and its decoding.
    const long = encodeWav(speechLikeSamples(29), 16_000);
    const id = newId();
    const reply = await upload<{ error: string; message: string }>(hub, staff, long, 'audio/wav', `?language=auto&jobId=${id}`);
    expect(reply.status).toBe(504);
    expect(reply.body.error).toBe('recognition_timeout');
    expect((await hub.request<TranslatorJob>('GET', `/api/translator/jobs/${id}`, undefined, staff)).body.state).toBe('failed');
    const status = await hub.request<TranslatorStatus>('GET', '/api/translator/status', undefined, staff);
    expect(status.body.queue).toEqual({ running: 0, waiting: 0, concurrency: 1 });
  });
});

/** A voiced, modulated signal: loud enough to pass the silence check, cheap to make. */
function speechLikeSamples(seconds: number): Int16Array {
  const samples = new Int16Array(16_000 * seconds);
  for (let i = 0; i < samples.length; i++) {
    const envelope = 0.5 + 0.5 * Math.sin((2 * Math.PI * 3 * i) / 16_000);
    samples[i] = Math.round(9000 * envelope * (Math.sin((2 * Math.PI * 180 * i) / 16_000) + 0.4 * Math.sin((2 * Math.PI * 720 * i) / 16_000)));
  }
  return samples;
}

function toneWavSpeechLike(): Buffer {
  return encodeWav(speechLikeSamples(4), 16_000);
}
