import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '@onemoment/shared/schemas/common';
import { ModelDownloadListSchema, ModelDownloadSchema, ModelNameParamsSchema } from '@onemoment/shared/schemas/translator';
import type { HubContext } from '../../context.ts';
import { HubError } from '../../errors.ts';
import { requireStaff } from '../../http/guards.ts';
import type { ModelDownloads } from './model-downloads.ts';

const tags = ['translator'];
const noDownload = (name: string) => new HubError(404, 'no_download', `No download of the speech model "${name}" is running or was started since the hub began.`);

/** Managers fetch Whisper models into the hub from the Translator page: start, watch, cancel. */
export function modelDownloadRoutes(context: HubContext, downloads: ModelDownloads): FastifyPluginAsyncTypebox {
  const manager = requireStaff(context.sessions, 'manager');
  const params = ModelNameParamsSchema;

  return async (app) => {
    app.get(
      '/api/translator/model-downloads',
      { preHandler: manager, schema: { tags, summary: 'Model downloads started since the hub began: running, done, failed or cancelled', response: { 200: ModelDownloadListSchema, ...errorResponses } } },
      async () => ({ downloads: downloads.list() }),
    );

    app.post(
      '/api/translator/models/:name/download',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Start downloading a catalogue Whisper model into the hub (in the background)',
          description: '202 with the new download; 200 with the running one when this model is already downloading. Watch it at GET of the same path.',
          params,
          response: { 200: ModelDownloadSchema, 202: ModelDownloadSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { started, download } = await downloads.start(request.params.name);
        return reply.code(started ? 202 : 200).send(download);
      },
    );

    app.get(
      '/api/translator/models/:name/download',
      { preHandler: manager, schema: { tags, summary: "A model download's state and progress (bytes received of total)", params, response: { 200: ModelDownloadSchema, ...errorResponses } } },
      async (request) => {
        const download = downloads.get(request.params.name);
        if (!download) throw noDownload(request.params.name);
        return download;
      },
    );

    app.delete(
      '/api/translator/models/:name/download',
      { preHandler: manager, schema: { tags, summary: 'Cancel a running model download; what it had fetched is deleted', params, response: { 200: ModelDownloadSchema, ...errorResponses } } },
      async (request) => {
        const download = await downloads.cancel(request.params.name);
        if (!download) throw new HubError(404, 'no_download', `No download of the speech model "${request.params.name}" is running.`);
        return download;
      },
    );
  };
}
