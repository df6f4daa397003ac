// Spoken lines on the real hub. Whisper cannot run here (no model on a test machine, seconds to
// minutes per recognition), so the recognizer is ScriptedSpeech: the recordings are real speech made
// by espeak-ng and are really decoded by the speech engine's decodeAudio (silence, truncation and wrong
// types fail as they would in production), but the words "recognised" come from a table each test writes.
// What these tests prove is everything around recognition: the order of the steps, what is sent to the
// recognizer, what is stored and broadcast, and that nothing is written when a step fails.
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '@onemoment/speech/audio/decode-audio';
import { silenceWav, speakToWav, toneWav } from '../../../../speech/test/support/audio.ts';
import { startConversationHub, type ConversationTestHub } from '../../../test/support/conversation-hub.ts';
import { SCRIPTED_AUDIO_LIMITS } from '../../../test/support/scripted-speech.ts';
import { HubError } from '../../errors.ts';
import { ConversationService } from './conversation-service.ts';

const BASE = '/api/translator';

describe('spoken lines', () => {
  let t: ConversationTestHub;
  let waiter: string;
  let spanish: Buffer;
  let french: Buffer;
  let english: Buffer;
  let hum: Buffer;

  beforeAll(async () => {
    t = await startConversationHub({ staffLanguage: 'en' });
    waiter = await t.login('2222');
    spanish = speakToWav('¿Dónde está el baño?', { voice: 'es' });
    french = speakToWav('Où sont les toilettes ?', { voice: 'fr' });
    english = speakToWav('The garden terrace opens tomorrow at noon.', { voice: 'en' });
    hum = toneWav({ frequency: 220, seconds: 1, sampleRate: 16_000, amplitude: 0.3 });
    await t.speech.say(spanish, { transcribe: { text: ' ¿Dónde está el baño?', language: 'es' } });
    await t.speech.say(french, { transcribe: { text: 'Où sont les toilettes ?', language: 'fr' }, translate: ' Where are the toilets?' });
    await t.speech.say(english, { transcribe: { text: 'The garden terrace opens tomorrow at noon.', language: 'en' } });
    // What Whisper writes for a sound that holds no words.
    await t.speech.say(hum, { transcribe: { text: '[BLANK_AUDIO]', language: 'en' } });
  });
  afterAll(() => t.close());

  const speechPath = (conversationId: string, query: Record<string, string>) =>
    `${BASE}/conversations/${conversationId}/speech?${new URLSearchParams(query).toString()}`;
  const speak = (conversationId: string, query: Record<string, string>, recording: Buffer, token: string, contentType: string | null = 'audio/wav') =>
    t.upload(speechPath(conversationId, query), recording, contentType, token);

  async function guestConversation(tableId: string, guestLanguage: string): Promise<{ guest: string; id: string; visitId: string }> {
    const guest = await t.guestToken(tableId);
    const started = await t.request('POST', `${BASE}/conversations`, { guestLanguage }, guest);
    expect(started.status).toBe(201);
    return { guest, id: started.body.conversation.id, visitId: started.body.conversation.visitId };
  }

  const durationOf = async (recording: Buffer) => Math.round((await decodeAudio(recording, 'audio/wav', SCRIPTED_AUDIO_LIMITS)).durationMs);

  it('recognises a guest in their language, translates for staff, and shows both sides the progress and the line', async () => {
    const { id, guest, visitId } = await guestConversation('table-1', 'es');
    const [staffSocket, guestSocket] = await Promise.all([t.listen('/staff', waiter), t.listen('/guest', guest)]);
    const lineId = newId();
    const calls = t.speech.calls.length;

    const answer = await speak(id, { lineId }, spanish, guest);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: lineId,
      conversationId: id,
      speaker: 'guest',
      source: 'speech',
      language: 'es',
      text: '¿Dónde está el baño?',
      translatedLanguage: 'en',
      translatedText: expect.stringMatching(/bath/i),
      translationEngine: 'apertium',
      partial: false,
      untranslatedWords: [],
      phraseId: null,
      audioMs: await durationOf(spanish),
      createdAt: expect.any(String),
    });
    expect(answer.body.audioMs).toBeGreaterThan(500);
    // Asked in the guest's language, as the visit's job, under the line's id.
    expect(t.speech.calls.slice(calls)).toEqual([
      { task: 'transcribe', language: 'es', owner: `visit:${visitId}`, jobId: lineId, durationMs: answer.body.audioMs },
    ]);

    for (const socket of [staffSocket, guestSocket]) {
      await socket.event('conversation.line', (payload) => payload.line.id === lineId);
      // Progress goes out before the line on the same connection, so it has all arrived by now.
      expect(socket.messages('translator.progress').filter((p) => p.lineId === lineId)).toEqual([
        { conversationId: id, lineId, speaker: 'guest', state: 'queued', position: 1, progress: 0 },
        { conversationId: id, lineId, speaker: 'guest', state: 'running', position: 0, progress: 50 },
        { conversationId: id, lineId, speaker: 'guest', state: 'done', position: 0, progress: 100 },
      ]);
    }

    // The same upload again (the answer was lost): the stored line, without recognising again.
    const lines = t.count('conversation_lines');
    const replay = await speak(id, { lineId }, spanish, guest);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(answer.body);
    expect(t.speech.calls.length).toBe(calls + 1);
    expect(t.count('conversation_lines')).toBe(lines);
    // The id with another speaker is another line.
    const taken = await speak(id, { lineId, speaker: 'staff' }, spanish, waiter);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('line_id_taken');
  });

  it('keeps the language Whisper heard, and lets Whisper translate into English when no text engine can', async () => {
    // The guest chose German but speaks French: the line is French, and French→English has no text engine here.
    const { id, guest, visitId } = await guestConversation('table-2', 'de');
    const calls = t.speech.calls.length;
    const lineId = newId();
    const answer = await speak(id, { lineId, language: 'auto', speaker: 'guest' }, french, guest);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      speaker: 'guest',
      language: 'fr',
      text: 'Où sont les toilettes ?',
      translatedLanguage: 'en',
      translatedText: 'Where are the toilets?',
      translationEngine: 'whisper',
      partial: false,
      untranslatedWords: [],
    });
    expect(t.speech.calls.slice(calls).map(({ task, language, owner, jobId }) => ({ task, language, owner, jobId }))).toEqual([
      { task: 'transcribe', language: 'auto', owner: `visit:${visitId}`, jobId: lineId },
      { task: 'translate', language: 'fr', owner: `visit:${visitId}`, jobId: lineId },
    ]);
  });

  it('leaves a staff line untranslated when the guest’s language has no engine, and Whisper cannot help (it only writes English)', async () => {
    const { id } = await guestConversation('table-3', 'ja');
    const calls = t.speech.calls.length;
    const answer = await speak(id, { lineId: newId() }, english, waiter);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      speaker: 'staff',
      language: 'en',
      text: 'The garden terrace opens tomorrow at noon.',
      translatedLanguage: 'ja',
      translatedText: null,
      translationEngine: null,
    });
    expect(t.speech.calls.slice(calls).map(({ task, language, owner }) => ({ task, language, owner }))).toEqual([
      { task: 'transcribe', language: 'en', owner: 'staff:staff-waiter' },
    ]);
  });

  it('records a walk-up guest speaking into the front-desk tablet, whatever parameters the audio type carries', async () => {
    const started = await t.request('POST', `${BASE}/conversations`, { guestLanguage: 'es' }, waiter);
    const id = started.body.conversation.id;
    const answer = await speak(id, { lineId: newId(), speaker: 'guest' }, spanish, waiter, 'audio/wav; codecs=1');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ speaker: 'guest', language: 'es', translatedLanguage: 'en', translationEngine: 'apertium' });
    expect(t.speech.calls.at(-1)).toMatchObject({ task: 'transcribe', language: 'es', owner: 'staff:staff-waiter' });
  });

  it('writes nothing when the audio, the recognition or the request is refused, and the line id stays free', async () => {
    const { id, guest } = await guestConversation('table-4', 'es');
    const stranger = await t.guestToken('table-5');
    const lineId = newId();
    const lines = t.count('conversation_lines');
    const events = t.count('events');
    const calls = t.speech.calls.length;

    const refused = async (status: number, code: string, answer: Promise<{ status: number; body: any }>) => {
      const { status: got, body } = await answer;
      expect({ status: got, code: body?.error }).toEqual({ status, code });
      expect(body.message).toEqual(expect.any(String));
    };

    // Audio the decoder refuses: nothing is recognised.
    await refused(422, 'silent_audio', speak(id, { lineId }, silenceWav(1), guest));
    await refused(400, 'truncated_audio', speak(id, { lineId }, spanish.subarray(0, Math.floor(spanish.length / 2)), guest));
    await refused(400, 'invalid_audio', speak(id, { lineId }, Buffer.alloc(0), guest));
    await refused(400, 'invalid_audio', speak(id, { lineId }, Buffer.from('<html>not audio</html>'), guest));
    await refused(415, 'unsupported_media_type', speak(id, { lineId }, spanish, guest, 'text/plain'));
    await refused(415, 'unsupported_media_type', speak(id, { lineId }, Buffer.from('{"text":"hi"}'), guest, 'application/json'));
    await refused(415, 'unsupported_media_type', speak(id, { lineId }, spanish, guest, null));
    await refused(413, 'payload_too_large', speak(id, { lineId }, Buffer.alloc(8 * 1024 * 1024 + 1), guest));
    expect(t.speech.calls.length).toBe(calls);

    // Recognised, but no words; and a recognizer that fails.
    const noSpeech = await speak(id, { lineId }, hum, guest);
    expect(noSpeech.status).toBe(422);
    expect(noSpeech.body).toEqual({ error: 'no_speech', message: 'No words were recognised: try again closer to the microphone.' });
    const failing = toneWav({ frequency: 440, seconds: 1, sampleRate: 16_000, amplitude: 0.3 });
    await t.speech.fail(failing, new HubError(503, 'model_missing', 'No speech model is installed: a manager can download one on the translator page.'));
    await refused(503, 'model_missing', speak(id, { lineId }, failing, guest));

    // Requests refused before any audio is read.
    await refused(400, 'bad_request', speak(id, { lineId: 'not-a-uuid' }, spanish, guest));
    await refused(400, 'bad_request', speak(id, {}, spanish, guest));
    await refused(400, 'bad_request', speak(id, { lineId, language: 'spanish' }, spanish, guest));
    await refused(400, 'bad_request', speak(id, { lineId, volume: '11' }, spanish, guest));
    await refused(403, 'forbidden', speak(id, { lineId, speaker: 'staff' }, spanish, guest));
    await refused(404, 'not_found', speak(id, { lineId }, spanish, stranger));
    await refused(401, 'unauthorized', t.upload(speechPath(id, { lineId }), spanish, 'audio/wav'));

    expect(t.count('conversation_lines')).toBe(lines);
    expect(t.count('events')).toBe(events);

    // Nothing was stored under the id: a good recording with it now makes the line.
    const retried = await speak(id, { lineId }, spanish, guest);
    expect(retried.status).toBe(201);

    const closed = await t.request('POST', `${BASE}/conversations/${id}/close`, undefined, waiter);
    expect(closed.status).toBe(200);
    await refused(409, 'conversation_closed', speak(id, { lineId: newId() }, spanish, guest));
  });

  it('makes a retried upload wait for the recognition in progress instead of recognising twice', async () => {
    const { id, visitId } = await guestConversation('table-6', 'es');
    const other = await guestConversation('table-7', 'es');
    // A second service over the same hub, called directly: its calls run synchronously up to their
    // first wait, so the retry is known to arrive while the first upload is held in recognition.
    const service = new ConversationService(t.hub.context, { speech: t.speech, text: t.text, staffLanguage: 'en', visits: t.hub.modules.restaurant!.visits });
    const guest = { kind: 'guest', visitId } as const;
    const lineId = newId();
    const calls = t.speech.calls.length;
    const lines = t.count('conversation_lines');
    const gate = t.speech.hold();

    const first = service.addSpeechLine(guest, id, { lineId }, { body: spanish, contentType: 'audio/wav' });
    await gate.reached;
    const retry = service.addSpeechLine(guest, id, { lineId }, { body: spanish, contentType: 'audio/wav' });
    const elsewhere = service.addSpeechLine({ kind: 'staff', staffId: 'staff-waiter' }, other.id, { lineId }, { body: spanish, contentType: 'audio/wav' });
    await expect(elsewhere).rejects.toMatchObject({ statusCode: 409, code: 'line_id_taken' });
    gate.open();

    const [made, joined] = await Promise.all([first, retry]);
    expect(made.created).toBe(true);
    expect(joined).toEqual({ line: made.line, created: false });
    expect(t.speech.calls.length).toBe(calls + 1);
    expect(t.count('conversation_lines')).toBe(lines + 1);
    const stored = await t.request('GET', `${BASE}/conversations/${id}`, undefined, waiter);
    expect(stored.body.lines.map((line: any) => line.id)).toEqual([lineId]);
  });
});
