// Issue 14: a line an engine translated only in part reaches staff marked as such, over HTTP and the
// socket, with the words left untranslated, and stays marked when the translation comes from the cache.
// The real hub on 127.0.0.1 with real Apertium (eng-spa); Russian→English is not installed here, so an
// in-process engine stands in for apertium-rus-eng, answering in Apertium's marked form.
import { newId } from '@onemoment/shared/ids';
import type { ConversationLine } from '@onemoment/shared/schemas/translator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextEngine } from '../src/translator/text/index.ts';
import { startTestHub, type TestHub } from './harness.ts';
import { SocketListener } from './support/conversation-hub.ts';

const ISSUE_LINE = 'У меня аллергия на орехи. Есть ли орехи в чизкейке?';

/** Russian→English as apertium-rus-eng marks it: `*` before each word it does not know. */
class RussianStandIn implements TextEngine {
  readonly id = 'apertium';
  runs = 0;
  pairs() {
    return [{ from: 'ru', to: 'en' }];
  }
  async translate(text: string): Promise<string> {
    this.runs += 1;
    if (text === ISSUE_LINE) return 'I am allergic to *орехи *есть *ли *орехи *в *чизкейке.';
    if (text === 'Спасибо.') return 'Thank you.';
    throw new Error(`the stand-in has no translation for "${text}"`);
  }
}

describe('partly translated lines', () => {
  let hub: TestHub;
  let waiter: string;
  const russian = new RussianStandIn();
  const listeners: SocketListener[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ env: { STAFF_LANGUAGE: 'en' }, hubOptions: { translator: { textEngines: [russian] } } });
    waiter = await hub.login('2222');
  });
  afterAll(async () => {
    for (const listener of listeners) listener.close();
    await hub.close();
  });

  async function conversationAt(tableId: string, guestLanguage: string): Promise<{ guest: string; id: string }> {
    const guest = await hub.guestToken(tableId);
    const started = await hub.request('POST', '/api/translator/conversations', { guestLanguage }, guest);
    expect(started.status).toBe(201);
    return { guest, id: started.body.conversation.id };
  }
  const say = (id: string, body: Record<string, unknown>, token: string) =>
    hub.request<ConversationLine>('POST', `/api/translator/conversations/${id}/lines`, { id: newId(), ...body }, token);

  it('marks the issue’s allergy question partial, for staff over HTTP and the socket, and keeps it so from the cache', async () => {
    const staffSocket = await SocketListener.connect(hub.baseUrl, '/staff', waiter);
    listeners.push(staffSocket);
    const { guest, id } = await conversationAt('table-4', 'ru');

    const sent = await say(id, { text: ISSUE_LINE }, guest);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      text: ISSUE_LINE,
      translatedText: 'I am allergic to орехи есть ли орехи в чизкейке.',
      translationEngine: 'apertium',
      partial: true,
      untranslatedWords: ['орехи', 'есть', 'ли', 'в', 'чизкейке'],
    });
    const heard = await staffSocket.event('conversation.line', (payload) => payload.line.id === sent.body.id);
    expect(heard.payload.line).toEqual(sent.body);

    const read = await hub.request('GET', `/api/translator/conversations/${id}`, undefined, waiter);
    expect(read.body.lines).toEqual([sent.body]);

    // The same words again come from the cache, still partial.
    const again = await say(id, { text: ISSUE_LINE }, guest);
    expect(again.body).toMatchObject({ partial: true, untranslatedWords: sent.body.untranslatedWords, translatedText: sent.body.translatedText });
    expect(russian.runs).toBe(1);

    const complete = await say(id, { text: 'Спасибо.' }, guest);
    expect(complete.body).toMatchObject({ translatedText: 'Thank you.', partial: false, untranslatedWords: [] });
  });

  it('marks a line real Apertium could not finish, and never shows its marks', async () => {
    const { guest, id } = await conversationAt('table-5', 'es');
    const sent = await say(id, { text: 'Tengo alergia a las nueces. ¿Hay zorblax en la tarta?' }, guest);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ partial: true, untranslatedWords: ['zorblax'] });
    expect(sent.body.translatedText).toContain('zorblax');
    expect(sent.body.translatedText).not.toMatch(/[*@#]/);

    const typedMarks = await say(id, { text: '¡La sopa está fría! *****' }, guest);
    expect(typedMarks.body).toMatchObject({ partial: false, untranslatedWords: [] });
    expect(typedMarks.body.translatedText).toContain('*****');
  });

  it('says a phrase’s value in the guest’s language, or quotes it, never leaving it bare', async () => {
    const { id } = await conversationAt('table-6', 'es');
    const typed = await say(id, { text: 'The kitchen closes at eleven.' }, waiter);
    expect(typed.body).toMatchObject({ text: 'The kitchen closes at eleven.', translatedText: 'La cocina cierra a las once.', translationEngine: 'phrasebook', partial: false });

    const tapped = await say(id, { phraseId: 'kitchen-closes-at', values: { time: '11 pm' } }, waiter);
    expect(tapped.body).toMatchObject({ text: 'The kitchen closes at 11 pm.', translatedText: 'La cocina cierra a las 23:00.' });

    const unknown = await say(id, { phraseId: 'kitchen-closes-at', values: { time: 'zorblax o’clock' } }, waiter);
    expect(unknown.body.translatedText).toBe('La cocina cierra a las «zorblax o’clock».');
  });
});
