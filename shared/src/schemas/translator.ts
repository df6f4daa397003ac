import { Type, type Static } from 'typebox';
import { IsoTimeSchema, Nullable, StringEnum, UuidV7Schema } from './common.ts';

/**
 * The translator: speech to text with Whisper on the hub, text translation (phrasebook, Apertium) and
 * guest–staff conversations. Languages are ISO 639-1 codes (`en`, `es`, `ru`, ...).
 */

export const TRANSCRIPTION_TASKS = ['transcribe', 'translate'] as const;
export type TranscriptionTask = (typeof TRANSCRIPTION_TASKS)[number];

export const SPEAKERS = ['guest', 'staff'] as const;
export type Speaker = (typeof SPEAKERS)[number];

export const LINE_SOURCES = ['speech', 'phrase', 'text'] as const;
export type LineSource = (typeof LINE_SOURCES)[number];

/** Who says a phrasebook phrase: `staff` to a guest, or a `guest` to staff. Each page offers its side's. */
export const PHRASE_AUDIENCES = ['staff', 'guest'] as const;
export type PhraseAudience = (typeof PHRASE_AUDIENCES)[number];

export const TRANSLATOR_LIMITS = { maxTextLength: 1000, maxPlaceholderValueLength: 60 } as const;

/**
 * Audio types the hub decodes: the pages record 16 kHz WAV themselves; Chromium's MediaRecorder makes
 * WebM (some label it video/webm), Firefox's Ogg; both with Opus.
 */
export const AUDIO_CONTENT_TYPES = [
  'audio/wav', 'audio/wave', 'audio/x-wav', 'audio/vnd.wave', 'audio/webm', 'video/webm', 'audio/ogg', 'application/ogg',
] as const;

export const LanguageCodeSchema = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 code, e.g. en' });
export const LanguageOrAutoSchema = Type.String({
  pattern: '^(auto|[a-z]{2,3})$',
  description: 'auto: Whisper detects the spoken language',
});

export const TranscriptionQuerySchema = Type.Object(
  {
    task: Type.Optional(StringEnum<TranscriptionTask>(TRANSCRIPTION_TASKS, {
      description: 'transcribe: text in the spoken language; translate: Whisper speech-to-English',
    })),
    language: Type.Optional(LanguageOrAutoSchema),
    jobId: Type.Optional(UuidV7Schema),
  },
  { additionalProperties: false },
);
export type TranscriptionQuery = Static<typeof TranscriptionQuerySchema>;

export const SegmentSchema = Type.Object({
  startMs: Type.Integer({ minimum: 0 }),
  endMs: Type.Integer({ minimum: 0 }),
  text: Type.String(),
});

export const TranscriptionSchema = Type.Object({
  text: Type.String(),
  language: Type.String({ description: 'the spoken language (detected or given); en after translate' }),
  segments: Type.Array(SegmentSchema),
  durationMs: Type.Integer({ minimum: 0, description: 'length of the audio' }),
  processingMs: Type.Integer({ minimum: 0, description: 'time in the recogniser, queueing excluded' }),
});
export type Transcription = Static<typeof TranscriptionSchema>;

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JobSchema = Type.Object({
  id: Type.String(),
  state: StringEnum<JobState>(JOB_STATES),
  position: Type.Integer({ minimum: 0, description: 'jobs ahead of this one; 0 when running or finished' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
});
export type TranslatorJob = Static<typeof JobSchema>;

export const InstalledModelSchema = Type.Object({
  name: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  architecture: Type.String(),
  multilingual: Type.Boolean(),
  valid: Type.Boolean(),
  problem: Type.Optional(Type.String()),
});

export const TranslatorStatusSchema = Type.Object({
  ready: Type.Boolean({ description: 'a model is installed, active and loads' }),
  message: Type.String({ description: 'what staff should know, e.g. that a model is needed and how to get one' }),
  activeModel: Nullable<string>({ type: 'string' }),
  installedModels: Type.Array(InstalledModelSchema),
  downloadable: Type.Array(Type.Object({ name: Type.String(), sizeBytes: Type.Integer() })),
  speechLanguages: Type.Array(Type.String(), { description: 'languages Whisper can hear' }),
  phrasebookLanguages: Type.Array(Type.String()),
  textPairs: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), engine: Type.String() })),
  queue: Type.Object({ running: Type.Integer(), waiting: Type.Integer(), concurrency: Type.Integer() }),
});
export type TranslatorStatus = Static<typeof TranslatorStatusSchema>;

/**
 * A Whisper model being fetched into the hub's models folder, started by a manager on the Translator
 * page. One per model name: the latest attempt, kept in memory until the hub restarts.
 */
export const MODEL_DOWNLOAD_STATES = ['downloading', 'done', 'failed', 'cancelled'] as const;
export type ModelDownloadState = (typeof MODEL_DOWNLOAD_STATES)[number];

