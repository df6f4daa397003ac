import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { openStore, type Store } from '../../db/connection.ts';
import { TranslationCache, type CacheKey } from './translation-cache.ts';
import { tempDir } from '../../../test/support/text-translation.ts';

describe('TranslationCache over the migrated hub database', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let clock: ManualClock;
  let cache: TranslationCache;
  beforeEach(() => {
    dir = tempDir('translation-cache');
    store = openStore(dir.path);
    clock = new ManualClock(new Date('2026-06-01T12:00:00.000Z'));
    cache = new TranslationCache(store.sqlite, clock);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const key = (text: string, overrides: Partial<CacheKey> = {}): CacheKey => ({ engine: 'apertium', from: 'en', to: 'es', text, ...overrides });

  it('stores a translation and counts each hit with the time it was used', () => {
    expect(cache.get(key('Where is the bathroom?'))).toBeNull();
    cache.put(key('Where is the bathroom?'), '¿Dónde está el baño?');
    expect(cache.row(key('Where is the bathroom?'))).toEqual({
      engine: 'apertium',
      sourceLanguage: 'en',
      targetLanguage: 'es',
      sourceText: 'Where is the bathroom?',
      translatedText: '¿Dónde está el baño?',
      createdAt: '2026-06-01T12:00:00.000Z',
      lastUsedAt: '2026-06-01T12:00:00.000Z',
      hits: 0,
    });
    clock.advance(60_000);
    expect(cache.get(key('Where is the bathroom?'))).toBe('¿Dónde está el baño?');
    clock.advance(60_000);
    expect(cache.get(key('Where is the bathroom?'))).toBe('¿Dónde está el baño?');
    expect(cache.row(key('Where is the bathroom?'))).toMatchObject({ hits: 2, createdAt: '2026-06-01T12:00:00.000Z', lastUsedAt: '2026-06-01T12:02:00.000Z' });
  });

  it('keys by the whitespace-normalised text, exactly otherwise', () => {
    cache.put(key('  Where is\tthe   bathroom?\r\n'), 'baño');
    expect(cache.get(key('Where is the bathroom?'))).toBe('baño');
    expect(cache.get(key('where is the bathroom?'))).toBeNull();
    expect(cache.get(key('Where is the bathroom'))).toBeNull();
    expect(cache.count()).toBe(1);
  });

  it('keeps engines and directions apart', () => {
    cache.put(key('Hello'), 'Hola');
    cache.put(key('Hello', { engine: 'better-mt' }), '¡Hola!');
    cache.put(key('Hello', { to: 'ca' }), 'Hola (ca)');
    expect(cache.get(key('Hello'))).toBe('Hola');
    expect(cache.get(key('Hello', { engine: 'better-mt' }))).toBe('¡Hola!');
    expect(cache.get(key('Hello', { to: 'ca' }))).toBe('Hola (ca)');
    expect(cache.get(key('Hello', { from: 'es', to: 'en' }))).toBeNull();
  });

  it('upserts: a second put replaces the text and keeps the hits', () => {
    cache.put(key('Hello'), 'Hola');
    cache.get(key('Hello'));
    clock.advance(1_000);
    cache.put(key('Hello'), 'Hola.');
    expect(cache.row(key('Hello'))).toMatchObject({ translatedText: 'Hola.', hits: 1, createdAt: '2026-06-01T12:00:00.000Z', lastUsedAt: '2026-06-01T12:00:01.000Z' });
    expect(cache.count()).toBe(1);
  });

  it('prunes to the most recently used rows, counting a hit as use', () => {
    for (const word of ['one', 'two', 'three', 'four', 'five']) {
      cache.put(key(word), word.toUpperCase());
      clock.advance(1_000);
    }
    cache.get(key('one'));
    expect(cache.prune(3)).toBe(2);
    expect(['one', 'two', 'three', 'four', 'five'].filter((word) => cache.row(key(word)) !== null)).toEqual(['one', 'four', 'five']);
    expect(cache.prune(3)).toBe(0);
    expect(cache.prune(0)).toBe(3);
    expect(() => cache.prune(-1)).toThrow('maxRows');
  });

  it('breaks ties between rows used in the same millisecond by keeping the later one', () => {
    for (const word of ['first', 'second', 'third']) cache.put(key(word), word);
    cache.prune(1);
    expect(cache.row(key('third'))).not.toBeNull();
    expect(cache.count()).toBe(1);
  });
});
