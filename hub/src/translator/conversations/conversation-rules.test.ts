import type { ConversationLine } from '@onemoment/shared/schemas/translator';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import {
  conversationRooms,
  heardLanguage,
  lineContent,
  lineRefusal,
  planStart,
  readableBy,
  replayOf,
  sideLanguages,
  speakerFor,
  spokenWords,
  type Asker,
  type LineAttempt,
} from './conversation-rules.ts';
import type { ConversationRecord } from './conversation-store.ts';

const staff: Asker = { kind: 'staff', staffId: 'staff-waiter' };
const guest: Asker = { kind: 'guest', visitId: 'visit-1' };

function record(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id: 'conversation-1',
    visitId: 'visit-1',
    tableName: 'Table 1',
    guestLanguage: 'es',
    staffLanguage: 'en',
    startedBy: 'guest',
    createdAt: '2025-01-01T12:00:00.000Z',
    closedAt: null,
    visitStatus: 'open',
    ...overrides,
  };
}

function storedLine(overrides: Partial<ConversationLine> = {}): ConversationLine {
  return {
    id: 'line-1',
    conversationId: 'conversation-1',
    speaker: 'staff',
    source: 'text',
    language: 'en',
    text: 'Hello',
    translatedLanguage: 'es',
    translatedText: 'Hola',
    translationEngine: 'apertium',
    partial: false,
    untranslatedWords: [],
    phraseId: null,
    audioMs: null,
    createdAt: '2025-01-01T12:00:01.000Z',
    ...overrides,
  };
}

