import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { visits } from '../restaurant/floor/tables.ts';

/**
 * Text translations already made, so a phrase asked for twice costs one engine run. Keyed by the engine
 * that made it: a better engine installed later fills its own rows instead of reusing a worse answer.
 */
export const translationCache = sqliteTable(
  'translation_cache',
  {
    engine: text('engine').notNull(),
    sourceLanguage: text('source_language').notNull(),
    targetLanguage: text('target_language').notNull(),
    sourceText: text('source_text').notNull(),
    translatedText: text('translated_text').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.engine, t.sourceLanguage, t.targetLanguage, t.sourceText] }),
    index('translation_cache_last_used').on(t.lastUsedAt),
  ],
);

/** Translator settings the manager chooses on the admin page (the active Whisper model, ...). */
export const translatorSettings = sqliteTable('translator_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * A conversation between a guest and staff across two languages: a guest at a table (through the
 * table's visit) or a walk-up guest at the front desk talking into the staff tablet (no visit).
 */
export const conversations = sqliteTable(
  'conversations',
  {
    /** UUIDv7 made by the hub. */
    id: text('id').primaryKey(),
    visitId: text('visit_id').references(() => visits.id),
    guestLanguage: text('guest_language').notNull(),
    staffLanguage: text('staff_language').notNull(),
    startedBy: text('started_by', { enum: ['guest', 'staff'] }).notNull(),
    createdAt: text('created_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [index('conversations_visit').on(t.visitId)],
);

/** One line of a conversation: what the speaker said (or tapped) and its translation for the other side. */
export const conversationLines = sqliteTable(
  'conversation_lines',
  {
    /** UUIDv7 chosen by the client, so a retried send adds the line once. */
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    speaker: text('speaker', { enum: ['guest', 'staff'] }).notNull(),
    source: text('source', { enum: ['speech', 'phrase', 'text'] }).notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
    translatedLanguage: text('translated_language').notNull(),
    /** Null when no engine could translate this pair; the other side then sees the original words. */
    translatedText: text('translated_text'),
    /** phrasebook, apertium, whisper or cache hits of those; null with translatedText null. */
    translationEngine: text('translation_engine'),
    /** true when the engine left words it did not know in the original language. */
    partial: integer('partial', { mode: 'boolean' }).notNull().default(false),
    /** The words the engine did not know, as it left them (JSON array of strings). */
    untranslatedWords: text('untranslated_words', { mode: 'json' }).$type<string[]>().notNull().default([]),
    phraseId: text('phrase_id'),
    audioMs: integer('audio_ms'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('conversation_lines_order').on(t.conversationId, t.createdAt, t.id)],
);
