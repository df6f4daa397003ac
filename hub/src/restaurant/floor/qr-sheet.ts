export interface QrSheetEntry {
  name: string;
  link: string;
  /** The QR code as an SVG document made by qrSvg (trusted: generated, not typed by anyone). */
  svg: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * A printable page of every table's QR code: A4, three cards per row, a card never split across
 * pages. Names and links are escaped: a table name is typed by staff and may hold anything.
 */
export function renderQrSheet(venueName: string, entries: readonly QrSheetEntry[]): string {
  const cards = entries
    .map(
      (entry) => `    <figure class="card">
      <div class="qr">${entry.svg}</div>
      <figcaption>
        <strong class="name">${escapeHtml(entry.name)}</strong>
        <span class="hint">Scan to see the menu and order</span>
        <a class="link" href="${escapeHtml(entry.link)}">${escapeHtml(entry.link)}</a>
      </figcaption>
    </figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(venueName)}: table QR codes</title>
  <style>
    @page { size: A4 portrait; margin: 12mm; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; }
    header { padding: 0 0 6mm; }
    header h1 { font-size: 14pt; margin: 0; }
    header p { font-size: 9pt; margin: 1mm 0 0; color: #555; }
    .sheet { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6mm; }
    .card { margin: 0; padding: 4mm; border: 0.3mm dashed #999; border-radius: 2mm; text-align: center;
            break-inside: avoid; page-break-inside: avoid; }
    .qr svg { display: block; width: 100%; max-width: 50mm; height: auto; margin: 0 auto; }
    figcaption { display: flex; flex-direction: column; gap: 1mm; margin-top: 2mm; }
    .name { font-size: 13pt; }
    .hint { font-size: 8pt; color: #444; }
    .link { font-size: 7pt; color: #444; text-decoration: none; overflow-wrap: anywhere; }
    @media print { header p { display: none; } }
  </style>
</head>
<body>
  <header>
    <h1>${escapeHtml(venueName)}</h1>
    <p>Print on A4 at 100% scale, cut along the dashed lines. Rotating a table's code makes its old card stop working.</p>
  </header>
  <main class="sheet">
${cards}
  </main>
</body>
</html>
`;
}