function refusalOf(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof HubError) return { status: error.statusCode, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('who may read a conversation', () => {
  it('lets staff read any conversation and a guest only their visit’s', () => {
    expect(readableBy(staff, record({ visitId: 'visit-2' })).id).toBe('conversation-1');
    expect(readableBy(staff, record({ visitId: null })).id).toBe('conversation-1');
    expect(readableBy(guest, record()).id).toBe('conversation-1');
  });

  it('answers 404, not 403, for another visit’s conversation, so a guest learns nothing of it', () => {
    expect(refusalOf(() => readableBy(guest, record({ visitId: 'visit-2' })))).toEqual({ status: 404, code: 'not_found' });
    expect(refusalOf(() => readableBy(guest, record({ visitId: null })))).toEqual({ status: 404, code: 'not_found' });
    expect(refusalOf(() => readableBy(staff, null))).toEqual({ status: 404, code: 'not_found' });
  });
});

describe('who speaks a line', () => {
  it('makes a guest’s phone speak for the guest and refuses it speaking for staff', () => {
    expect(speakerFor(guest, undefined)).toBe('guest');
    expect(speakerFor(guest, 'guest')).toBe('guest');
    expect(refusalOf(() => speakerFor(guest, 'staff'))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('lets a staff tablet speak for staff, or for the guest at the front desk', () => {
    expect(speakerFor(staff, undefined)).toBe('staff');
    expect(speakerFor(staff, 'guest')).toBe('guest');
  });

  it('gives each speaker their own side’s language and the other side’s as the target', () => {
    expect(sideLanguages({ guestLanguage: 'es', staffLanguage: 'en' }, 'guest')).toEqual({ own: 'es', other: 'en' });
    expect(sideLanguages({ guestLanguage: 'es', staffLanguage: 'en' }, 'staff')).toEqual({ own: 'en', other: 'es' });
  });
});

describe('whether a line may be added', () => {
  it('takes lines in an open conversation, of an open visit or a walk-up', () => {
    expect(lineRefusal(record())).toBeNull();
    expect(lineRefusal(record({ visitId: null, tableName: null, visitStatus: null }))).toBeNull();
  });

  it('refuses a closed conversation and one whose visit has ended, each with its reason', () => {
    const closed = lineRefusal(record({ closedAt: '2025-01-01T13:00:00.000Z' }));
    expect([closed?.statusCode, closed?.code]).toEqual([409, 'conversation_closed']);
    const ended = lineRefusal(record({ visitStatus: 'closed' }));
    expect([ended?.statusCode, ended?.code]).toEqual([409, 'visit_closed']);
    expect(ended?.message).toContain('Table 1');
  });

  it('tells staff and the visit’s guests, and only staff of a walk-up', () => {
    expect(conversationRooms({ visitId: 'visit-1' })).toEqual(['staff', 'visit:visit-1']);
    expect(conversationRooms({ visitId: null })).toEqual(['staff']);
  });
});

describe('what a line carries', () => {
  it('is a phrase with its values, or typed words kept exactly as typed', () => {
    expect(lineContent({ phraseId: 'toilets' })).toEqual({ kind: 'phrase', phraseId: 'toilets', values: {} });
    expect(lineContent({ phraseId: 'order-ready-in', values: { minutes: '10' } })).toEqual({
      kind: 'phrase',
      phraseId: 'order-ready-in',
      values: { minutes: '10' },
    });
    expect(lineContent({ text: '  <b>hi</b>  ' })).toEqual({ kind: 'text', text: '  <b>hi</b>  ' });
  });

  it('refuses both, neither, values with typed words, and blank words', () => {
    expect(refusalOf(() => lineContent({ phraseId: 'toilets', text: 'Where?' }))).toEqual({ status: 400, code: 'phrase_or_text' });
    expect(refusalOf(() => lineContent({}))).toEqual({ status: 400, code: 'phrase_or_text' });
    expect(refusalOf(() => lineContent({ text: 'hi', values: { a: 'b' } }))).toEqual({ status: 400, code: 'values_without_phrase' });
    expect(refusalOf(() => lineContent({ text: ' \n\t ' }))).toEqual({ status: 400, code: 'empty_text' });
  });
});

describe('a line id seen again', () => {
  const typed: LineAttempt = { conversationId: 'conversation-1', speaker: 'staff', source: 'text', phraseId: null, wordsIn: () => 'Hello' };

  it('returns the stored line when the same line is sent again', () => {
    const stored = storedLine();
    expect(replayOf(stored, typed)).toBe(stored);
  });

  it('compares a phrase in the language it was stored in, so a language switch since does not matter', () => {
    const stored = storedLine({ source: 'phrase', phraseId: 'one-moment', language: 'ru', text: 'Одну минуту, пожалуйста.' });
    const attempt: LineAttempt = {
      ...typed,
      source: 'phrase',
      phraseId: 'one-moment',
      wordsIn: (language) => (language === 'ru' ? 'Одну минуту, пожалуйста.' : 'One moment, please.'),
    };
    expect(replayOf(stored, attempt)).toBe(stored);
  });

  it('matches a speech line on who said it where, since its audio is not kept', () => {
    const stored = storedLine({ source: 'speech', text: 'whatever was heard' });
    expect(replayOf(stored, { ...typed, source: 'speech', wordsIn: null })).toBe(stored);
  });

  it('refuses the id for different words, another speaker, another source or another conversation', () => {
    const stored = storedLine();
    const taken = { status: 409, code: 'line_id_taken' };
    expect(refusalOf(() => replayOf(stored, { ...typed, wordsIn: () => 'Goodbye' }))).toEqual(taken);
    expect(refusalOf(() => replayOf(stored, { ...typed, speaker: 'guest' }))).toEqual(taken);
    expect(refusalOf(() => replayOf(stored, { ...typed, source: 'speech', wordsIn: null }))).toEqual(taken);
    expect(refusalOf(() => replayOf(stored, { ...typed, conversationId: 'conversation-2' }))).toEqual(taken);
  });
});

describe('starting a conversation', () => {
  const existing = { id: 'conversation-1', guestLanguage: 'es', staffLanguage: 'en' };

  it('makes one when the visit has none, in the venue’s language unless staff ask for another', () => {
    expect(planStart(null, guest, { guestLanguage: 'es' }, 'en')).toEqual({ kind: 'create', languages: { guestLanguage: 'es', staffLanguage: 'en' } });
    expect(planStart(null, staff, { guestLanguage: 'es', staffLanguage: 'ru' }, 'en')).toEqual({
      kind: 'create',
      languages: { guestLanguage: 'es', staffLanguage: 'ru' },
    });
  });

  it('does not let a guest’s phone choose the staff’s language', () => {
    expect(planStart(null, guest, { guestLanguage: 'es', staffLanguage: 'ru' }, 'en')).toEqual({
      kind: 'create',
      languages: { guestLanguage: 'es', staffLanguage: 'en' },
    });
    expect(planStart(existing, guest, { guestLanguage: 'es', staffLanguage: 'ru' }, 'en')).toEqual({
      kind: 'reuse',
      conversationId: 'conversation-1',
      languages: null,
    });
  });

  it('reuses the visit’s conversation, changing only what was asked differently', () => {
    expect(planStart(existing, guest, { guestLanguage: 'es' }, 'en')).toEqual({ kind: 'reuse', conversationId: 'conversation-1', languages: null });
    expect(planStart(existing, guest, { guestLanguage: 'fr' }, 'en')).toEqual({
      kind: 'reuse',
      conversationId: 'conversation-1',
      languages: { guestLanguage: 'fr', staffLanguage: 'en' },
    });
    expect(planStart(existing, staff, { guestLanguage: 'es', staffLanguage: 'de' }, 'en')).toEqual({
      kind: 'reuse',
      conversationId: 'conversation-1',
      languages: { guestLanguage: 'es', staffLanguage: 'de' },
    });
  });
});

describe('what was heard', () => {
  it('drops the markers Whisper writes for sounds that are not speech', () => {
    expect(spokenWords('[BLANK_AUDIO]')).toBe('');
    expect(spokenWords(' [MUSIC]  Where is   the toilet? [ Silence ] ')).toBe('Where is the toilet?');
    expect(spokenWords('¿Dónde está el baño?')).toBe('¿Dónde está el baño?');
  });

  it('keeps the language Whisper reports, falling back to the asked one, then the speaker’s side', () => {
    expect(heardLanguage('fr', 'de', 'de')).toBe('fr');
    expect(heardLanguage(' FR ', 'auto', 'de')).toBe('fr');
    expect(heardLanguage('', 'it', 'de')).toBe('it');
    expect(heardLanguage('auto', 'auto', 'de')).toBe('de');
    expect(heardLanguage('', undefined, 'de')).toBe('de');
  });
});
