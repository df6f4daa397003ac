// The conversations' SQL: prepared once, plain rows in and out. Callers decide what a row means
// (conversation-rules.ts) and run writes inside their command.
import type Database from 'better-sqlite3';
import type { Conversation, ConversationLine, Speaker } from '@onemoment/shared/schemas/translator';

/** A conversation as stored, with the state of its visit (null for a front-desk walk-up). */
export interface ConversationRecord extends Conversation {
  visitStatus: 'open' | 'closed' | null;
}

export interface NewConversation {
  id: string;
  visitId: string | null;
  guestLanguage: string;
  staffLanguage: string;
  startedBy: Speaker;
  createdAt: string;
}

// The table's name is that of the visit's table now: a party that moved talks from where it sits.
const CONVERSATION_COLUMNS = `
  c.id, c.visit_id AS visitId, t.name AS tableName, c.guest_language AS guestLanguage,
  c.staff_language AS staffLanguage, c.started_by AS startedBy, c.created_at AS createdAt,
  c.closed_at AS closedAt, v.status AS visitStatus
  FROM conversations c
  LEFT JOIN visits v ON v.id = c.visit_id
  LEFT JOIN dining_tables t ON t.id = v.table_id`;

const LINE_COLUMNS = `
  id, conversation_id AS conversationId, speaker, source, language, text,
  translated_language AS translatedLanguage, translated_text AS translatedText,
  translation_engine AS translationEngine, partial, untranslated_words AS untranslatedWords,
  phrase_id AS phraseId, audio_ms AS audioMs, created_at AS createdAt
  FROM conversation_lines`;

/** A line row as SQLite gives it: the flag as 0/1, the words as JSON text. */
type LineRow = Omit<ConversationLine, 'partial' | 'untranslatedWords'> & { partial: number; untranslatedWords: string };

export class ConversationStore {
  private readonly byId: Database.Statement;
  private readonly openOfVisit: Database.Statement;
  private readonly openForStaff: Database.Statement;
  private readonly ofVisit: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly languagesRow: Database.Statement;
  private readonly closeRow: Database.Statement;
  private readonly linesOf: Database.Statement;
  private readonly lineById: Database.Statement;
  private readonly insertLineRow: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.byId = sqlite.prepare(`SELECT ${CONVERSATION_COLUMNS} WHERE c.id = ?`);
    this.openOfVisit = sqlite.prepare(
      `SELECT ${CONVERSATION_COLUMNS} WHERE c.visit_id = ? AND c.closed_at IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
    );
    // A conversation whose visit has ended is over for staff too, even if nobody pressed close.
    this.openForStaff = sqlite.prepare(
      `SELECT ${CONVERSATION_COLUMNS}
        WHERE c.closed_at IS NULL AND (c.visit_id IS NULL OR v.status = 'open')
        ORDER BY c.created_at DESC, c.id DESC`,
    );
    this.ofVisit = sqlite.prepare(`SELECT ${CONVERSATION_COLUMNS} WHERE c.visit_id = ? ORDER BY c.created_at DESC, c.id DESC`);
    this.insertRow = sqlite.prepare(
      `INSERT INTO conversations (id, visit_id, guest_language, staff_language, started_by, created_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL)`,
    );
    this.languagesRow = sqlite.prepare('UPDATE conversations SET guest_language = ?, staff_language = ? WHERE id = ?');
    this.closeRow = sqlite.prepare('UPDATE conversations SET closed_at = ? WHERE id = ? AND closed_at IS NULL');
    this.linesOf = sqlite.prepare(`SELECT ${LINE_COLUMNS} WHERE conversation_id = ? ORDER BY created_at, id`);
    this.lineById = sqlite.prepare(`SELECT ${LINE_COLUMNS} WHERE id = ?`);
    this.insertLineRow = sqlite.prepare(
      `INSERT INTO conversation_lines (id, conversation_id, speaker, source, language, text, translated_language,
         translated_text, translation_engine, partial, untranslated_words, phrase_id, audio_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  conversation(id: string): ConversationRecord | null {
    return (this.byId.get(id) as ConversationRecord | undefined) ?? null;
  }

  /** The visit's newest conversation that is not closed. */
  openConversationOfVisit(visitId: string): ConversationRecord | null {
    return (this.openOfVisit.get(visitId) as ConversationRecord | undefined) ?? null;
  }

  /** What the staff tablet lists: open conversations of open visits and walk-ups, newest first. */
  openConversations(): ConversationRecord[] {
    return this.openForStaff.all() as ConversationRecord[];
  }

  /** Every conversation of one visit, newest first (a guest's own list). */
  conversationsOfVisit(visitId: string): ConversationRecord[] {
    return this.ofVisit.all(visitId) as ConversationRecord[];
  }

  lines(conversationId: string): ConversationLine[] {
    return (this.linesOf.all(conversationId) as LineRow[]).map(toLine);
  }

  line(id: string): ConversationLine | null {
    const row = this.lineById.get(id) as LineRow | undefined;
    return row ? toLine(row) : null;
  }

  insertConversation(row: NewConversation): void {
    this.insertRow.run(row.id, row.visitId, row.guestLanguage, row.staffLanguage, row.startedBy, row.createdAt);
  }

  setLanguages(id: string, guestLanguage: string, staffLanguage: string): void {
    this.languagesRow.run(guestLanguage, staffLanguage, id);
  }

  /** False when it was closed already. */
  close(id: string, closedAt: string): boolean {
    return this.closeRow.run(closedAt, id).changes > 0;
  }

  insertLine(line: ConversationLine): void {
    this.insertLineRow.run(
      line.id,
      line.conversationId,
      line.speaker,
      line.source,
      line.language,
      line.text,
      line.translatedLanguage,
      line.translatedText,
      line.translationEngine,
      line.partial ? 1 : 0,
      JSON.stringify(line.untranslatedWords),
      line.phraseId,
      line.audioMs,
      line.createdAt,
    );
  }
}

function toLine(row: LineRow): ConversationLine {
  return { ...row, partial: row.partial === 1, untranslatedWords: wordsOf(row.untranslatedWords) };
}

// The column is written only here, as a JSON array of strings; anything else reads as no words
// rather than failing the whole conversation.
function wordsOf(json: string): string[] {
  try {
    const words: unknown = JSON.parse(json);
    return Array.isArray(words) ? words.filter((word): word is string => typeof word === 'string') : [];
  } catch {
    return [];
  }
}

/** The API's view of a stored conversation (the visit's state stays inside the hub). */
export function toConversation(record: ConversationRecord): Conversation {
  const { visitStatus: _visitStatus, ...conversation } = record;
  return conversation;
}
