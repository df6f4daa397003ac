import { describe, expect, it } from 'vitest';
import { interpolate, isRtl, negotiateLanguage } from '../../common/i18n.ts';
import { DICTIONARIES } from './i18n/index.ts';
import { CLOSED_MEMORY_MS, phaseOnLoad, tableCodeFromPath, usableSession, type GuestSession } from './session.ts';

describe('table code', () => {
  it('reads the code from /t/<code>', () => {
    expect(tableCodeFromPath('/t/abc123')).toBe('abc123');
    expect(tableCodeFromPath('/t/abc123/')).toBe('abc123');
    expect(tableCodeFromPath('/t/')).toBeNull();
    expect(tableCodeFromPath('/admin')).toBeNull();
  });
});

describe('a stored session on page load', () => {
  const now = Date.parse('2025-01-01T20:00:00.000Z');
  const session: GuestSession = {
    tableCode: 'abc123',
    token: 'tok',
    visitId: 'v1',
    tableId: 'table-1',
    tableName: 'Table 1',
    expiresAt: '2025-01-02T08:00:00.000Z',
  };

  it('a real scan (nothing stored) joins; a live session goes straight to the menu', () => {
    expect(phaseOnLoad(usableSession(null, 'abc123', now))).toEqual({ kind: 'joining' });
    expect(phaseOnLoad(usableSession(session, 'abc123', now))).toEqual({ kind: 'ready', session });
    expect(usableSession(session, 'other', now)).toBeNull();
  });

  it('a visit staff closed stays closed on reload, even once its token expired, and never joins by itself', () => {
    const closed = { ...session, closedAt: '2025-01-01T19:55:00.000Z', expiresAt: '2025-01-01T19:00:00.000Z' };
    expect(phaseOnLoad(usableSession(closed, 'abc123', now))).toEqual({ kind: 'closed', session: closed });
  });

  it('keeps a closed visit (and its receipt) as long as the hub answers the receipt, then forgets it: the next evening is a new scan', () => {
    expect(CLOSED_MEMORY_MS).toBe(12 * 60 * 60 * 1000);
    const lately = { ...session, closedAt: new Date(now - CLOSED_MEMORY_MS + 60_000).toISOString() };
    expect(usableSession(lately, 'abc123', now)).toEqual(lately);
    const closedAt = new Date(now - CLOSED_MEMORY_MS - 1).toISOString();
    expect(usableSession({ ...session, closedAt }, 'abc123', now)).toBeNull();
  });

  it('does not reuse a token about to expire', () => {
    expect(usableSession({ ...session, expiresAt: new Date(now + 30_000).toISOString() }, 'abc123', now)).toBeNull();
  });
});

describe('languages', () => {
  it('picks the first supported browser language by its base code', () => {
    expect(negotiateLanguage(['de-DE', 'ru-RU', 'en'], ['en', 'ru', 'ar'], 'en')).toBe('ru');
    expect(negotiateLanguage(['fr'], ['en', 'ru'], 'en')).toBe('en');
  });

  it('knows which languages are right to left', () => {
    expect(isRtl('ar-EG')).toBe(true);
    expect(isRtl('ru')).toBe(false);
  });

  it('fills placeholders', () => {
    expect(interpolate('Order #{n}', { n: 12 })).toBe('Order #12');
  });

  it('every dictionary has every English key, none empty', () => {
    const keys = Object.keys(DICTIONARIES.en!);
    for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
      expect(Object.keys(dictionary).sort(), language).toEqual([...keys].sort());
      for (const key of keys) expect(dictionary[key as keyof typeof dictionary], `${language}.${key}`).not.toBe('');
    }
  });
});
