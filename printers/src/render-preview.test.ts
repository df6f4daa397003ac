import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildKitchenTicket } from './documents.ts';
import { escapeXml, renderPreviewSvg } from './render-preview.ts';
import { sampleKitchenTicket, sampleReceipt } from './samples.ts';

/** Enough of an XML check for our output: balanced tags, and no bare & or < in text. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/g)) {
    if (match[0].startsWith('&')) throw new Error(`bare & at ${match.index}`);
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(svg.replace(/<[^>]*>/g, '')).not.toMatch(/</);
}

describe('renderPreviewSvg', () => {
  it('draws the receipt text, the QR code from the qrcode package and a cut line', async () => {
    const receipt = sampleReceipt();
    const svg = await renderPreviewSvg(receipt, { paper: 80 });
    expectWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 608 \d+"/);
    expect(svg).toContain('<title>Receipt #12</title>');
    expect(svg).toContain('>1x Борщ со сметаной');
    expect(svg).toMatch(/>TOTAL +€46\.70</);
    expect(svg).toContain('stroke-dasharray'); // the cut
    const modules = QRCode.create(receipt.qrUrl!, { errorCorrectionLevel: 'M' }).modules.size;
    expect(svg).toContain(`viewBox="0 0 ${modules} ${modules}"`);
    expect(svg).toContain(`width="${modules * 6}" height="${modules * 6}"`);
  });

  it('escapes text for XML', async () => {
    const ticket = buildKitchenTicket({
      station: 'bar', tableName: 'Table <1>', orderNumber: 1, placedAt: '2025-11-30T12:00:00Z',
      items: [{ quantity: 1, name: `Gin & "Tonic" <b>it's</b>` }],
    });
    const svg = await renderPreviewSvg(ticket, { paper: 58 });
    expectWellFormed(svg);
    expect(svg).toContain('1x Gin &amp; &quot;Tonic&quot; &lt;b&gt;it&apos;s&lt;/b&gt;');
    expect(svg).toContain('<title>Kitchen ticket #1, bar, Table &lt;1&gt;</title>');
    expect(escapeXml('a\u0001b\ud800c')).toBe('abc');
  });

  it('shows a raster fallback line as the same bitmap the printer gets', async () => {
    const svg = await renderPreviewSvg(sampleKitchenTicket({ items: [{ quantity: 1, name: '拉面' }] }), { paper: 58 });
    expectWellFormed(svg);
    expect(svg).not.toContain('拉面');
    expect(svg).toMatch(/<g class="raster-fallback"><path d="M\d+ \d+h\d+v1h-\d+z/);
  });

  it('is as wide as the paper: 384 dots at 58 mm plus margins', async () => {
    const svg = await renderPreviewSvg(sampleKitchenTicket(), { paper: 58 });
    expect(svg).toMatch(/viewBox="0 0 416 \d+"/);
  });
});