export const ModelDownloadSchema = Type.Object({
  name: Type.String({ description: 'the catalogue name, e.g. base' }),
  state: StringEnum<ModelDownloadState>(MODEL_DOWNLOAD_STATES),
  receivedBytes: Type.Integer({ minimum: 0, description: 'bytes on disk so far, including any resumed from an earlier attempt' }),
  totalBytes: Type.Integer({ minimum: 0 }),
  startedAt: IsoTimeSchema,
  finishedAt: Nullable<string>({ type: 'string', format: 'date-time' }),
  errorCode: Nullable<string>({ type: 'string', description: 'failed only: unreachable, not_on_server, http_error, checksum_mismatch, wrong_size, interrupted, disk_full, no_permission, failed' }),
  message: Nullable<string>({ type: 'string', description: 'failed only: what went wrong and what to do, for the manager' }),
});
export type ModelDownload = Static<typeof ModelDownloadSchema>;

export const ModelDownloadListSchema = Type.Object({ downloads: Type.Array(ModelDownloadSchema) });
export type ModelDownloadList = Static<typeof ModelDownloadListSchema>;

export const ModelNameParamsSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const ActiveModelBodySchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const PhraseSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  audience: StringEnum<PhraseAudience>(PHRASE_AUDIENCES, { description: 'staff: said to a guest; guest: said by a guest to staff' }),
  placeholders: Type.Array(Type.String()),
  text: Type.Record(Type.String(), Type.String()),
});
export const PhrasebookSchema = Type.Object({
  languages: Type.Array(Type.String()),
  categories: Type.Array(Type.String()),
  phrases: Type.Array(PhraseSchema),
});
export type PhrasebookPhrase = Static<typeof PhraseSchema>;

export const ConversationSchema = Type.Object({
  id: Type.String(),
  visitId: Nullable<string>({ type: 'string' }),
  tableName: Nullable<string>({ type: 'string' }),
  guestLanguage: Type.String(),
  staffLanguage: Type.String(),
  startedBy: StringEnum<Speaker>(SPEAKERS),
  createdAt: IsoTimeSchema,
  closedAt: Nullable<string>({ type: 'string', format: 'date-time' }),
});
export type Conversation = Static<typeof ConversationSchema>;

export const ConversationLineSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  speaker: StringEnum<Speaker>(SPEAKERS),
  source: StringEnum<LineSource>(LINE_SOURCES),
  language: Type.String({ description: "the speaker's language" }),
  text: Type.String({ description: "the speaker's words" }),
  translatedLanguage: Type.String({ description: "the other side's language" }),
  translatedText: Nullable<string>({ type: 'string', description: 'null: no engine could translate this pair' }),
  translationEngine: Nullable<string>({ type: 'string' }),
  partial: Type.Boolean({ description: 'true: the engine translated only part of the line; untranslatedWords stand in translatedText as said' }),
  untranslatedWords: Type.Array(Type.String(), { description: 'the words the engine could not translate, once each, as they stand in translatedText' }),
  phraseId: Nullable<string>({ type: 'string' }),
  audioMs: Nullable<number>({ type: 'integer' }),
  createdAt: IsoTimeSchema,
});
export type ConversationLine = Static<typeof ConversationLineSchema>;

export const ConversationWithLinesSchema = Type.Object({
  conversation: ConversationSchema,
  lines: Type.Array(ConversationLineSchema),
});
export type ConversationWithLines = Static<typeof ConversationWithLinesSchema>;

/** Staff start one for a table's visit or for a walk-up guest (no visit); a guest starts one for their visit. */
export const StartConversationBodySchema = Type.Object(
  {
    guestLanguage: LanguageCodeSchema,
    staffLanguage: Type.Optional(LanguageCodeSchema),
    visitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type StartConversationBody = Static<typeof StartConversationBodySchema>;

/** A phrase tapped or a line typed. `speaker` is for the staff tablet at the front desk (guest speaks into it). */
export const AddLineBodySchema = Type.Object(
  {
    id: UuidV7Schema,
    speaker: Type.Optional(StringEnum<Speaker>(SPEAKERS)),
    phraseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_.-]+$' })),
    values: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,31}$' }),
      Type.String({ maxLength: TRANSLATOR_LIMITS.maxPlaceholderValueLength }))),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: TRANSLATOR_LIMITS.maxTextLength })),
  },
  { additionalProperties: false },
);
export type AddLineBody = Static<typeof AddLineBodySchema>;

/** Query of the speech line route; the audio is the body. */
export const SpeechLineQuerySchema = Type.Object(
  {
    lineId: UuidV7Schema,
    speaker: Type.Optional(StringEnum<Speaker>(SPEAKERS)),
    language: Type.Optional(LanguageOrAutoSchema),
  },
  { additionalProperties: false },
);
export type SpeechLineQuery = Static<typeof SpeechLineQuerySchema>;

/** Realtime (socket.io `event` on /staff and the visit's /guest room): a line was added. */
export const ConversationLineEventSchema = Type.Object({
  conversation: ConversationSchema,
  line: ConversationLineSchema,
});
export type ConversationLineEvent = Static<typeof ConversationLineEventSchema>;

/** Realtime, not stored (socket.io `translator.progress`): a speech line being recognised. */
export const TranslatorProgressEventSchema = Type.Object({
  conversationId: Type.String(),
  lineId: Type.String(),
  speaker: StringEnum<Speaker>(SPEAKERS),
  state: StringEnum<JobState>(JOB_STATES),
  position: Type.Integer(),
  progress: Type.Number(),
});
export type TranslatorProgressEvent = Static<typeof TranslatorProgressEventSchema>;
