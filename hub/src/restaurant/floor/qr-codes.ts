import QRCode from 'qrcode';

/**
 * Table QR codes. Error correction M survives a smudged or creased table card; the quiet zone of 2
 * modules is enough on a white card and keeps the code large in small prints.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A scalable SVG; `sizePx` sets its width and height attributes (the sheet sizes it with CSS instead). */
export function qrSvg(link: string, sizePx?: number): Promise<string> {
  return QRCode.toString(link, { ...OPTIONS, type: 'svg', ...(sizePx ? { width: sizePx } : {}) });
}

/** A PNG large enough to print a table card from. */
export function qrPng(link: string, sizePx = 512): Promise<Buffer> {
  return QRCode.toBuffer(link, { ...OPTIONS, type: 'png', width: sizePx });
}
