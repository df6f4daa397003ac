// @onemoment/printers: documents, ESC/POS and SVG rendering, decoding, status, transport, discovery.
export {
  PAPER,
  PRINT_LABELS,
  DocumentError,
  buildKitchenTicket,
  buildReceipt,
  formatDateTime,
  formatMoney,
  formatMoneyForPrint,
  formatTime,
  paperProfile,
  type KitchenTicket,
  type KitchenTicketInput,
  type KitchenTicketItem,
  type PaperProfile,
  type PaperWidth,
  type PrintDocument,
  type PrintLabels,
  type PrintLanguage,
  type Receipt,
  type ReceiptInput,
  type ReceiptItem,
  type ReceiptTax,
} from './documents.ts';
export { DEFAULT_CODEPAGES, isPrintableText, normalizeForPrint, planCodepages, textColumns, type CodepageFragment } from './charset.ts';
export { layoutDocument, type Align, type Layout, type LayoutOptions, type PrintBlock } from './layout.ts';
export { RenderError, renderEscPos, renderLayoutEscPos, type EscPosOptions } from './render-escpos.ts';
export { escapeXml, renderLayoutPreviewSvg, renderPreviewSvg, type PreviewOptions } from './render-preview.ts';
export {
  decodeEscPos,
  type DecodedEvent,
  type DecodedImage,
  type DecodedLine,
  type DecodedPrint,
  type StyleChange,
} from './escpos-decoder.ts';
export {
  STATUS_REQUESTS,
  StatusByteError,
  isStatusByte,
  parsePrinterStatus,
  statusBytesFor,
  statusRequest,
  type PrinterState,
  type PrinterStatus,
  type StatusRequest,
} from './printer-status.ts';
export {
  DEFAULT_PRINTER_PORT,
  DEFAULT_TIMEOUTS,
  PrinterError,
  printBytes,
  readPrinterStatus,
  tcpTransport,
  type ConnectOptions,
  type Delivery,
  type PrintOptions,
  type PrintResult,
  type PrinterErrorCode,
  type PrinterTransport,
} from './tcp-transport.ts';
export { FakePrinter, type FakeConnection, type FakeJob, type FakePrinterState } from './fake-printer.ts';
export {
  HUB_SERVICE_TYPE,
  PRINTER_SERVICE_TYPES,
  DiscoveryError,
  advertiseHub,
  browseHubs,
  browsePrinters,
  type AdvertiseOptions,
  type BrowseOptions,
  type DiscoveredPrinter,
  type DiscoveredService,
  type HubAdvertisement,
  type PrinterServiceType,
} from './discovery.ts';
export { sampleKitchenTicket, sampleReceipt } from './samples.ts';
