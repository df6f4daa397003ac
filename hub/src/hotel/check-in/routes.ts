import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema, errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import { GuestStaySchema, RegistrationBodySchema } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import { requireStaff } from '../../http/guards.ts';
import { unauthorized } from '../../errors.ts';
import { bearerToken } from '../../sessions/tokens.ts';
import type { CheckInGuest, CheckInService } from './check-in-service.ts';
import { CheckInCodeParamsSchema, JoinCheckInResponseSchema, PrintQueuedSchema, RegistrationViewSchema } from '@onemoment/shared/schemas/hotel';
import { checkIdPhotoContentType, ID_PHOTO_TYPES } from './id-images.ts';
import type { RegistrationCardPrinting } from './registration-card-print.ts';
import { registrationCardPdf } from './registration-card-pdf.ts';

declare module 'fastify' {
  interface FastifyRequest {
    checkInGuest?: CheckInGuest;
  }
}

const tags = ['check-in'];
/** The form is small; its signature (a PNG data URL, at most 400,000 characters) is what needs room. */
const REGISTRATION_BODY_BYTES = 512 * 1024;
const JpegSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A JPEG image (image/jpeg)' });
const PngSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A PNG image (image/png)' });
const PdfSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A PDF document (application/pdf)' });
const guestErrors = { ...errorResponses, 410: ErrorSchema };

export interface CheckInRouteParts {
  service: CheckInService;
  cards: RegistrationCardPrinting;
}

/**
 * The guest's check-in page API (a check-in token from the booking's link reaches that stay only) and
 * the front desk's reads of what the guest sent. Images and the PDF go out with no-store: a shared
 * tablet's browser cache must not keep a guest's passport.
 */
export function checkInRoutes(context: HubContext, { service, cards }: CheckInRouteParts): FastifyPluginAsyncTypebox {
  const desk = requireStaff(context.sessions, 'front_desk', 'manager');
  const guest = async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized('Open the check-in link from your booking to continue.');
    request.checkInGuest = service.authenticate(token);
  };
  const guestOf = (request: FastifyRequest): CheckInGuest => {
    if (!request.checkInGuest) throw unauthorized('Open the check-in link from your booking to continue.');
    return request.checkInGuest;
  };

  return async (app) => {
    // The ID photo arrives as raw bytes; this plugin's parser hands them over (the bytes are checked).
    const unparsed = ID_PHOTO_TYPES.filter((type) => !app.hasContentTypeParser(type));
    if (unparsed.length > 0) app.addContentTypeParser(unparsed, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    // ---- guests ----

    app.post(
      '/api/guest/check-in/:code/join',
      {
        schema: {
          tags,
          summary: "Open a stay's check-in page from its link: returns a token that reaches this stay only",
          security: [],
          params: CheckInCodeParamsSchema,
          response: { 201: JoinCheckInResponseSchema, ...guestErrors, 429: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await service.join(request.params.code, request.ip)),
    );

    app.get(
      '/api/guest/stay',
      { preHandler: guest, schema: { tags, summary: 'The stay of a check-in token', response: { 200: GuestStaySchema, ...guestErrors } } },
      async (request) => service.guestStay(guestOf(request)),
    );

    app.put(
      '/api/guest/stay/registration',
      {
        preHandler: guest,
        bodyLimit: REGISTRATION_BODY_BYTES,
        schema: {
          tags,
          summary: 'Send (or replace) the registration form with the drawn signature; the dates must be the booking’s',
          body: RegistrationBodySchema,
          response: { 200: GuestStaySchema, ...guestErrors, 413: ErrorSchema },
        },
      },
      async (request) => service.saveRegistration(guestOf(request), request.body),
    );

    app.put(
      '/api/guest/stay/id-photo',
      {
        // Who is asking and what they send are checked before megabytes are read.
        onRequest: [guest, async (request) => checkIdPhotoContentType(request.headers['content-type'])],
        bodyLimit: context.config.hotel.idPhotoMaxBytes,
        schema: {
          tags,
          summary: 'Send (or replace) the photo of the ID: the body is the image; the hub keeps a JPEG at most 1600 px wide, without its metadata',
          description: `Send the image as the body with its content type (${ID_PHOTO_TYPES.join(', ')}), at most ${Math.floor(context.config.hotel.idPhotoMaxBytes / 1024)} KB.`,
          response: { 200: GuestStaySchema, ...guestErrors, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (request) => service.saveIdPhoto(guestOf(request), Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)),
    );

    // ---- the front desk ----

    app.get(
      '/api/hotel/bookings/:id/registration',
      {
        preHandler: desk,
        schema: { tags, summary: "What the guest sent from their phone, and whether their ID photo and signature are on file", params: IdParamsSchema, response: { 200: RegistrationViewSchema, ...errorResponses } },
      },
      async (request) => service.registrationView(request.params.id),
    );

    app.get(
      '/api/hotel/bookings/:id/id-photo',
      {
        preHandler: desk,
        schema: { tags, summary: "The guest's ID photo (JPEG; gone once the retention setting deletes it)", params: IdParamsSchema, response: { 200: JpegSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const photo = service.document(request.params.id, 'id_photo');
        return reply.type(photo.mime).header('cache-control', 'no-store').send(photo.bytes);
      },
    );

    app.get(
      '/api/hotel/bookings/:id/signature',
      {
        preHandler: desk,
        schema: { tags, summary: "The guest's drawn signature (PNG)", params: IdParamsSchema, response: { 200: PngSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const signature = service.document(request.params.id, 'signature');
        return reply.type(signature.mime).header('cache-control', 'no-store').send(signature.bytes);
      },
    );

    app.get(
      '/api/hotel/bookings/:id/registration-card.pdf',
      {
        preHandler: desk,
        schema: { tags, summary: 'The registration card as a PDF (A4) with the signature', params: IdParamsSchema, response: { 200: PdfSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const pdf = await registrationCardPdf(service.card(request.params.id));
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header('content-disposition', `inline; filename="registration-${request.params.id}.pdf"`)
          .send(Buffer.from(pdf));
      },
    );

    app.post(
      '/api/hotel/bookings/:id/registration-card/print',
      {
        preHandler: desk,
        schema: {
          tags,
          summary: 'Print the registration card on the receipt printer (409 when no printer prints receipts)',
          params: IdParamsSchema,
          response: { 202: PrintQueuedSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(202).send({ jobId: await cards.print(request.params.id) }),
    );
  };
}
