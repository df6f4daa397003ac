import type { Conversation, ConversationLine, TranslatorProgressEvent } from '@onemoment/shared/schemas/translator';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_CONVERSATION,
  conversationReducer,
  conversationToResume,
  entriesFromList,
  lineView,
  markSeen,
  mergeLines,
  noteLine,
  pendingViews,
  type ConversationAction,
  type ConversationState,
} from './conversation-state.ts';

const conversation: Conversation = {
  id: 'conv-1',
  visitId: 'visit-1',
  tableName: 'Table 4',
  guestLanguage: 'de',
  staffLanguage: 'en',
  startedBy: 'guest',
  createdAt: '2025-06-01T18:00:00.000Z',
  closedAt: null,
};

// Ids shaped like UUIDv7: they sort by the time they were made.
const ID = {
  a: '01970000-0000-7000-8000-00000000000a',
  b: '01970000-0000-7000-8000-00000000000b',
  c: '01970000-0000-7000-8000-00000000000c',
  d: '01970000-0000-7000-8000-00000000000d',
};

function guestLine(id: string, at: string, overrides: Partial<ConversationLine> = {}): ConversationLine {
  return {
    id,
    conversationId: 'conv-1',
    speaker: 'guest',
    source: 'speech',
    language: 'de',
    text: 'Ist da Nuss drin?',
    translatedLanguage: 'en',
    translatedText: 'Are there nuts in it?',
    translationEngine: 'apertium',
    partial: false,
    untranslatedWords: [],
    phraseId: null,
    audioMs: 1800,
    createdAt: at,
    ...overrides,
  };
}

function staffLine(id: string, at: string, overrides: Partial<ConversationLine> = {}): ConversationLine {
  return {
    id,
    conversationId: 'conv-1',
    speaker: 'staff',
    source: 'phrase',
    language: 'en',
    text: 'This dish contains nuts.',
    translatedLanguage: 'de',
    translatedText: 'Dieses Gericht enthält Nüsse.',
    translationEngine: 'phrasebook',
    phraseId: 'contains-nuts',
    audioMs: null,
    createdAt: at,
    ...overrides,
  };
}

const progress = (lineId: string, state: TranslatorProgressEvent['state'], extra: Partial<TranslatorProgressEvent> = {}): TranslatorProgressEvent => ({
  conversationId: 'conv-1',
  lineId,
  speaker: 'guest',
  state,
  position: 0,
  progress: 0,
  ...extra,
});

const run = (actions: ConversationAction[], from: ConversationState = EMPTY_CONVERSATION) => actions.reduce(conversationReducer, from);

describe('what each viewer sees of a line', () => {
  it('shows the guest a staff line in the guest language, big, with the staff words small', () => {
    const view = lineView(staffLine(ID.a, '2025-06-01T18:01:00.000Z'), 'guest');
    expect(view.own).toBe(false);
    expect(view.main).toEqual({ text: 'Dieses Gericht enthält Nüsse.', language: 'de' });
    expect(view.original).toEqual({ text: 'This dish contains nuts.', language: 'en' });
  });

  it('shows the guest their own words and nothing else', () => {
    const view = lineView(guestLine(ID.a, '2025-06-01T18:01:00.000Z'), 'guest');
    expect(view.own).toBe(true);
    expect(view.main).toEqual({ text: 'Ist da Nuss drin?', language: 'de' });
    expect(view.original).toBeNull();
    expect(view.untranslated).toBe(false);
  });

  it('shows staff a guest line as the translation big and the original small', () => {
    const view = lineView(guestLine(ID.a, '2025-06-01T18:01:00.000Z'), 'staff');
    expect(view.main).toEqual({ text: 'Are there nuts in it?', language: 'en' });
    expect(view.original).toEqual({ text: 'Ist da Nuss drin?', language: 'de' });
  });

  it('shows the words as said, flagged, when no engine could translate them', () => {
    const line = guestLine(ID.a, '2025-06-01T18:01:00.000Z', { translatedText: null, translationEngine: null });
    expect(lineView(line, 'staff')).toMatchObject({ main: { text: 'Ist da Nuss drin?', language: 'de' }, original: null, untranslated: true });
    expect(lineView(line, 'guest')).toMatchObject({ main: { text: 'Ist da Nuss drin?' }, untranslated: true });
  });

  it('marks a partial translation for both sides and shows the reader the words as said beside it', () => {
    const line = guestLine(ID.a, '2025-06-01T18:01:00.000Z', {
      language: 'ru',
      text: 'У меня аллергия на орехи.',
      translatedText: 'I am allergic to орехи.',
      partial: true,
      untranslatedWords: ['орехи'],
    });
    expect(lineView(line, 'staff')).toMatchObject({
      main: { text: 'I am allergic to орехи.', language: 'en' },
      original: { text: 'У меня аллергия на орехи.', language: 'ru' },
      partial: true,
      untranslatedWords: ['орехи'],
      languages: ['ru', 'en'],
      untranslated: false,
    });
    expect(lineView(line, 'guest')).toMatchObject({ own: true, partial: true, original: null });
    // Nothing translated at all is "not translated", not partial.
    expect(lineView({ ...line, translatedText: null }, 'staff')).toMatchObject({ untranslated: true, partial: false, untranslatedWords: [] });
  });

  it('does not repeat words that came back unchanged (both sides speak the same language)', () => {
    const line = staffLine(ID.a, '2025-06-01T18:01:00.000Z', { translatedText: 'This dish contains nuts.', translatedLanguage: 'en' });
    expect(lineView(line, 'guest').original).toBeNull();
  });
});

