import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses, ErrorSchema, UuidV7Schema } from '@onemoment/shared/schemas/common';
import {
  ActiveModelBodySchema,
  JobSchema,
  TranscriptionQuerySchema,
  TranscriptionSchema,
  TranslatorStatusSchema,
  type TranslatorStatus,
} from '@onemoment/shared/schemas/translator';
import { ACCEPTED_AUDIO_TYPES } from '@onemoment/speech/audio/decode-audio';
import type { CatalogModel } from '@onemoment/speech/models/catalog';
import { listInstalledModels } from '@onemoment/speech/models/model-files';
import { WHISPER_LANGUAGES, isWhisperLanguage } from '@onemoment/speech/whisper/languages';
import type { HubContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { requireStaff, requireStaffOrGuest } from '../http/guards.ts';
import { chooseActiveModel } from './models/active-model.ts';
import { PHRASEBOOK_LANGUAGES } from './phrasebook/phrasebook.ts';
import { MODEL_HELP, modelMissing, type SpeechService } from './speech/speech-service.ts';
import type { TextTranslation } from './text/index.ts';
import { askerOf, ownerOf } from './conversations/who-is-asking.ts';

const tags = ['translator'];
const JobParamsSchema = Type.Object({ id: UuidV7Schema }, { additionalProperties: false });

/** Who owns a job (the same names conversation lines use): only they may watch or cancel it. */
export function jobOwnerOf(request: FastifyRequest): string {
  return ownerOf(askerOf(request));
}

/** The audio body arrives as bytes; the decoder checks them and answers 415 for other types. */
export function acceptAudioBodies(app: Parameters<FastifyPluginAsyncTypebox>[0]): void {
  app.addContentTypeParser([...ACCEPTED_AUDIO_TYPES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

/**
 * Speech to text, the model choice and the translator's status. Conversations and model downloads have
 * their own routes; `catalog` is what a manager may download.
 */
export function translatorRoutes(
  context: HubContext,
  speech: SpeechService,
  text: TextTranslation,
  catalog: readonly CatalogModel[],
): FastifyPluginAsyncTypebox {
  const anyone = requireStaffOrGuest(context.sessions);
  const manager = requireStaff(context.sessions, 'manager');

  async function status(): Promise<TranslatorStatus> {
    const [installed, active] = await Promise.all([listInstalledModels(speech.modelsDir), speech.activeModel()]);
    const message = active
      ? `Ready: speech model ${active.name} (${active.architecture}).`
      : installed.some((model) => model.valid)
        ? 'Several speech models are installed: choose the one to use.'
        : `No speech model is installed, so the translator cannot listen yet; phrases and typed text still work. ${MODEL_HELP}`;
    return {
      ready: active !== null,
      message,
      activeModel: active?.name ?? null,
      installedModels: installed.map(({ name, sizeBytes, architecture, multilingual, valid, problem }) => ({
        name, sizeBytes, architecture, multilingual, valid, ...(problem ? { problem } : {}),
      })),
      downloadable: catalog.map((model) => ({ name: model.name, sizeBytes: model.sizeBytes })),
      speechLanguages: active && !active.multilingual ? ['en'] : [...WHISPER_LANGUAGES],
      phrasebookLanguages: [...PHRASEBOOK_LANGUAGES],
      textPairs: text.pairs(),
      queue: speech.queue.stats(),
    };
  }

  return async (app) => {
    acceptAudioBodies(app);

    app.get(
      '/api/translator/status',
      { preHandler: anyone, schema: { tags, summary: 'Whether the translator can listen, its models, languages and queue', response: { 200: TranslatorStatusSchema, ...errorResponses } } },
      async () => status(),
    );

    app.put(
      '/api/translator/active-model',
      {
        preHandler: manager,
        schema: { tags, summary: 'Choose the installed Whisper model the translator uses', body: ActiveModelBodySchema, response: { 200: TranslatorStatusSchema, ...errorResponses } },
      },
      async (request) => {
        await chooseActiveModel(context.store.sqlite, speech.modelsDir, request.body.name, context.clock.now());
        return status();
      },
    );

    app.post(
      '/api/translator/transcriptions',
      {
        // Who is asking is checked before a body of megabytes is read.
        onRequest: anyone,
        bodyLimit: context.config.translator.maxAudioBytes,
        schema: {
          tags,
          summary: 'Recognise speech: text in the spoken language (transcribe) or in English (translate)',
          // The body is bytes: its content type is checked by the parser and its content by the decoder.
          description: `The recording is the body (Content-Type ${ACCEPTED_AUDIO_TYPES.join(', ')}): WAV at any rate and channel count, or WebM/Ogg with Opus. Pass jobId (a UUIDv7) to watch progress at /api/translator/jobs/{jobId} or cancel it there.`,
          querystring: TranscriptionQuerySchema,
          response: { 200: TranscriptionSchema, ...errorResponses, 413: ErrorSchema, 415: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema, 504: ErrorSchema },
        },
      },
      async (request) => {
        const body = request.body as Buffer;
        const language = request.query.language ?? 'auto';
        if (language !== 'auto' && !isWhisperLanguage(language)) {
          throw badRequest('unsupported_language', `Whisper does not know the language "${language}": send auto or one of ${WHISPER_LANGUAGES.join(', ')}.`);
        }
        // Without a model there is nothing to do: say so before reading the audio.
        if (!(await speech.activeModel())) throw modelMissing();
        const audio = await speech.decode(body, request.headers['content-type']);
        return speech.recognize({
          audio,
          task: request.query.task ?? 'transcribe',
          language,
          owner: jobOwnerOf(request),
          ...(request.query.jobId ? { jobId: request.query.jobId } : {}),
        });
      },
    );

    app.get(
      '/api/translator/jobs/:id',
      { preHandler: anyone, schema: { tags, summary: 'A recognition job of yours: queued (with position), running (with progress) or finished', params: JobParamsSchema, response: { 200: JobSchema, ...errorResponses } } },
      async (request) => {
        const job = speech.queue.get(request.params.id, jobOwnerOf(request));
        if (!job) throw notFound('A recognition job of yours with this id');
        return job;
      },
    );

    app.delete(
      '/api/translator/jobs/:id',
      { preHandler: anyone, schema: { tags, summary: 'Cancel a recognition job of yours', params: JobParamsSchema, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        if (!speech.queue.cancel(request.params.id, jobOwnerOf(request))) throw notFound('A queued or running job of yours with this id');
        return reply.code(204).send(null);
      },
    );
  };
}
