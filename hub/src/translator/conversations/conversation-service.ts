import type {
  AddLineBody,
  Conversation,
  ConversationLine,
  ConversationLineEvent,
  ConversationWithLines,
  Speaker,
  SpeechLineQuery,
  StartConversationBody,
} from '@onemoment/shared/schemas/translator';
import { newId } from '@onemoment/shared/ids';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { conflict, notFound } from '../../errors.ts';
import type { RestaurantApi } from '../../restaurant/module.ts';
import type { SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';
import type { TextTranslation } from '../text/index.ts';
import {
  conversationRooms,
  lineContent,
  lineRefusal,
  planStart,
  readableBy,
  replayOf,
  sideLanguages,
  speakerFor,
  type Asker,
  type LineAttempt,
} from './conversation-rules.ts';
import { ConversationStore, toConversation, type ConversationRecord } from './conversation-store.ts';
import { phraseWordsIn, renderPhrase } from './phrase-lines.ts';
import { hearLine, type LineDraft } from './speech-line.ts';
import { ownerOf } from './who-is-asking.ts';

export interface ConversationDeps {
  speech: SpeechRecognizer;
  text: TextTranslation;
  /** The staff's language when a conversation is started without one (the venue's language). */
  staffLanguage: string;
  /** The restaurant's visits, when the hub runs it: a table's guests talk to staff within their visit. */
  visits: Pick<RestaurantApi['visits'], 'visit'> | null;
}

export interface StartOutcome {
  result: ConversationWithLines;
  /** False when the visit's open conversation was reused. */
  created: boolean;
}

export interface LineOutcome {
  line: ConversationLine;
  /** False when the line id was stored already (a retried send). */
  created: boolean;
}

export interface SpeechUpload {
  body: Buffer;
  contentType: string | undefined;
}

interface SpeechInFlight {
  conversationId: string;
  speaker: Speaker;
  line: Promise<ConversationLine>;
}

/**
 * Guest–staff conversations. Translation and recognition run before the command (they take from a
 * fraction of a second to minutes); the line, its event and every check that decides whether it may
 * be stored run in one command, so a line exists exactly when its event does.
 */
export class ConversationService {
  private readonly store: ConversationStore;
  /** Speech lines being recognised, by line id: a retried upload waits for the first instead of recognising twice. */
  private readonly speechInFlight = new Map<string, SpeechInFlight>();

  constructor(
    private readonly context: HubContext,
    private readonly deps: ConversationDeps,
  ) {
    this.store = new ConversationStore(context.store.sqlite);
  }

  /**
   * A guest's phone gets its visit's open conversation (one is made if none); staff get the visit's
   * too, or a new front-desk conversation when no visit is named.
   */
  start(asker: Asker, body: StartConversationBody): Promise<StartOutcome> {
    return this.context.commands.run((tx) => {
      const visitId = this.visitToTalkAt(asker, body.visitId);
      const existing = visitId ? this.store.openConversationOfVisit(visitId) : null;
      const plan = planStart(existing, asker, body, this.deps.staffLanguage);
      if (plan.kind === 'reuse') {
        if (plan.languages) {
          this.store.setLanguages(plan.conversationId, plan.languages.guestLanguage, plan.languages.staffLanguage);
          this.announce(tx, 'conversation.updated', plan.conversationId);
        }
        return { result: this.withLines(plan.conversationId), created: false };
      }
      const id = newId();
      this.store.insertConversation({ id, visitId, ...plan.languages, startedBy: asker.kind, createdAt: this.context.clock.now().toISOString() });
      this.announce(tx, 'conversation.started', id);
      return { result: this.withLines(id), created: true };
    });
  }

  /** Staff: the open conversations, newest first. A guest: their visit's, newest first. */
  list(asker: Asker): Conversation[] {
    const records = asker.kind === 'staff' ? this.store.openConversations() : this.store.conversationsOfVisit(asker.visitId);
    return records.map(toConversation);
  }

  read(asker: Asker, conversationId: string): ConversationWithLines {
    return this.withLines(readableBy(asker, this.store.conversation(conversationId)).id);
  }

  /** Closing twice is not an error: two tablets, or a retried tap. */
  close(conversationId: string): Promise<Conversation> {
    return this.context.commands.run((tx) => {
      const record = this.store.conversation(conversationId);
      if (!record) throw notFound('This conversation');
      if (!this.store.close(conversationId, this.context.clock.now().toISOString())) return toConversation(record);
      return this.announce(tx, 'conversation.closed', conversationId);
    });
  }

  /** A tapped phrase or typed words, translated for the other side. */
  async addLine(asker: Asker, conversationId: string, body: AddLineBody): Promise<LineOutcome> {
    const record = readableBy(asker, this.store.conversation(conversationId));
    const speaker = speakerFor(asker, body.speaker);
    const content = lineContent(body);
    const attempt: LineAttempt = {
      conversationId,
      speaker,
      source: content.kind,
      phraseId: content.kind === 'phrase' ? content.phraseId : null,
      wordsIn: content.kind === 'phrase' ? (language) => phraseWordsIn(content.phraseId, language, content.values) : () => content.text,
    };
    const stored = this.store.line(body.id);
    if (stored) return { line: replayOf(stored, attempt), created: false };
    refuseNewLine(record);

    const { own, other } = sideLanguages(record, speaker);
    const words = content.kind === 'phrase' ? renderPhrase(content.phraseId, own, content.values) : { text: content.text, language: own };
    const phrase = content.kind === 'phrase' ? { phraseId: content.phraseId, values: content.values } : {};
    const translation = await this.deps.text.translate({ text: words.text, from: words.language, to: other, ...phrase });
    return this.commitLine(
      {
        id: body.id,
        conversationId,
        speaker,
        source: content.kind,
        language: words.language,
        text: words.text,
        translatedLanguage: other,
        translatedText: translation?.text ?? null,
        translationEngine: translation?.engine ?? null,
        partial: translation?.partial ?? false,
        untranslatedWords: translation?.untranslatedWords ?? [],
        phraseId: attempt.phraseId,
        audioMs: null,
      },
      attempt,
    );
  }

  /** Spoken words: recognised on the hub, then translated for the other side. */
  async addSpeechLine(asker: Asker, conversationId: string, query: SpeechLineQuery, upload: SpeechUpload): Promise<LineOutcome> {
    const record = readableBy(asker, this.store.conversation(conversationId));
    const speaker = speakerFor(asker, query.speaker);
    const attempt: LineAttempt = { conversationId, speaker, source: 'speech', phraseId: null, wordsIn: null };
    const stored = this.store.line(query.lineId);
    if (stored) return { line: replayOf(stored, attempt), created: false };
    const running = this.speechInFlight.get(query.lineId);
    if (running) {
      if (running.conversationId !== conversationId || running.speaker !== speaker) {
        throw conflict('line_id_taken', 'Another line is being recognised under this id: make a new id for a new line.', { lineId: query.lineId });
      }
      return { line: await running.line, created: false };
    }
    refuseNewLine(record);

    const outcome = this.recogniseAndCommit(asker, record, speaker, query, upload, attempt);
    const line = outcome.then(({ line }) => line);
    // A retry may never come to wait on this; its failure is answered to the first request.
    line.catch(() => {});
    this.speechInFlight.set(query.lineId, { conversationId, speaker, line });
    try {
      return await outcome;
    } finally {
      this.speechInFlight.delete(query.lineId);
    }
  }

  private async recogniseAndCommit(
    asker: Asker,
    record: ConversationRecord,
    speaker: Speaker,
    query: SpeechLineQuery,
    upload: SpeechUpload,
    attempt: LineAttempt,
  ): Promise<LineOutcome> {
    const listeners = conversationRooms(record);
    const draft = await hearLine(this.deps, {
      lineId: query.lineId,
      conversationId: record.id,
      speaker,
      languages: sideLanguages(record, speaker),
      askedLanguage: query.language,
      owner: ownerOf(asker),
      body: upload.body,
      contentType: upload.contentType,
      onProgress: (event) => this.context.events.notify(listeners, 'translator.progress', event),
    });
    return this.commitLine(draft, attempt);
  }

  /** Stores a line and its event, unless the id arrived meanwhile or the conversation has ended. */
  private commitLine(draft: LineDraft, attempt: LineAttempt): Promise<LineOutcome> {
    return this.context.commands.run((tx) => {
      const stored = this.store.line(draft.id);
      if (stored) return { line: replayOf(stored, attempt), created: false };
      const record = this.store.conversation(draft.conversationId);
      if (!record) throw notFound('This conversation');
      refuseNewLine(record);
      const line: ConversationLine = { ...draft, createdAt: this.context.clock.now().toISOString() };
      this.store.insertLine(line);
      const event: ConversationLineEvent = { conversation: toConversation(record), line };
      this.context.events.publish(tx, 'conversation.line', conversationRooms(record), event);
      return { line, created: true };
    });
  }

  /** The visit a new conversation belongs to: the guest's own, the one staff named, or none (walk-up). */
  private visitToTalkAt(asker: Asker, requested: string | undefined): string | null {
    if (asker.kind === 'guest' && requested !== undefined && requested !== asker.visitId) throw notFound('This visit');
    const visitId = asker.kind === 'guest' ? asker.visitId : requested;
    if (visitId === undefined) return null;
    const visit = this.deps.visits?.visit(visitId) ?? null;
    if (!visit) throw notFound('This visit');
    if (visit.status !== 'open') {
      throw conflict('visit_not_open', `The visit at ${visit.tableName} has ended: open a new visit to talk with the table.`);
    }
    return visit.id;
  }

  /** Publishes a conversation's new state to staff and its visit; returns that state. */
  private announce(tx: CommandTx, type: 'conversation.started' | 'conversation.updated' | 'conversation.closed', conversationId: string): Conversation {
    const record = this.store.conversation(conversationId);
    if (!record) throw notFound('This conversation');
    const conversation = toConversation(record);
    this.context.events.publish(tx, type, conversationRooms(record), conversation);
    return conversation;
  }

  private withLines(conversationId: string): ConversationWithLines {
    const record = this.store.conversation(conversationId);
    if (!record) throw notFound('This conversation');
    return { conversation: toConversation(record), lines: this.store.lines(conversationId) };
  }
}

function refuseNewLine(record: ConversationRecord): void {
  const refusal = lineRefusal(record);
  if (refusal) throw refusal;
}