describe('lines arriving from the POST answer, the socket and a refetch', () => {
  const first = guestLine(ID.a, '2025-06-01T18:01:00.000Z');
  const second = staffLine(ID.b, '2025-06-01T18:02:00.000Z');

  it('keeps one copy of a line that came back from its POST and again as an event', () => {
    const state = run([
      { type: 'loaded', data: { conversation, lines: [] } },
      { type: 'sending', line: { id: ID.b, speaker: 'staff', kind: 'phrase', preview: 'This dish contains nuts.', error: null } },
      { type: 'line', line: second },
      { type: 'line', line: { ...second } },
    ]);
    expect(state.lines.map((line) => line.id)).toEqual([ID.b]);
    expect(state.outgoing).toEqual([]);
  });

  it('returns the same state for an event it already applied, so the page does not re-render', () => {
    const state = run([{ type: 'loaded', data: { conversation, lines: [first] } }]);
    expect(conversationReducer(state, { type: 'line', line: { ...first } })).toBe(state);
  });

  it('orders lines by the time the hub made them, then by id, whatever order they arrive in', () => {
    const sameTime = staffLine(ID.c, '2025-06-01T18:02:00.000Z');
    const state = run([
      { type: 'line', line: sameTime },
      { type: 'line', line: second },
      { type: 'loaded', data: { conversation, lines: [first] } },
    ]);
    expect(state.lines.map((line) => line.id)).toEqual([ID.a, ID.b, ID.c]);
  });

  it('keeps lines that arrived by socket while a refetch was on its way', () => {
    const state = run([
      { type: 'loaded', data: { conversation, lines: [first] } },
      { type: 'line', line: second },
      { type: 'loaded', data: { conversation, lines: [first] } },
    ]);
    expect(state.lines.map((line) => line.id)).toEqual([ID.a, ID.b]);
  });

  it('ignores lines of another conversation and starts afresh when another one is loaded', () => {
    const other = { ...conversation, id: 'conv-2' };
    const state = run([
      { type: 'loaded', data: { conversation, lines: [first] } },
      { type: 'line', line: { ...second, conversationId: 'conv-2' } },
    ]);
    expect(state.lines.map((line) => line.id)).toEqual([ID.a]);
    const switched = conversationReducer(state, { type: 'loaded', data: { conversation: other, lines: [] } });
    expect(switched.conversation?.id).toBe('conv-2');
    expect(switched.lines).toEqual([]);
  });

  it('keeps what arrived before the first answer only if it belongs to the conversation that loads', () => {
    const state = run([
      { type: 'line', line: second },
      { type: 'line', line: { ...first, id: ID.c, conversationId: 'conv-9' } },
      { type: 'progress', event: progress(ID.d, 'running') },
      { type: 'progress', event: { ...progress(ID.a, 'running'), conversationId: 'conv-9' } },
      { type: 'loaded', data: { conversation, lines: [first] } },
    ]);
    expect(state.lines.map((line) => line.id)).toEqual([ID.a, ID.b]);
    expect(Object.keys(state.progress)).toEqual([ID.d]);
  });

  it('drops the other side’s progress on a reload (its last report may have been missed), keeping its own sends', () => {
    const state = run([
      { type: 'loaded', data: { conversation, lines: [] } },
      { type: 'sending', line: { id: ID.a, speaker: 'guest', kind: 'speech', preview: null, error: null } },
      { type: 'progress', event: progress(ID.a, 'running') },
      { type: 'progress', event: progress(ID.d, 'running') },
      { type: 'loaded', data: { conversation, lines: [] } },
    ]);
    expect(Object.keys(state.progress)).toEqual([ID.a]);
  });

  it('merges by id, the newer copy winning', () => {
    const corrected = { ...first, translatedText: 'Does it contain nuts?' };
    expect(mergeLines([first], [corrected])).toEqual([corrected]);
    const known = [first];
    expect(mergeLines(known, [])).toBe(known);
  });
});

