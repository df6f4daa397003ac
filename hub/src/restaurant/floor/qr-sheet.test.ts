import { describe, expect, it } from 'vitest';
import { escapeHtml, renderQrSheet } from './qr-sheet.ts';

describe('renderQrSheet', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>';

  it('lays the cards out three to a row on A4 pages, keeping each card whole', () => {
    const html = renderQrSheet('Bistro', [{ name: 'Table 1', link: 'http://10.0.0.2:8080/t/abc', svg }]);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('grid-template-columns: repeat(3, 1fr)');
    expect(html).toContain('break-inside: avoid');
    expect(html).toContain(`<div class="qr">${svg}</div>`);
    expect(html).toContain('<a class="link" href="http://10.0.0.2:8080/t/abc">http://10.0.0.2:8080/t/abc</a>');
  });

  it('escapes table and venue names so markup in them is shown, not run', () => {
    const html = renderQrSheet('<b>Bar & Grill</b>', [{ name: '<script>alert("x")</script>', link: 'http://h/t/"a"', svg }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Bar &amp; Grill&lt;/b&gt;');
    expect(html).toContain('href="http://h/t/&quot;a&quot;"');
  });

  it('escapes every character that matters in text and attributes', () => {
    expect(escapeHtml(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;');
  });
});
