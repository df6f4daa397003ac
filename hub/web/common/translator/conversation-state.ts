/**
 * A translator conversation as a page holds it, and what each viewer sees of it. Pure: the guest page and
 * the staff page feed it the HTTP answers, the socket's events and their own sends, and render the views.
 *
 * A line can reach a page twice (the answer to its POST and the `conversation.line` event) and in any
 * order, and a refetch after a reconnect overlaps both: lines are merged by id and kept in the hub's order
 * (created time, then the time-ordered UUIDv7 id).
 */
import type {
  Conversation,
  ConversationLine,
  ConversationWithLines,
  LineSource,
  Speaker,
  TranslatorProgressEvent,
} from '@onemoment/shared/schemas/translator';

export type Viewer = Speaker;

export interface SendError {
  /** The hub's HTTP status; 0 when no answer came back. */
  status: number;
  code: string;
  message: string;
  /** The same request may succeed later (no connection, recogniser busy): offer "try again". */
  retriable: boolean;
}

/** A line this device is sending and has no answer for yet. */
export interface OutgoingLine {
  id: string;
  speaker: Speaker;
  kind: LineSource;
  /** What was typed or tapped, shown until the hub's line replaces it; null for speech. */
  preview: string | null;
  error: SendError | null;
}

export interface ConversationState {
  conversation: Conversation | null;
  lines: readonly ConversationLine[];
  outgoing: readonly OutgoingLine[];
  /** Speech being recognised, by line id, from `translator.progress` (this device's and the other side's). */
  progress: Readonly<Record<string, TranslatorProgressEvent>>;
}

export type ConversationAction =
  | { type: 'loaded'; data: ConversationWithLines }
  | { type: 'line'; line: ConversationLine }
  | { type: 'progress'; event: TranslatorProgressEvent }
  | { type: 'sending'; line: OutgoingLine }
  | { type: 'send-failed'; id: string; error: SendError }
  | { type: 'dismiss'; id: string };

export const EMPTY_CONVERSATION: ConversationState = { conversation: null, lines: [], outgoing: [], progress: {} };

const FINISHED_JOB_STATES = new Set(['done', 'failed', 'cancelled']);

export function compareLines(a: ConversationLine, b: ConversationLine): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Lines by id, the newer copy winning, in the hub's order. The same array comes back when nothing is new. */
export function mergeLines(known: readonly ConversationLine[], incoming: readonly ConversationLine[]): readonly ConversationLine[] {
  if (incoming.length === 0) return known;
  const byId = new Map(known.map((line) => [line.id, line]));
  let changed = false;
  for (const line of incoming) {
    const existing = byId.get(line.id);
    if (existing && sameLine(existing, line)) continue;
    byId.set(line.id, line);
    changed = true;
  }
  return changed ? [...byId.values()].sort(compareLines) : known;
}

function sameLine(a: ConversationLine, b: ConversationLine): boolean {
  return a.text === b.text && a.translatedText === b.translatedText && a.partial === b.partial && a.createdAt === b.createdAt;
}

function withoutSettled(state: ConversationState, lines: readonly ConversationLine[]): ConversationState {
  const ids = new Set(lines.map((line) => line.id));
  const outgoing = state.outgoing.filter((line) => !ids.has(line.id));
  const progressIds = Object.keys(state.progress).filter((id) => ids.has(id));
  let progress = state.progress;
  if (progressIds.length > 0) {
    const copy = { ...progress };
    for (const id of progressIds) delete copy[id];
    progress = copy;
  }
  return outgoing.length === state.outgoing.length && progress === state.progress ? { ...state, lines } : { ...state, lines, outgoing, progress };
}

