import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParamsSchema } from '@onemoment/shared/schemas/common';
import { OrderIdParamsSchema } from '@onemoment/shared/schemas/orders';
import {
  CreatePrinterBodySchema,
  DiscoverQuerySchema,
  DiscoverResponseSchema,
  PreviewQuerySchema,
  PrinterSchema,
  PrintersQuerySchema,
  PrintersResponseSchema,
  PrintJobSchema,
  PrintJobsQuerySchema,
  PrintJobsResponseSchema,
  ReprintBodySchema,
  RetryResponseSchema,
  StationModeBodySchema,
  StationPrintingSchema,
  UpdatePrinterBodySchema,
} from '@onemoment/shared/schemas/printing';
import type { HubContext } from '../context.ts';
import { requireStaff } from '../http/guards.ts';
import { discoverPrinters } from './printer-discovery.ts';
import type { Printing } from './printing.ts';

const tags = ['printing'];
const SvgSchema = Type.String({ description: 'An SVG image (image/svg+xml), one unit per printer dot' });
const NoContentSchema = Type.Null({ description: 'Removed' });

/** Printers, station print modes, the print queue, previews, discovery, and receipts on demand. */
export function printingRoutes(context: HubContext, printing: Printing): FastifyPluginAsyncTypebox {
  const { service, settings, monitor, registry } = printing;
  const manager = requireStaff(context.sessions, 'manager');
  // The kitchen and the floor read printer status (the KDS banner) and reprint what may be missing.
  const staff = requireStaff(context.sessions, 'manager', 'kitchen', 'waiter');
  const floor = requireStaff(context.sessions, 'manager', 'waiter');

  return async (app) => {
    app.get(
      '/api/printers',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'Every printer with its live status and queue, and each station’s print mode',
          querystring: PrintersQuerySchema,
          response: { 200: PrintersResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        if (request.query.refresh) await monitor.pollAll();
        return settings.printers();
      },
    );

    app.get(
      '/api/printers/discover',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Printers announcing themselves on the LAN (mDNS); an empty list with a note when searching is not possible',
          querystring: DiscoverQuerySchema,
          response: { 200: DiscoverResponseSchema, ...errorResponses },
        },
      },
      async (request) => discoverPrinters(context, registry.printers(), request.query.timeoutMs ?? 2000),
    );

    app.post(
      '/api/printers',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Add a network printer by its address; its stations’ tickets print there from now on',
          body: CreatePrinterBodySchema,
          response: { 201: PrinterSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await settings.createPrinter(request.body)),
    );

    app.patch(
      '/api/printers/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Change a printer’s name, address, stations, receipts, paper or backup stations, or switch it off',
          params: IdParamsSchema,
          body: UpdatePrinterBodySchema,
          response: { 200: PrinterSchema, ...errorResponses },
        },
      },
      async (request) => settings.updatePrinter(request.params.id, request.body),
    );

    app.delete(
      '/api/printers/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Remove a printer; refused (409 printer_has_jobs) while waiting jobs would be left without a printer',
          params: IdParamsSchema,
          response: { 204: NoContentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await settings.deletePrinter(request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/printers/:id/test',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Queue a test page on this printer (even when it is switched off for stations)',
          params: IdParamsSchema,
          response: { 202: PrintJobSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(202).send(await service.testPrint(request.params.id)),
    );

    app.get(
      '/api/printers/:id/preview.svg',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'What a sample ticket or receipt, or a queued job, looks like on this printer’s paper',
          params: IdParamsSchema,
          querystring: PreviewQuerySchema,
          response: { 200: SvgSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const svg = await service.preview(request.params.id, request.query);
        return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(svg);
      },
    );

    app.put(
      '/api/stations/:id/printing',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'How a station gets its tickets: kds (display only), printer (paper only) or both',
          params: IdParamsSchema,
          body: StationModeBodySchema,
          response: { 200: StationPrintingSchema, ...errorResponses },
        },
      },
      async (request) => settings.setStationMode(request.params.id, request.body.mode),
    );

    app.get(
      '/api/print-jobs',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'The print queue, newest first: status, attempts, the last problem and the age of each job',
          querystring: PrintJobsQuerySchema,
          response: { 200: PrintJobsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ jobs: service.jobs(request.query) }),
    );

    app.post(
      '/api/print-jobs/retry',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'Try every waiting job now instead of after its back-off (after fixing a printer)',
          response: { 200: RetryResponseSchema, ...errorResponses },
        },
      },
      async () => service.retryNow(),
    );

    app.post(
      '/api/print-jobs/:id/reprint',
      {
        preHandler: staff,
        schema: {
          tags,
          summary: 'Print a copy of a printed or failed job (tickets say REPRINT), at its station or on a chosen printer',
          params: IdParamsSchema,
          body: ReprintBodySchema,
          response: { 201: PrintJobSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await service.reprint(request.params.id, request.body)),
    );

    app.post(
      '/api/orders/:id/receipt',
      {
        preHandler: floor,
        schema: {
          tags,
          summary: 'Print the receipt of one order on the receipt printer',
          params: OrderIdParamsSchema,
          response: { 201: PrintJobSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await service.receiptForOrder(request.params.id)),
    );
  };
}
