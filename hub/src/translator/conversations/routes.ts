import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema, errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import {
  AddLineBodySchema,
  AUDIO_CONTENT_TYPES,
  ConversationLineSchema,
  ConversationSchema,
  ConversationWithLinesSchema,
  PhrasebookSchema,
  SpeechLineQuerySchema,
  StartConversationBodySchema,
} from '@onemoment/shared/schemas/translator';
import type { HubContext } from '../../context.ts';
import { HubError } from '../../errors.ts';
import { requireStaff, requireStaffOrGuest } from '../../http/guards.ts';
import { ConversationService, type ConversationDeps } from './conversation-service.ts';
import { phrasebookView } from './phrase-lines.ts';
import { askerOf } from './who-is-asking.ts';

const tags = ['translator'];
const BASE = '/api/translator';

/** Content types read as raw audio (the same list the decoder takes). */
const AUDIO_TYPES: readonly string[] = AUDIO_CONTENT_TYPES;

const ConversationListSchema = Type.Object({ conversations: Type.Array(ConversationSchema) });

/**
 * Guest–staff conversations across languages: the phrasebook, conversations, typed and tapped lines,
 * and spoken lines recognised on the hub. Paths are complete (`/api/translator/...`): register the
 * plugin without a prefix.
 */
export function conversationRoutes(context: HubContext, deps: ConversationDeps): FastifyPluginAsyncTypebox {
  const conversations = new ConversationService(context, deps);
  const staffOrGuest = requireStaffOrGuest(context.sessions);
  const anyStaff = requireStaff(context.sessions);
  const audioBytes = context.config.translator.maxAudioBytes;

  return async (app) => {
    // Fastify keeps parsers per plugin: this one reads audio for the speech route here.
    const unparsed = AUDIO_TYPES.filter((type) => !app.hasContentTypeParser(type));
    if (unparsed.length > 0) {
      app.addContentTypeParser(unparsed, { parseAs: 'buffer', bodyLimit: audioBytes }, (_request, body, done) => done(null, body));
    }

    app.get(
      `${BASE}/phrases`,
      {
        preHandler: staffOrGuest,
        schema: { tags, summary: 'The phrasebook: every phrase in every language, with its placeholders', response: { 200: PhrasebookSchema, ...errorResponses } },
      },
      async () => phrasebookView(),
    );

    app.post(
      `${BASE}/conversations`,
      {
        preHandler: staffOrGuest,
        schema: {
          tags,
          summary: "Start a conversation: a guest gets their visit's open one (200), made if none (201); staff name a visit or none (front desk)",
          body: StartConversationBodySchema,
          response: { 200: ConversationWithLinesSchema, 201: ConversationWithLinesSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { result, created } = await conversations.start(askerOf(request), request.body);
        return reply.status(created ? 201 : 200).send(result);
      },
    );

    app.get(
      `${BASE}/conversations`,
      {
        preHandler: staffOrGuest,
        schema: {
          tags,
          summary: "Staff: the open conversations, newest first. A guest: their visit's",
          response: { 200: ConversationListSchema, ...errorResponses },
        },
      },
      async (request) => ({ conversations: conversations.list(askerOf(request)) }),
    );

    app.get(
      `${BASE}/conversations/:id`,
      {
        preHandler: staffOrGuest,
        schema: {
          tags,
          summary: 'A conversation with its lines, oldest first',
          params: IdParamsSchema,
          response: { 200: ConversationWithLinesSchema, ...errorResponses },
        },
      },
      async (request) => conversations.read(askerOf(request), request.params.id),
    );

    app.post(
      `${BASE}/conversations/:id/close`,
      {
        preHandler: anyStaff,
        schema: {
          tags,
          summary: 'Close a conversation; it takes no more lines',
          params: IdParamsSchema,
          response: { 200: ConversationSchema, ...errorResponses },
        },
      },
      async (request) => conversations.close(request.params.id),
    );

    app.post(
      `${BASE}/conversations/:id/lines`,
      {
        preHandler: staffOrGuest,
        schema: {
          tags,
          summary: 'Add a tapped phrase or typed words, translated for the other side (the same id again returns the stored line with 200)',
          params: IdParamsSchema,
          body: AddLineBodySchema,
          response: { 200: ConversationLineSchema, 201: ConversationLineSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { line, created } = await conversations.addLine(askerOf(request), request.params.id, request.body);
        return reply.status(created ? 201 : 200).send(line);
      },
    );

    app.post(
      `${BASE}/conversations/:id/speech`,
      {
        // Who is asking and what they send are checked before a body of megabytes is read.
        onRequest: [staffOrGuest, audioOnly],
        bodyLimit: audioBytes,
        schema: {
          tags,
          summary: 'Add a spoken line: the body is the recording, recognised on the hub and translated for the other side',
          description: `Send the recording as the body with its content type: ${AUDIO_TYPES.join(', ')}. The same lineId again returns the stored line with 200.`,
          params: IdParamsSchema,
          querystring: SpeechLineQuerySchema,
          response: {
            200: ConversationLineSchema,
            201: ConversationLineSchema,
            ...errorResponses,
            413: ErrorSchema,
            415: ErrorSchema,
            422: ErrorSchema,
            503: ErrorSchema,
            504: ErrorSchema,
          },
        },
      },
      async (request, reply) => {
        // An empty upload has no body at all; the decoder says so in words.
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const upload = { body, contentType: request.headers['content-type'] };
        const { line, created } = await conversations.addSpeechLine(askerOf(request), request.params.id, request.query, upload);
        return reply.status(created ? 201 : 200).send(line);
      },
    );
  };
}

/** Refuses anything but a recording, with the list of what is taken. */
async function audioOnly(request: FastifyRequest): Promise<void> {
  const contentType = request.headers['content-type'];
  if (AUDIO_TYPES.includes(contentType?.split(';')[0]?.trim().toLowerCase() ?? '')) return;
  const sent = contentType?.trim() ? `"${contentType.trim().slice(0, 100)}"` : 'no content type';
  throw new HubError(415, 'unsupported_media_type', `Send the recording as audio, not ${sent}: one of ${AUDIO_TYPES.join(', ')}.`);
}