function onlyFor(progress: ConversationState['progress'], conversationId: string): ConversationState['progress'] {
  return Object.fromEntries(Object.entries(progress).filter(([, report]) => report.conversationId === conversationId));
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'loaded': {
      const { conversation, lines } = action.data;
      // Another conversation (the staff opened a different one): nothing of the old one carries over.
      if (state.conversation && state.conversation.id !== conversation.id) {
        return { ...EMPTY_CONVERSATION, conversation, lines: [...lines].sort(compareLines) };
      }
      // Events that came before the first answer were kept without knowing the conversation: sort them out now.
      const earlier = state.conversation ? state.lines : state.lines.filter((line) => line.conversationId === conversation.id);
      // Progress is never replayed: a report for someone else's job may have lost its last word (done or
      // failed) while this device was away. A reload (after a reconnect) keeps only this device's own
      // sends; the other side's running job reports again within moments.
      const own = new Set(state.outgoing.map((line) => line.id));
      const progress = state.conversation
        ? Object.fromEntries(Object.entries(state.progress).filter(([id]) => own.has(id)))
        : onlyFor(state.progress, conversation.id);
      return withoutSettled({ ...state, conversation, progress }, mergeLines(earlier, lines));
    }
    case 'line': {
      if (state.conversation && action.line.conversationId !== state.conversation.id) return state;
      const lines = mergeLines(state.lines, [action.line]);
      return lines === state.lines && !state.outgoing.some((line) => line.id === action.line.id) ? state : withoutSettled(state, lines);
    }
    case 'progress': {
      const { event } = action;
      if (state.conversation && event.conversationId !== state.conversation.id) return state;
      if (state.lines.some((line) => line.id === event.lineId)) return state; // the line beat its last progress report
      const progress = { ...state.progress };
      if (FINISHED_JOB_STATES.has(event.state)) delete progress[event.lineId];
      else progress[event.lineId] = event;
      return { ...state, progress };
    }
    case 'sending': {
      if (state.lines.some((line) => line.id === action.line.id)) return state;
      return { ...state, outgoing: [...state.outgoing.filter((line) => line.id !== action.line.id), action.line] };
    }
    case 'send-failed': {
      if (!state.outgoing.some((line) => line.id === action.id)) return state;
      const progress = { ...state.progress };
      delete progress[action.id];
      return {
        ...state,
        progress,
        outgoing: state.outgoing.map((line) => (line.id === action.id ? { ...line, error: action.error } : line)),
      };
    }
    case 'dismiss': {
      const progress = { ...state.progress };
      delete progress[action.id];
      return { ...state, progress, outgoing: state.outgoing.filter((line) => line.id !== action.id) };
    }
  }
}

// ---------------------------------------------------------------- what a viewer sees

export interface TextView {
  text: string;
  language: string;
}

export interface LineView {
  id: string;
  speaker: Speaker;
  /** Said by the viewer's side. */
  own: boolean;
  source: LineSource;
  createdAt: string;
  /** Shown big: the viewer's own words, or the other side's words in the viewer's language. */
  main: TextView;
  /** Shown small under a translation: what the speaker actually said. */
  original: TextView | null;
  /** No engine could translate this pair: the other side sees (or this viewer sees) the words as said. */
  untranslated: boolean;
  /** The engine translated only part of the line: `untranslatedWords` stand in the translation as said. */
  partial: boolean;
  untranslatedWords: readonly string[];
  /** Both sides' languages: a partial translation holds words of each (for finding allergen words). */
  languages: readonly string[];
}

export function lineView(line: ConversationLine, viewer: Viewer): LineView {
  const partial = line.translatedText !== null && line.partial;
  const base = {
    id: line.id,
    speaker: line.speaker,
    own: line.speaker === viewer,
    source: line.source,
    createdAt: line.createdAt,
    partial,
    untranslatedWords: partial ? line.untranslatedWords : [],
    languages: [line.language, line.translatedLanguage],
  };
  const said: TextView = { text: line.text, language: line.language };
  if (base.own) return { ...base, main: said, original: null, untranslated: line.translatedText === null };
  if (line.translatedText === null) return { ...base, main: said, original: null, untranslated: true };
  const translated: TextView = { text: line.translatedText, language: line.translatedLanguage };
  // A partial translation always comes with the words as said beside it: the reader needs both.
  const original = line.translatedText === line.text && !partial ? null : said;
  return { ...base, main: translated, original, untranslated: false };
}

