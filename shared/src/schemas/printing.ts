import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema, NullableInteger, NullableString, StringEnum } from './common.ts';

/**
 * Printers, the stations they print for, and the print queue. A station's tickets go to its printer(s)
 * when its mode is `printer` or `both`; receipts go to the printers marked `receipts`.
 */

export const PRINTER_STATUSES = ['online', 'offline', 'paper_out', 'cover_open', 'error', 'unknown'] as const;
export type PrinterStatusName = (typeof PRINTER_STATUSES)[number];

export const STATION_PRINT_MODES = ['kds', 'printer', 'both'] as const;
export type StationPrintMode = (typeof STATION_PRINT_MODES)[number];

export const PRINT_JOB_STATUSES = ['queued', 'printing', 'printed', 'failed'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

export const PRINT_JOB_KINDS = ['ticket', 'receipt', 'test'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];

/** station: a station id; receipts: the receipt printers; printer: one printer by id (test pages, reprints). */
export const PRINT_TARGET_KINDS = ['station', 'receipts', 'printer'] as const;
export type PrintTargetKind = (typeof PRINT_TARGET_KINDS)[number];

export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidthMm = (typeof PAPER_WIDTHS)[number];

export const PRINTING_LIMITS = { maxNameLength: 60, maxHostLength: 253, maxStations: 20, maxJobsListed: 500 } as const;

export const PrinterStatusNameSchema = StringEnum<PrinterStatusName>(PRINTER_STATUSES, {
  description: 'unknown until the hub has asked the printer (a few seconds after start)',
});
export const StationPrintModeSchema = StringEnum<StationPrintMode>(STATION_PRINT_MODES, {
  description: 'kds: tickets only on the kitchen display; printer: only on paper; both: display and paper',
});
export const PrintJobStatusSchema = StringEnum<PrintJobStatus>(PRINT_JOB_STATUSES);
export const PrintJobKindSchema = StringEnum<PrintJobKind>(PRINT_JOB_KINDS);
export const PrintTargetKindSchema = StringEnum<PrintTargetKind>(PRINT_TARGET_KINDS);
const PaperWidthSchema = Type.Unsafe<PaperWidthMm>({ type: 'integer', enum: [...PAPER_WIDTHS], description: 'Paper roll width in mm' });

const StationIdsSchema = Type.Array(IdSchema, { maxItems: PRINTING_LIMITS.maxStations, uniqueItems: true });

// ---- printers ----

const printerFields = {
  name: Type.String({ minLength: 1, maxLength: PRINTING_LIMITS.maxNameLength, description: 'What staff call it, e.g. "Grill printer"' }),
  host: Type.String({
    minLength: 1,
    maxLength: PRINTING_LIMITS.maxHostLength,
    description: 'IP address or host name only (192.168.1.50, printer.local): no port, no http://',
  }),
  port: Type.Integer({ minimum: 1, maximum: 65535, description: 'Raw TCP port, 9100 for almost every receipt printer' }),
  stations: { ...StationIdsSchema, description: 'Stations whose tickets this printer prints' },
  receipts: Type.Boolean({ description: 'Prints guest receipts (the bill)' }),
  paperWidth: PaperWidthSchema,
  backupFor: { ...StationIdsSchema, description: 'Stations whose tickets it takes over while their own printer is down' },
  enabled: Type.Boolean({ description: 'false: takes no station tickets or receipts (test pages still print)' }),
};

export const CreatePrinterBodySchema = Type.Object(
  {
    name: printerFields.name,
    host: printerFields.host,
    port: Type.Optional({ ...printerFields.port, default: 9100 }),
    stations: printerFields.stations,
    receipts: printerFields.receipts,
    paperWidth: Type.Optional(printerFields.paperWidth),
    backupFor: Type.Optional(printerFields.backupFor),
    enabled: Type.Optional(printerFields.enabled),
  },
  { additionalProperties: false },
);
export type CreatePrinterBody = Static<typeof CreatePrinterBodySchema>;

export const UpdatePrinterBodySchema = Type.Object(
  {
    name: Type.Optional(printerFields.name),
    host: Type.Optional(printerFields.host),
    port: Type.Optional(printerFields.port),
    stations: Type.Optional(printerFields.stations),
    receipts: Type.Optional(printerFields.receipts),
    paperWidth: Type.Optional(printerFields.paperWidth),
    backupFor: Type.Optional(printerFields.backupFor),
    enabled: Type.Optional(printerFields.enabled),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePrinterBody = Static<typeof UpdatePrinterBodySchema>;

export const PrinterQueueCountsSchema = Type.Object({
  queued: Type.Integer({ minimum: 0, description: 'Jobs waiting that this printer would print' }),
  printing: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0, description: 'Jobs that failed at this printer in the last 24 hours' }),
});

export const PrinterSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  paperWidth: PaperWidthSchema,
  stations: Type.Array(Type.String()),
  receipts: Type.Boolean(),
  backupFor: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  status: PrinterStatusNameSchema,
  statusMessage: Type.String({ description: 'One sentence for staff: what is wrong and what to do' }),
  checkedAt: NullableString({ format: 'date-time', description: 'When the hub last heard from the printer' }),
  queue: PrinterQueueCountsSchema,
});
export type Printer = Static<typeof PrinterSchema>;

