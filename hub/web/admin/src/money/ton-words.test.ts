import { describe, expect, it } from 'vitest';
import { invoiceSentence, minorPerTon, nanotonsPerMinorFromPrice, priceText, rateText, tonText } from './ton-words.ts';

describe('TON amounts', () => {
  it('shows nanotons as exact TON', () => {
    expect(tonText('3365384616')).toBe('3.365384616 TON');
    expect(tonText('5000000000')).toBe('5 TON');
    expect(tonText('1')).toBe('0.000000001 TON');
    expect(tonText('123456789012345678901')).toBe('123456789012.345678901 TON');
  });
});

describe('the rate a manager types', () => {
  it('turns "1 TON = €5.20" into nanotons per cent, rounded', () => {
    expect(nanotonsPerMinorFromPrice('5.20', 'EUR')).toBe(1_923_077);
    expect(nanotonsPerMinorFromPrice('5,2', 'EUR')).toBe(1_923_077);
    expect(nanotonsPerMinorFromPrice('300', 'JPY')).toBe(3_333_333);
    expect(nanotonsPerMinorFromPrice('0', 'EUR')).toBeNull();
    expect(nanotonsPerMinorFromPrice('five', 'EUR')).toBeNull();
  });

  it('shows the hub rate back as the price of one TON', () => {
    expect(minorPerTon('1923077')).toBe(520);
    expect(rateText('1923077', 'EUR')).toBe('1 TON = €5.20');
    expect(priceText(1_923_077, 'EUR')).toBe('5.20');
  });

  it('says where an invoice stands', () => {
    expect(invoiceSentence({ status: 'underpaid', remainingNanotons: '500000000', verifiedOnline: true })).toBe('Part of it arrived: 0.5 TON still to send.');
    expect(invoiceSentence({ status: 'awaiting', remainingNanotons: '0', verifiedOnline: false })).toContain('once the venue is back online');
  });
});
