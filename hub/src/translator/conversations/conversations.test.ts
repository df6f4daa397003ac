// Conversations over HTTP and socket.io on the real hub (store, sessions, event log, Apertium), with
// the plugin registered as the translator module will register it. Speech has its own file.
import { newId } from '@onemoment/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationHub, type ConversationTestHub } from '../../../test/support/conversation-hub.ts';

const BASE = '/api/translator';

describe('guest–staff conversations', () => {
  let t: ConversationTestHub;
  let waiter: string;

  beforeAll(async () => {
    t = await startConversationHub({ staffLanguage: 'en' });
    waiter = await t.login('2222');
  });
  afterAll(() => t.close());

  const start = (body: unknown, token: string) => t.request('POST', `${BASE}/conversations`, body, token);
  const addLine = (conversationId: string, body: unknown, token: string) =>
    t.request('POST', `${BASE}/conversations/${conversationId}/lines`, body, token);
  const storedLine = (id: string) => t.hub.context.store.sqlite.prepare('SELECT * FROM conversation_lines WHERE id = ?').get(id) as any;

  /** A guest at `tableId` with a conversation in `guestLanguage`. */
  async function guestConversation(tableId: string, guestLanguage: string): Promise<{ guest: string; id: string; visitId: string }> {
    const guest = await t.guestToken(tableId);
    const started = await start({ guestLanguage }, guest);
    expect(started.status).toBe(201);
    return { guest, id: started.body.conversation.id, visitId: started.body.conversation.visitId };
  }

  it('serves the phrasebook to staff and guests, and to nobody else', async () => {
    const guest = await t.guestToken('table-12');
    for (const token of [waiter, guest]) {
      const answer = await t.request('GET', `${BASE}/phrases`, undefined, token);
      expect(answer.status).toBe(200);
      expect(answer.body.languages).toContain('es');
      expect(answer.body.categories).toContain('waiting');
      const ready = answer.body.phrases.find((phrase: any) => phrase.id === 'order-ready-in');
      expect(ready).toEqual({
        id: 'order-ready-in',
        category: 'waiting',
        audience: 'staff',
        placeholders: ['minutes'],
        text: expect.objectContaining({ en: 'Your order will be ready in about {minutes} minutes.', es: 'Su pedido estará listo en unos {minutes} minutos.' }),
      });
      const bill = answer.body.phrases.find((phrase: any) => phrase.id === 'guest-bill-please');
      expect(bill).toMatchObject({ audience: 'guest', text: expect.objectContaining({ en: expect.stringMatching(/bill/i) }) });
    }
    expect((await t.request('GET', `${BASE}/phrases`)).status).toBe(401);
    expect((await t.request('GET', `${BASE}/phrases`, undefined, 'not-a-real-token-at-all')).status).toBe(401);
  });

  it('gives a guest their visit’s conversation: made once, reused after, following a language switch', async () => {
    const staffSocket = await t.listen('/staff', waiter);
    const guest = await t.guestToken('table-1');
    const before = t.count('conversations');

    const first = await start({ guestLanguage: 'es' }, guest);
    expect(first.status).toBe(201);
    const conversation = first.body.conversation;
    expect(first.body).toEqual({
      conversation: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        visitId: expect.any(String),
        tableName: 'Table 1',
        guestLanguage: 'es',
        staffLanguage: 'en',
        startedBy: 'guest',
        createdAt: expect.any(String),
        closedAt: null,
      },
      lines: [],
    });
    const started = await staffSocket.event('conversation.started', (payload) => payload.id === conversation.id);
    expect(started.payload).toEqual(conversation);

    const again = await start({ guestLanguage: 'es' }, guest);
    expect(again.status).toBe(200);
    expect(again.body.conversation).toEqual(conversation);

    const switched = await start({ guestLanguage: 'fr' }, guest);
    expect(switched.status).toBe(200);
    expect(switched.body.conversation).toEqual({ ...conversation, guestLanguage: 'fr' });
    const updated = await staffSocket.event('conversation.updated', (payload) => payload.id === conversation.id);
    expect(updated.payload.guestLanguage).toBe('fr');
    expect(t.count('conversations')).toBe(before + 1);

    // A guest's phone does not choose the staff's language, even when it sends one.
    const staffSide = await start({ guestLanguage: 'fr', staffLanguage: 'ru' }, guest);
    expect(staffSide.body.conversation.staffLanguage).toBe('en');

    const listed = await t.request('GET', `${BASE}/conversations`, undefined, guest);
    expect(listed.body.conversations).toEqual([{ ...conversation, guestLanguage: 'fr' }]);
  });

  it('lets staff start the conversation of a table’s visit, or refuses a visit that is unknown or over', async () => {
    const { id, visitId } = await guestConversation('table-2', 'de');
    const joined = await start({ guestLanguage: 'de', visitId }, waiter);
    expect(joined.status).toBe(200);
    expect(joined.body.conversation.id).toBe(id);

    expect((await start({ guestLanguage: 'de', visitId: 'no-such-visit' }, waiter)).status).toBe(404);
    const otherGuest = await t.guestToken('table-11');
    expect((await start({ guestLanguage: 'de', visitId }, otherGuest)).status).toBe(404);

    const before = t.count('conversations');
    expect((await t.request('POST', `/api/visits/${visitId}/close`, undefined, waiter)).status).toBe(200);
    const closedVisit = await start({ guestLanguage: 'de', visitId }, waiter);
    expect(closedVisit.status).toBe(409);
    expect(closedVisit.body.error).toBe('visit_not_open');
    expect(t.count('conversations')).toBe(before);

    // Its conversation is over with the visit: off the staff list, and it takes no more lines.
    const staffList = await t.request('GET', `${BASE}/conversations`, undefined, waiter);
    expect(staffList.body.conversations.map((c: any) => c.id)).not.toContain(id);
    const late = await addLine(id, { id: newId(), text: 'Are you still there?' }, waiter);
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('visit_closed');
  });

  it('keeps a front-desk conversation with a walk-up guest, translating what the guest types into the tablet', async () => {
    const first = await start({ guestLanguage: 'es' }, waiter);
    expect(first.status).toBe(201);
    expect(first.body.conversation).toMatchObject({ visitId: null, tableName: null, startedBy: 'staff', guestLanguage: 'es', staffLanguage: 'en' });
    // Each walk-up is someone new: no reuse without a visit.
    const second = await start({ guestLanguage: 'es' }, waiter);
    expect(second.status).toBe(201);
    expect(second.body.conversation.id).not.toBe(first.body.conversation.id);

    const lineId = newId();
    const line = await addLine(first.body.conversation.id, { id: lineId, speaker: 'guest', text: '¿Dónde está el baño?' }, waiter);
    expect(line.status).toBe(201);
    expect(line.body).toEqual({
      id: lineId,
      conversationId: first.body.conversation.id,
      speaker: 'guest',
      source: 'text',
      language: 'es',
      text: '¿Dónde está el baño?',
      translatedLanguage: 'en',
      translatedText: expect.stringMatching(/bath/i),
      translationEngine: 'apertium',
      partial: false,
      untranslatedWords: [],
      phraseId: null,
      audioMs: null,
      createdAt: expect.any(String),
    });

    const staffList = await t.request('GET', `${BASE}/conversations`, undefined, waiter);
    const ids = staffList.body.conversations.map((c: any) => c.id);
    // Newest first.
    expect(ids.indexOf(second.body.conversation.id)).toBeLessThan(ids.indexOf(first.body.conversation.id));
  });

  it('translates a tapped phrase from the phrasebook, typed words with Apertium, and says null when nothing can', async () => {
    const spanish = await guestConversation('table-3', 'es');
    const phraseId = newId();
    const phrase = await addLine(spanish.id, { id: phraseId, phraseId: 'order-ready-in', values: { minutes: '10' } }, waiter);
    expect(phrase.status).toBe(201);
    expect(phrase.body).toMatchObject({
      speaker: 'staff',
      source: 'phrase',
      language: 'en',
      text: 'Your order will be ready in about 10 minutes.',
      translatedLanguage: 'es',
      translatedText: 'Su pedido estará listo en unos 10 minutos.',
      translationEngine: 'phrasebook',
      phraseId: 'order-ready-in',
    });

    const typed = await addLine(spanish.id, { id: newId(), text: 'The soup of the day is tomato.' }, waiter);
    expect(typed.status).toBe(201);
    expect(typed.body).toMatchObject({ source: 'text', language: 'en', translatedLanguage: 'es', translationEngine: 'apertium' });
    expect(typed.body.translatedText).toMatch(/sopa/i);

    // No engine on the hub translates Japanese to English: the staff read the guest's own words.
    const japanese = await guestConversation('table-4', 'ja');
    const untranslated = await addLine(japanese.id, { id: newId(), text: '窓を開けてもいいですか' }, japanese.guest);
    expect(untranslated.status).toBe(201);
    expect(untranslated.body).toMatchObject({
      speaker: 'guest',
      language: 'ja',
      text: '窓を開けてもいいですか',
      translatedLanguage: 'en',
      translatedText: null,
      translationEngine: null,
    });

    const read = await t.request('GET', `${BASE}/conversations/${spanish.id}`, undefined, spanish.guest);
    expect(read.status).toBe(200);
    expect(read.body.lines.map((line: any) => line.id)).toEqual([phraseId, typed.body.id]);
  });

  it('adds a line once however often it is sent, and refuses its id for another line', async () => {
    const { id, guest } = await guestConversation('table-5', 'es');
    const body = { id: newId(), text: 'Una mesa para dos, por favor.' };
    const first = await addLine(id, body, guest);
    expect(first.status).toBe(201);
    const lines = t.count('conversation_lines');
    const events = t.count('events');

    const replays = await Promise.all([addLine(id, body, guest), addLine(id, body, guest)]);
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
    }
    expect(t.count('conversation_lines')).toBe(lines);
    expect(t.count('events')).toBe(events);

    const otherWords = await addLine(id, { ...body, text: 'Otra cosa.' }, guest);
    expect(otherWords.status).toBe(409);
    expect(otherWords.body.error).toBe('line_id_taken');
    const other = await guestConversation('table-6', 'es');
    expect((await addLine(other.id, body, other.guest)).status).toBe(409);
    expect((await addLine(id, { id: body.id, phraseId: 'thank-you' }, guest)).status).toBe(409);
    expect(t.count('conversation_lines')).toBe(lines);

    // A phrase is the same line again after the guest switched language: it is compared as it was stored.
    const phrase = { id: newId(), phraseId: 'thank-you' };
    expect((await addLine(id, phrase, guest)).status).toBe(201);
    expect((await start({ guestLanguage: 'ru' }, guest)).body.conversation.guestLanguage).toBe('ru');
    const replayed = await addLine(id, phrase, guest);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ language: 'es', text: '¡Muchas gracias!' });
  });

  it('keeps guests to their own visit and their own side of the conversation', async () => {
    const mine = await guestConversation('table-7', 'es');
    const stranger = await t.guestToken('table-8');
    const lines = t.count('conversation_lines');

    const read = await t.request('GET', `${BASE}/conversations/${mine.id}`, undefined, stranger);
    expect(read.status).toBe(404);
    expect((await addLine(mine.id, { id: newId(), text: 'hola' }, stranger)).status).toBe(404);
    expect((await t.request('GET', `${BASE}/conversations`, undefined, stranger)).body.conversations).toEqual([]);
    expect((await t.request('GET', `${BASE}/conversations/no-such-id`, undefined, waiter)).status).toBe(404);

    const asStaff = await addLine(mine.id, { id: newId(), speaker: 'staff', text: 'I am the waiter' }, mine.guest);
    expect(asStaff.status).toBe(403);
    expect((await t.request('POST', `${BASE}/conversations/${mine.id}/close`, undefined, mine.guest)).status).toBe(401);
    expect(t.count('conversation_lines')).toBe(lines);
  });

  it('takes no more lines once closed, but still answers a replay of a line it stored', async () => {
    const { id, guest } = await guestConversation('table-9', 'es');
    const sent = { id: newId(), text: 'La cuenta, por favor.' };
    expect((await addLine(id, sent, guest)).status).toBe(201);

    const closed = await t.request('POST', `${BASE}/conversations/${id}/close`, undefined, waiter);
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    const again = await t.request('POST', `${BASE}/conversations/${id}/close`, undefined, waiter);
    expect(again.body).toEqual(closed.body);

    const refused = await addLine(id, { id: newId(), text: '¿Hola?' }, guest);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'conversation_closed', message: expect.stringContaining('start a new one') });
    expect((await addLine(id, sent, guest)).status).toBe(200);

    // Starting again opens a new conversation for the visit.
    const fresh = await start({ guestLanguage: 'es' }, guest);
    expect(fresh.status).toBe(201);
    expect(fresh.body.conversation.id).not.toBe(id);
  });

  it('sends each line to the visit’s guests and to staff, and to no other table', async () => {
    const { id, guest, visitId } = await guestConversation('table-10', 'es');
    const other = await guestConversation('table-11', 'es');
    const [staffSocket, guestSocket, otherSocket] = await Promise.all([
      t.listen('/staff', waiter),
      t.listen('/guest', guest),
      t.listen('/guest', other.guest),
    ]);

    const line = await addLine(id, { id: newId(), phraseId: 'one-moment' }, waiter);
    expect(line.status).toBe(201);
    for (const socket of [staffSocket, guestSocket]) {
      const event = await socket.event('conversation.line', (payload) => payload.line.id === line.body.id);
      expect(event.payload).toEqual({
        conversation: expect.objectContaining({ id, visitId, tableName: 'Table 10', guestLanguage: 'es' }),
        line: line.body,
      });
    }
    expect(line.body.translatedText).toBe('Un momento, por favor.');

    // The other table hears its own line, and nothing of table 10's before it.
    const own = await addLine(other.id, { id: newId(), text: 'Gracias' }, other.guest);
    await otherSocket.event('conversation.line', (payload) => payload.line.id === own.body.id);
    expect(otherSocket.events('conversation.line').map((event) => event.payload.line.id)).toEqual([own.body.id]);
  });

  it('stores hostile text exactly as sent and refuses malformed lines without writing anything', async () => {
    const { id, guest } = await guestConversation('table-12', 'es');
    const hostile = '<script>alert("x")</script> \u202eevil\u202c 🍔 Ж مرحبا "quotes" \\ back\nslash \u0000 end';
    const sent = await addLine(id, { id: newId(), text: hostile }, guest);
    expect(sent.status).toBe(201);
    expect(sent.headers.get('content-type')).toMatch(/^application\/json/);
    expect(sent.body.text).toBe(hostile);
    expect(storedLine(sent.body.id).text).toBe(hostile);
    const read = await t.request('GET', `${BASE}/conversations/${id}`, undefined, guest);
    expect(read.body.lines.at(-1).text).toBe(hostile);

    const lines = t.count('conversation_lines');
    const refusals: Array<[unknown, string]> = [
      [{ id: newId(), text: 'x'.repeat(2000) }, 'bad_request'],
      [{ id: newId(), text: 'hola', admin: true }, 'bad_request'],
      [{ id: newId() }, 'phrase_or_text'],
      [{ id: newId(), text: 'hola', phraseId: 'thank-you' }, 'phrase_or_text'],
      [{ id: newId(), text: 'hola', values: { minutes: '5' } }, 'values_without_phrase'],
      [{ id: newId(), text: '   ' }, 'empty_text'],
      [{ id: 'not-a-uuid', text: 'hola' }, 'bad_request'],
      [{ id: newId(), phraseId: 'no-such-phrase' }, 'unknown_phrase'],
      [{ id: newId(), phraseId: 'order-ready-in' }, 'invalid_phrase_values'],
      [{ id: newId(), phraseId: 'thank-you', values: { minutes: '5' } }, 'invalid_phrase_values'],
      [{ id: newId(), phraseId: 'order-ready-in', values: { minutes: 'x'.repeat(61) } }, 'bad_request'],
      ['{"id": "', 'invalid_json'],
      [[], 'bad_request'],
    ];
    for (const [body, code] of refusals) {
      const answer = await addLine(id, body, guest);
      expect({ body, status: answer.status, code: answer.body.error }).toEqual({ body, status: 400, code });
      expect(answer.body.message).toEqual(expect.any(String));
    }
    expect(t.count('conversation_lines')).toBe(lines);

    const conversations = t.count('conversations');
    for (const body of [{ guestLanguage: 'english' }, { guestLanguage: 'es', extra: 1 }, {}, { guestLanguage: 'es', visitId: 'x'.repeat(65) }]) {
      expect((await start(body, waiter)).status).toBe(400);
    }
    expect(t.count('conversations')).toBe(conversations);
  });
});