export type PendingPhase = 'sending' | 'queued' | 'recognising' | 'failed';

export interface PendingView {
  id: string;
  speaker: Speaker;
  own: boolean;
  /** Sent from this device (it can be retried or dismissed here). */
  local: boolean;
  kind: LineSource;
  preview: string | null;
  phase: PendingPhase;
  /** Jobs ahead while queued. */
  position: number;
  /** 0–100 while recognising. */
  progress: number;
  error: SendError | null;
}

/** Lines on their way: this device's sends, and speech the other device is having recognised. */
export function pendingViews(state: ConversationState, viewer: Viewer): PendingView[] {
  const views: PendingView[] = state.outgoing.map((line) => {
    const report = state.progress[line.id];
    return {
      id: line.id,
      speaker: line.speaker,
      own: line.speaker === viewer,
      local: true,
      kind: line.kind,
      preview: line.preview,
      phase: line.error ? 'failed' : report ? phaseOf(report) : 'sending',
      position: report?.position ?? 0,
      progress: report?.progress ?? 0,
      error: line.error,
    };
  });
  const local = new Set(state.outgoing.map((line) => line.id));
  for (const report of Object.values(state.progress)) {
    if (local.has(report.lineId)) continue;
    views.push({
      id: report.lineId,
      speaker: report.speaker,
      own: report.speaker === viewer,
      local: false,
      kind: 'speech',
      preview: null,
      phase: phaseOf(report),
      position: report.position,
      progress: report.progress,
      error: null,
    });
  }
  // UUIDv7 ids sort by the time they were made.
  return views.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function phaseOf(report: TranslatorProgressEvent): PendingPhase {
  return report.state === 'queued' ? 'queued' : 'recognising';
}

/**
 * The conversation a guest's Talk page goes on with: the visit's newest one staff have not closed (the
 * hub lists them newest first). Null: none, and none is started until the guest says something.
 */
export function conversationToResume(conversations: readonly Conversation[]): Conversation | null {
  return conversations.find((conversation) => conversation.closedAt === null) ?? null;
}

// ---------------------------------------------------------------- the staff list of conversations

export interface ConversationEntry {
  conversation: Conversation;
  lastActivityAt: string;
  /** Guest lines that arrived while this conversation was not the one on screen. */
  unseen: number;
}

function byActivity(a: ConversationEntry, b: ConversationEntry): number {
  return Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
}

/** The hub's list of open conversations, keeping what this page learnt from events (activity, unseen). */
export function entriesFromList(conversations: readonly Conversation[], previous: readonly ConversationEntry[]): ConversationEntry[] {
  const known = new Map(previous.map((entry) => [entry.conversation.id, entry]));
  return conversations
    .filter((conversation) => conversation.closedAt === null)
    .map((conversation) => {
      const before = known.get(conversation.id);
      return { conversation, lastActivityAt: before?.lastActivityAt ?? conversation.createdAt, unseen: before?.unseen ?? 0 };
    })
    .sort(byActivity);
}

/** A `conversation.line` event: the conversation moves to the top (and appears if it is new to this page). */
export function noteLine(entries: readonly ConversationEntry[], conversation: Conversation, line: ConversationLine, openId: string | null): ConversationEntry[] {
  const rest = entries.filter((entry) => entry.conversation.id !== conversation.id);
  if (conversation.closedAt !== null) return rest;
  const before = entries.find((entry) => entry.conversation.id === conversation.id);
  const unseen = (before?.unseen ?? 0) + (line.speaker === 'guest' && conversation.id !== openId ? 1 : 0);
  const lastActivityAt = before && Date.parse(before.lastActivityAt) > Date.parse(line.createdAt) ? before.lastActivityAt : line.createdAt;
  return [...rest, { conversation, lastActivityAt, unseen }].sort(byActivity);
}

export function markSeen(entries: readonly ConversationEntry[], id: string): ConversationEntry[] {
  return entries.map((entry) => (entry.conversation.id === id && entry.unseen > 0 ? { ...entry, unseen: 0 } : entry));
}
