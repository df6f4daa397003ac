// The rules of a conversation, as pure functions over plain data: who may read it, who speaks, in
// which language each side is, whether a line may be added, and what a line id seen again means.
// The service runs them; the tests read them without a database or a socket.
import type { AddLineBody, ConversationLine, LineSource, Speaker } from '@onemoment/shared/schemas/translator';
import { badRequest, conflict, forbidden, HubError, notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import type { ConversationRecord } from './conversation-store.ts';

/** Who is calling: a staff login, or a guest's phone (bound to one visit). */
export type Asker = { kind: 'staff'; staffId: string } | { kind: 'guest'; visitId: string };

/** A guest sees only their own visit's conversations; anything else does not exist for them. */
export function readableBy(asker: Asker, record: ConversationRecord | null): ConversationRecord {
  if (!record || (asker.kind === 'guest' && record.visitId !== asker.visitId)) throw notFound('This conversation');
  return record;
}

/**
 * The speaker of a new line. A guest's phone speaks for the guest; a staff tablet speaks for staff,
 * or for the guest standing at the front desk talking into it.
 */
export function speakerFor(asker: Asker, requested: Speaker | undefined): Speaker {
  if (asker.kind === 'staff') return requested ?? 'staff';
  if (requested === 'staff') throw forbidden("A guest's phone can only speak for the guest.");
  return 'guest';
}

export interface SideLanguages {
  /** The speaker's side. */
  own: string;
  /** The side the line is translated for. */
  other: string;
}

export function sideLanguages(conversation: { guestLanguage: string; staffLanguage: string }, speaker: Speaker): SideLanguages {
  return speaker === 'guest'
    ? { own: conversation.guestLanguage, other: conversation.staffLanguage }
    : { own: conversation.staffLanguage, other: conversation.guestLanguage };
}

/** Why no line may be added now, or null when one may. */
export function lineRefusal(record: ConversationRecord): HubError | null {
  if (record.closedAt !== null) {
    return conflict('conversation_closed', 'This conversation has been closed: start a new one to keep talking.');
  }
  if (record.visitStatus === 'closed') {
    return conflict('visit_closed', `The visit at ${record.tableName ?? 'this table'} has ended, and its conversation with it.`);
  }
  return null;
}

/** The rooms that hear about a conversation: staff, and the visit's guests when it has one. */
export function conversationRooms(record: { visitId: string | null }): string[] {
  return record.visitId ? [rooms.staff, rooms.visit(record.visitId)] : [rooms.staff];
}

/** What a line carries: a tapped phrase or typed words, never both, never neither. */
export type LineContent =
  | { kind: 'phrase'; phraseId: string; values: Record<string, string> }
  | { kind: 'text'; text: string };

export function lineContent(body: Pick<AddLineBody, 'phraseId' | 'values' | 'text'>): LineContent {
  if (body.phraseId !== undefined && body.text !== undefined) {
    throw badRequest('phrase_or_text', 'Send either a phraseId or a text, not both.');
  }
  if (body.phraseId !== undefined) return { kind: 'phrase', phraseId: body.phraseId, values: body.values ?? {} };
  if (body.text === undefined) throw badRequest('phrase_or_text', 'A line needs a phraseId or a text.');
  if (body.values !== undefined) throw badRequest('values_without_phrase', 'Placeholder values go with a phraseId, not with typed text.');
  if (body.text.trim() === '') throw badRequest('empty_text', 'The line is empty: type something to send.');
  return { kind: 'text', text: body.text };
}

/** A line being sent, as far as it can be compared with a stored line of the same id. */
export interface LineAttempt {
  conversationId: string;
  speaker: Speaker;
  source: LineSource;
  phraseId: string | null;
  /**
   * The speaker's words as they would be stored in `language` (a phrase renders per language); null
   * when the words cannot be known before the work is done (speech: the audio is not kept).
   */
  wordsIn: ((language: string) => string | null) | null;
}

/**
 * A line id that is already stored: the same line sent again (a retry after a lost answer) gets the
 * stored line back; a different line under that id is refused, since the client meant something else.
 */
export function replayOf(stored: ConversationLine, attempt: LineAttempt): ConversationLine {
  const same =
    stored.conversationId === attempt.conversationId &&
    stored.speaker === attempt.speaker &&
    stored.source === attempt.source &&
    stored.phraseId === attempt.phraseId &&
    (attempt.wordsIn === null || attempt.wordsIn(stored.language) === stored.text);
  if (!same) {
    throw conflict('line_id_taken', 'Another line was already sent with this id: make a new id for a new line.', { lineId: stored.id });
  }
  return stored;
}

export interface StartRequest {
  guestLanguage: string;
  staffLanguage?: string;
}

export interface ConversationLanguages {
  guestLanguage: string;
  staffLanguage: string;
}

export type StartPlan =
  | { kind: 'create'; languages: ConversationLanguages }
  | { kind: 'reuse'; conversationId: string; languages: ConversationLanguages | null };

/**
 * Starting when the visit already talks reuses that conversation. The guest's language follows what
 * was asked (the guest switched language, or staff set it for them). The staff's side is chosen by
 * staff only: a guest's phone gets the venue's language, and a reuse keeps the staff's choice unless
 * a staff login names another. `languages` of a reuse is null when nothing changes.
 */
export function planStart(
  existing: (ConversationLanguages & { id: string }) | null,
  asker: Asker,
  request: StartRequest,
  venueStaffLanguage: string,
): StartPlan {
  const asked = asker.kind === 'staff' ? request.staffLanguage : undefined;
  if (!existing) return { kind: 'create', languages: { guestLanguage: request.guestLanguage, staffLanguage: asked ?? venueStaffLanguage } };
  const languages = { guestLanguage: request.guestLanguage, staffLanguage: asked ?? existing.staffLanguage };
  const changed = languages.guestLanguage !== existing.guestLanguage || languages.staffLanguage !== existing.staffLanguage;
  return { kind: 'reuse', conversationId: existing.id, languages: changed ? languages : null };
}

/** Recognised words without the markers Whisper writes for sounds that are not speech ("[BLANK_AUDIO]"). */
export function spokenWords(recognised: string): string {
  return recognised
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The language a speech line is in: what Whisper heard (a guest may speak another language than the
 * one they chose), else the one asked for, else the speaker's side.
 */
export function heardLanguage(reported: string, asked: string | undefined, side: string): string {
  const code = reported.trim().toLowerCase();
  if (/^[a-z]{2,3}$/.test(code)) return code;
  return asked && asked !== 'auto' ? asked : side;
}
