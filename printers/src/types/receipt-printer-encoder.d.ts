// The encoder ships plain JavaScript without type declarations. This covers the part of its v3 API
// that printers/ uses (read from node_modules/@point-of-sale/receipt-printer-encoder/dist); widen it
// here when a new method is needed rather than casting at the call site.
declare module '@point-of-sale/receipt-printer-encoder' {
  export interface ReceiptPrinterEncoderOptions {
    language?: 'esc-pos' | 'star-prnt' | 'star-line';
    columns?: 32 | 35 | 42 | 44 | 48;
    codepageMapping?: string | Record<string, number>;
    codepageCandidates?: string[];
    imageMode?: 'column' | 'raster';
    feedBeforeCut?: number;
    newline?: '\n\r' | '\n';
    printerModel?: string;
    errors?: 'relaxed' | 'strict';
  }

  /** A plain RGBA bitmap; the encoder recognises `{ data, width, height }` objects. */
  export interface RgbaImage {
    data: Uint8ClampedArray;
    width: number;
    height: number;
  }

  export interface QrCodeOptions {
    model?: 1 | 2;
    size?: number;
    errorlevel?: 'l' | 'm' | 'q' | 'h';
  }

  export default class ReceiptPrinterEncoder {
    constructor(options?: ReceiptPrinterEncoderOptions);
    initialize(): this;
    codepage(codepage: string): this;
    text(value: string): this;
    newline(count?: number): this;
    line(value: string): this;
    bold(value?: boolean): this;
    underline(value?: boolean): this;
    invert(value?: boolean): this;
    size(width: number, height?: number): this;
    align(value: 'left' | 'center' | 'right'): this;
    qrcode(value: string, options?: QrCodeOptions): this;
    image(
      input: RgbaImage,
      width: number,
      height: number,
      algorithm?: 'threshold' | 'bayer' | 'floydsteinberg' | 'atkinson',
      threshold?: number,
    ): this;
    cut(value?: 'full' | 'partial'): this;
    pulse(device?: number, on?: number, off?: number): this;
    raw(data: number[]): this;
    encode(): Uint8Array;
    readonly columns: number;
  }
}