describe('lines on their way', () => {
  it('shows this device’s speech as sending, then queued, then recognising, and drops it when the line lands', () => {
    const sending = run([
      { type: 'loaded', data: { conversation, lines: [] } },
      { type: 'sending', line: { id: ID.a, speaker: 'guest', kind: 'speech', preview: null, error: null } },
    ]);
    expect(pendingViews(sending, 'guest')).toMatchObject([{ id: ID.a, phase: 'sending', own: true, local: true }]);
    const queued = conversationReducer(sending, { type: 'progress', event: progress(ID.a, 'queued', { position: 2 }) });
    expect(pendingViews(queued, 'guest')).toMatchObject([{ phase: 'queued', position: 2 }]);
    const running = conversationReducer(queued, { type: 'progress', event: progress(ID.a, 'running', { progress: 40 }) });
    expect(pendingViews(running, 'guest')).toMatchObject([{ phase: 'recognising', progress: 40 }]);
    const landed = conversationReducer(running, { type: 'line', line: guestLine(ID.a, '2025-06-01T18:01:00.000Z') });
    expect(pendingViews(landed, 'guest')).toEqual([]);
    expect(landed.lines).toHaveLength(1);
  });

  it('shows staff that the guest is being recognised on the guest’s own phone', () => {
    const state = run([
      { type: 'loaded', data: { conversation, lines: [] } },
      { type: 'progress', event: progress(ID.b, 'running', { progress: 70 }) },
    ]);
    expect(pendingViews(state, 'staff')).toMatchObject([{ id: ID.b, speaker: 'guest', own: false, local: false, phase: 'recognising', progress: 70 }]);
    const failed = conversationReducer(state, { type: 'progress', event: progress(ID.b, 'failed') });
    expect(pendingViews(failed, 'staff')).toEqual([]);
  });

  it('ignores a late progress report for a line that already arrived', () => {
    const state = run([
      { type: 'loaded', data: { conversation, lines: [guestLine(ID.a, '2025-06-01T18:01:00.000Z')] } },
      { type: 'progress', event: progress(ID.a, 'running', { progress: 90 }) },
    ]);
    expect(pendingViews(state, 'staff')).toEqual([]);
  });

  it('keeps a failed send with its reason until it is retried or dismissed', () => {
    const error = { status: 422, code: 'silent_audio', message: 'No speech was heard.', retriable: false };
    const state = run([
      { type: 'sending', line: { id: ID.c, speaker: 'staff', kind: 'speech', preview: null, error: null } },
      { type: 'progress', event: progress(ID.c, 'running', { speaker: 'staff' }) },
      { type: 'send-failed', id: ID.c, error },
    ]);
    expect(pendingViews(state, 'staff')).toMatchObject([{ id: ID.c, phase: 'failed', error }]);
    expect(pendingViews(conversationReducer(state, { type: 'dismiss', id: ID.c }), 'staff')).toEqual([]);
  });

  it('lists pending lines in the order they were made', () => {
    const state = run([
      { type: 'sending', line: { id: ID.d, speaker: 'staff', kind: 'text', preview: 'Hello', error: null } },
      { type: 'progress', event: progress(ID.b, 'queued', { position: 1 }) },
    ]);
    expect(pendingViews(state, 'staff').map((view) => view.id)).toEqual([ID.b, ID.d]);
  });
});

describe('the staff list of open conversations', () => {
  const frontDesk: Conversation = { ...conversation, id: 'conv-2', visitId: null, tableName: null, createdAt: '2025-06-01T18:05:00.000Z' };

  it('puts the conversation with the newest line first and counts guest lines not yet seen', () => {
    let entries = entriesFromList([conversation, frontDesk], []);
    expect(entries.map((entry) => entry.conversation.id)).toEqual(['conv-2', 'conv-1']);
    entries = noteLine(entries, conversation, guestLine(ID.a, '2025-06-01T18:10:00.000Z'), 'conv-2');
    expect(entries.map((entry) => [entry.conversation.id, entry.unseen])).toEqual([
      ['conv-1', 1],
      ['conv-2', 0],
    ]);
    // A staff line, or a guest line in the conversation on screen, is not news.
    entries = noteLine(entries, frontDesk, staffLine(ID.b, '2025-06-01T18:11:00.000Z', { conversationId: 'conv-2' }), 'conv-2');
    expect(entries.find((entry) => entry.conversation.id === 'conv-2')?.unseen).toBe(0);
    expect(markSeen(entries, 'conv-1').find((entry) => entry.conversation.id === 'conv-1')?.unseen).toBe(0);
  });

  it('adds a conversation first heard of through an event, drops closed ones, and keeps counts over a refetch', () => {
    let entries = noteLine([], conversation, guestLine(ID.a, '2025-06-01T18:10:00.000Z'), null);
    expect(entries).toHaveLength(1);
    entries = entriesFromList([conversation, { ...frontDesk, closedAt: '2025-06-01T18:20:00.000Z' }], entries);
    expect(entries.map((entry) => [entry.conversation.id, entry.unseen, entry.lastActivityAt])).toEqual([['conv-1', 1, '2025-06-01T18:10:00.000Z']]);
    expect(noteLine(entries, { ...conversation, closedAt: '2025-06-01T18:30:00.000Z' }, guestLine(ID.b, '2025-06-01T18:30:00.000Z'), null)).toEqual([]);
  });
});

describe('the conversation a guest goes on with', () => {
  it('is the newest one not closed, or none (opening Talk starts nothing)', () => {
    const closed = { ...conversation, id: 'conv-2', closedAt: '2025-06-01T18:30:00.000Z' };
    expect(conversationToResume([closed, conversation])).toBe(conversation);
    expect(conversationToResume([closed])).toBeNull();
    expect(conversationToResume([])).toBeNull();
  });
});
