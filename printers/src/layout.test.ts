import { describe, expect, it } from 'vitest';
import { textColumns } from './charset.ts';
import { blockColumns, layoutDocument, leftRight, wrapHanging, wrapText } from './layout.ts';
import { sampleKitchenTicket, sampleReceipt } from './samples.ts';
import { DEFAULT_CODEPAGES } from './charset.ts';

describe('layout helpers', () => {
  it('wraps at word boundaries and breaks words longer than a line', () => {
    expect(wrapText('a quick brown fox', 7)).toEqual(['a quick', 'brown', 'fox']);
    expect(wrapText('Donaudampfschifffahrt', 8)).toEqual(['Donaudam', 'pfschiff', 'fahrt']);
    expect(wrapText('', 8)).toEqual(['']);
  });

  it('wraps CJK by its double width', () => {
    const lines = wrapText('拉面拉面拉面', 8);
    expect(lines).toEqual(['拉面拉面', '拉面']);
  });

  it('hangs continuation lines under the text', () => {
    expect(wrapHanging('2x ', 'Classic burger with cheese', 14, DEFAULT_CODEPAGES)).toEqual(['2x Classic', '   burger with', '   cheese']);
  });

  it('puts the amount on the right of the first line', () => {
    expect(leftRight('Tea', '€2.50', 16, DEFAULT_CODEPAGES)).toEqual(['Tea        €2.50']);
    expect(leftRight('2x Very long dish name', '€12.50', 20, DEFAULT_CODEPAGES, 3)).toEqual(['2x Very long  €12.50', '   dish name']);
  });

  it.each([58, 80] as const)('fits every block of both documents on %i mm paper, with a CJK name too', (paper) => {
    const ticket = sampleKitchenTicket({ items: [{ quantity: 12, name: '拉面拉面拉面拉面拉面拉面拉面拉面拉面拉面拉面拉面 with egg' }] });
    for (const document of [ticket, sampleReceipt(), sampleReceipt({ header: ['A venue name far too long to print in double size'] })]) {
      const layout = layoutDocument(document, { paper });
      for (const block of layout.blocks) expect(blockColumns(block, layout.paper, layout.codepages), JSON.stringify(block)).toBeLessThanOrEqual(layout.paper.columns);
    }
  });

  it('prints the total in double size when it fits half the columns', () => {
    const layout = layoutDocument(sampleReceipt(), { paper: 58 });
    const total = layout.blocks.find((b) => b.kind === 'text' && b.text.startsWith('TOTAL'));
    expect(total).toMatchObject({ size: 2, bold: true });
    expect(total && total.kind === 'text' ? textColumns(total.text) : 0).toBe(16);
  });
});
