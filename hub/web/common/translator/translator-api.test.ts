import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '@onemoment/shared/client/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav16k } from '../recorder.ts';
import { postSpeech, sendErrorOf, speechPath } from './translator-api.ts';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: Buffer;
}

const LINE_ID = '01970000-0000-7000-8000-0000000000aa';

describe('sending speech to the hub', () => {
  let server: Server;
  let origin: string;
  let received: Received[];
  let answer: { status: number; body: unknown };

  beforeEach(async () => {
    received = [];
    answer = { status: 200, body: {} };
    server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          contentType: request.headers['content-type'],
          authorization: request.headers.authorization,
          body: Buffer.concat(chunks),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const wav = () => encodeWav16k([new Float32Array(48_000).fill(0.1)], 48_000);

  it('posts the WAV as the body with the token, the line id, the speaker and the language', async () => {
    answer = { status: 200, body: { id: LINE_ID, text: 'Hallo' } };
    const recording = wav();
    const line = await postSpeech({ token: () => 'guest-token', origin }, 'conv 1', { lineId: LINE_ID, speaker: 'guest', language: 'auto' }, recording);
    expect(line).toEqual({ id: LINE_ID, text: 'Hallo' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`/api/translator/conversations/conv%201/speech?lineId=${LINE_ID}&speaker=guest&language=auto`);
    expect(request!.contentType).toBe('audio/wav');
    expect(request!.authorization).toBe('Bearer guest-token');
    expect(request!.body.equals(Buffer.from(await recording.arrayBuffer()))).toBe(true);
    expect(request!.body.subarray(0, 4).toString('ascii')).toBe('RIFF');
  });

  it.each([
    [422, 'silent_audio', 'No speech was heard.', false],
    [413, 'audio_too_large', 'The recording is too long.', false],
    [503, 'model_missing', 'No speech model is installed.', false],
    [503, 'recogniser_busy', 'The recogniser is busy.', true],
    [429, 'too_many_requests', 'Slow down.', true],
  ])('passes on a %i %s as the hub said it', async (status, error, message, retriable) => {
    answer = { status, body: { error, message } };
    const failure = await postSpeech({ token: () => 't', origin }, 'c', { lineId: LINE_ID, speaker: 'staff', language: 'en' }, wav()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status, code: error, message });
    expect(sendErrorOf(failure)).toEqual({ status, code: error, message, retriable });
  });

  it('tells the page when the token is no longer valid', async () => {
    answer = { status: 401, body: { error: 'unauthorized', message: 'Please scan the QR code again.' } };
    let told = 0;
    const failure = await postSpeech({ token: () => 'old', origin, onUnauthorized: () => (told += 1) }, 'c', { lineId: LINE_ID, speaker: 'guest', language: 'de' }, wav()).catch(
      (e: unknown) => e,
    );
    expect(told).toBe(1);
    expect(sendErrorOf(failure).retriable).toBe(false);
  });

  it('turns no answer at all into a network error worth retrying', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const failure = await postSpeech({ token: () => 't', origin }, 'c', { lineId: LINE_ID, speaker: 'guest', language: 'auto' }, wav()).catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 0, code: 'network' });
    expect(sendErrorOf(failure)).toMatchObject({ status: 0, code: 'network', retriable: true });
    server = createServer().listen(0, '127.0.0.1'); // for afterEach
  });

  it('builds the speech path with every value escaped', () => {
    expect(speechPath('a/b', { lineId: LINE_ID, speaker: 'staff', language: 'ru' })).toBe(
      `/api/translator/conversations/a%2Fb/speech?lineId=${LINE_ID}&speaker=staff&language=ru`,
    );
  });
});
