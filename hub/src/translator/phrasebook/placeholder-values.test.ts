import { describe, expect, it } from 'vitest';
import { formatTime, localiseValues, parseTime, placeholderKind, quoteValue } from './placeholder-values.ts';

describe('placeholder values in the reader’s language', () => {
  it('reads the ways people type a clock time', () => {
    expect(parseTime('23:00')).toEqual({ hour: 23, minute: 0 });
    expect(parseTime('23.30')).toEqual({ hour: 23, minute: 30 });
    expect(parseTime('23h')).toEqual({ hour: 23, minute: 0 });
    expect(parseTime('7h45')).toEqual({ hour: 7, minute: 45 });
    expect(parseTime('11 pm')).toEqual({ hour: 23, minute: 0 });
    expect(parseTime('11:30 p.m.')).toEqual({ hour: 23, minute: 30 });
    expect(parseTime('12 am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('7')).toEqual({ hour: 7, minute: 0 });
    for (const value of ['eleven', '25:00', '10:75', '13 pm', 'soon', '']) expect(parseTime(value), value).toBeNull();
  });

  it('writes a time the reader’s way', () => {
    expect(formatTime({ hour: 23, minute: 0 }, 'ru')).toBe('23:00');
    expect(formatTime({ hour: 23, minute: 0 }, 'es')).toBe('23:00');
    expect(formatTime({ hour: 23, minute: 0 }, 'de')).toBe('23:00');
    expect(formatTime({ hour: 23, minute: 0 }, 'en').replace(/\s/g, ' ')).toBe('11:00 PM');
  });

  it('renders times and counts, keeps names as typed, names allergens, and leaves the rest to an engine', () => {
    expect(localiseValues({ time: '11 pm', minutes: 15, password: 'Sunny2024', name: 'Ana', amount: '€42.50' }, 'en', 'ru')).toEqual({
      ready: { time: '23:00', minutes: '15', password: 'Sunny2024', name: 'Ana', amount: '€42.50' },
      toTranslate: {},
    });
    expect(localiseValues({ minutes: '10-15' }, 'en', 'de')).toEqual({ ready: { minutes: '10–15' }, toTranslate: {} });
    expect(localiseValues({ allergen: 'орехи' }, 'ru', 'en')).toEqual({ ready: { allergen: 'nuts' }, toTranslate: {} });
    expect(localiseValues({ allergen: 'Peanuts' }, 'en', 'es')).toEqual({ ready: { allergen: 'cacahuetes' }, toTranslate: {} });
    expect(localiseValues({ time: 'eleven', minutes: 'ten', allergen: 'kiwi', mood: 'happy' }, 'en', 'es')).toEqual({
      ready: {},
      toTranslate: { time: 'eleven', minutes: 'ten', allergen: 'kiwi', mood: 'happy' },
    });
    expect(placeholderKind('something-new')).toBe('text');
  });

  it('quotes as the reader’s language prints quotes', () => {
    expect(quoteValue('eleven', 'es')).toBe('«eleven»');
    expect(quoteValue('eleven', 'fr-CA')).toBe('« eleven »');
    expect(quoteValue('eleven', 'de')).toBe('„eleven“');
    expect(quoteValue('одиннадцать', 'en')).toBe('“одиннадцать”');
  });
});