export const StationPrintingSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mode: StationPrintModeSchema,
  printerIds: Type.Array(Type.String(), { description: 'Printers that print this station first, in order' }),
  backupPrinterIds: Type.Array(Type.String()),
  prints: Type.Boolean({ description: 'Its tickets are printed: the mode is printer or both, and a printer is assigned' }),
});
export type StationPrinting = Static<typeof StationPrintingSchema>;

export const PrintersResponseSchema = Type.Object({
  printers: Type.Array(PrinterSchema),
  stations: Type.Array(StationPrintingSchema),
});
export type PrintersResponse = Static<typeof PrintersResponseSchema>;

export const PrintersQuerySchema = Type.Object(
  { refresh: Type.Optional(Type.Boolean({ description: 'Ask every printer for its status before answering (up to 2 s)' })) },
  { additionalProperties: false },
);

export const StationModeBodySchema = Type.Object({ mode: StationPrintModeSchema }, { additionalProperties: false });
export type StationModeBody = Static<typeof StationModeBodySchema>;

// ---- previews and discovery ----

export const PreviewQuerySchema = Type.Object(
  {
    kind: Type.Optional(StringEnum<'ticket' | 'receipt'>(['ticket', 'receipt'], { description: 'A sample document (default ticket)' })),
    jobId: Type.Optional({ ...IdSchema, description: 'Preview this job’s document on this printer’s paper instead of a sample' }),
  },
  { additionalProperties: false },
);
export type PreviewQuery = Static<typeof PreviewQuerySchema>;

export const DiscoverQuerySchema = Type.Object(
  { timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 5000, description: 'How long to listen (default 2000)' })) },
  { additionalProperties: false },
);

export const DiscoveredPrinterSchema = Type.Object({
  name: Type.String(),
  host: Type.String(),
  addresses: Type.Array(Type.String()),
  port: Type.Integer(),
  type: StringEnum<'pdl-datastream' | 'printer'>(['pdl-datastream', 'printer'], {
    description: 'pdl-datastream: raw port 9100 announced; printer: LPD announced (print to 9100 anyway)',
  }),
  suggestedPort: Type.Integer({ description: 'The raw TCP port to print to' }),
  known: Type.Boolean({ description: 'A printer with this address is already set up' }),
});

export const DiscoverResponseSchema = Type.Object({
  printers: Type.Array(DiscoveredPrinterSchema),
  note: NullableString({ description: 'Why nothing could be searched, when mDNS is off or failed' }),
});
export type DiscoverResponse = Static<typeof DiscoverResponseSchema>;

// ---- the queue ----

export const PrintJobSchema = Type.Object({
  id: Type.String(),
  kind: PrintJobKindSchema,
  targetKind: PrintTargetKindSchema,
  target: Type.String({ description: 'A station id, "receipts", or a printer id' }),
  targetName: Type.String({ description: 'The station’s or printer’s name, or "Receipts"' }),
  orderId: NullableString(),
  orderNumber: NullableInteger(),
  status: PrintJobStatusSchema,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: NullableString({ description: 'The last problem, in words for staff' }),
  printerId: NullableString({ description: 'The printer of the last attempt' }),
  copyOf: NullableString({ description: 'The job this one reprints' }),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  nextAttemptAt: NullableString({ format: 'date-time' }),
  printedAt: NullableString({ format: 'date-time' }),
  ageSeconds: Type.Integer({ minimum: 0 }),
});
export type PrintJob = Static<typeof PrintJobSchema>;

export const PrintJobsQuerySchema = Type.Object(
  {
    status: Type.Optional(PrintJobStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRINTING_LIMITS.maxJobsListed, description: 'Default 100' })),
  },
  { additionalProperties: false },
);
export type PrintJobsQuery = Static<typeof PrintJobsQuerySchema>;

export const PrintJobsResponseSchema = Type.Object({ jobs: Type.Array(PrintJobSchema) });

export const ReprintBodySchema = Type.Object(
  { printerId: Type.Optional({ ...IdSchema, description: 'Print the copy on this printer instead of the original target' }) },
  { additionalProperties: false },
);
export type ReprintBody = Static<typeof ReprintBodySchema>;

export const RetryResponseSchema = Type.Object({ waiting: Type.Integer({ minimum: 0, description: 'Jobs waiting to print' }) });

/** Payload of the `printer.status` event (staff, expo and the printer’s stations’ KDS rooms). */
export const PrinterStatusEventSchema = Type.Object({
  printerId: Type.String(),
  name: Type.String(),
  stations: Type.Array(Type.String(), { description: 'Stations it prints for, first or as a backup' }),
  receipts: Type.Boolean(),
  status: PrinterStatusNameSchema,
  message: Type.String(),
  checkedAt: IsoTimeSchema,
});
export type PrinterStatusEvent = Static<typeof PrinterStatusEventSchema>;
