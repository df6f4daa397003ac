import { describe, expect, it } from 'vitest';
import { cleanText } from './order-text.ts';

describe('cleanText', () => {
  it('keeps HTML, emoji and other scripts as literal text', () => {
    expect(cleanText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(cleanText('без лука 🌶️👩‍🍳 please')).toBe('без лука 🌶️👩‍🍳 please');
    expect(cleanText('مع ثلج')).toBe('مع ثلج');
  });

  it('trims, and turns line breaks and tabs into spaces', () => {
    expect(cleanText('  no ice\r\nextra lemon\t ')).toBe('no ice extra lemon');
  });

  it('drops control characters and bidi overrides', () => {
    expect(cleanText('no\u0000 nuts\u0007\u001b[31m')).toBe('no nuts[31m');
    expect(cleanText('\u202eyllaer\u202c')).toBe('yllaer');
  });

  it('gives null for nothing, or nothing but whitespace', () => {
    expect(cleanText(undefined)).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText('   \n\t ')).toBeNull();
    expect(cleanText('\u0000')).toBeNull();
  });
});
