import { describe, expect, it } from 'vitest';
import { parseMajor, toMajorText } from './format.ts';

describe('prices typed in major units', () => {
  it('converts to minor units without float drift', () => {
    expect(parseMajor('12.50', 'EUR')).toBe(1250);
    expect(parseMajor('0.29', 'EUR')).toBe(29);
    expect(parseMajor('4,9', 'EUR')).toBe(490);
    expect(parseMajor(' 7 ', 'EUR')).toBe(700);
    expect(parseMajor('1500', 'JPY')).toBe(1500);
  });

  it('refuses what is not a price', () => {
    expect(parseMajor('', 'EUR')).toBeNull();
    expect(parseMajor('-3', 'EUR')).toBeNull();
    expect(parseMajor('1.234', 'EUR')).toBeNull();
    expect(parseMajor('abc', 'EUR')).toBeNull();
    expect(parseMajor('1.5', 'JPY')).toBeNull();
  });

  it('shows minor units as an editable major amount', () => {
    expect(toMajorText(1250, 'EUR')).toBe('12.50');
    expect(toMajorText(5, 'EUR')).toBe('0.05');
  });
});
