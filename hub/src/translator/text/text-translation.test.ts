import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { openStore, type Store } from '../../db/connection.ts';
import { ApertiumEngine } from './apertium-engine.ts';
import { TextEngineError, type TextEngine } from './text-engine.ts';
import { createTextTranslation } from './index.ts';
import { TextTranslation, type TranslationLogger } from './text-translation.ts';
import { toCacheText } from './marked-text.ts';
import { TranslationCache } from './translation-cache.ts';
import { CountingEngine, fakeApertium, isRunning, readPid, tempDir } from '../../../test/support/text-translation.ts';

interface Warning {
  details: Record<string, unknown>;
  message: string;
}

describe('TextTranslation', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let clock: ManualClock;
  let cache: TranslationCache;
  let warnings: Warning[];
  let log: TranslationLogger;
  let apertium: CountingEngine;
  let service: TextTranslation;

  beforeEach(() => {
    dir = tempDir('text-translation');
    store = openStore(dir.path);
    clock = new ManualClock();
    cache = new TranslationCache(store.sqlite, clock);
    warnings = [];
    log = { warn: (details, message) => warnings.push({ details, message }) };
    apertium = new CountingEngine(new ApertiumEngine());
    service = new TextTranslation({ engines: [apertium], cache, log });
  });
  afterEach(() => {
    service.close();
    store.close();
    dir.remove();
  });

  const reasons = () => warnings.map((warning) => warning.details.reason);
  const complete = { partial: false, untranslatedWords: [] };

  it('translates with Apertium and serves the same request from the cache the second time', async () => {
    const first = await service.translate({ text: 'Where is the bathroom?', from: 'en', to: 'es' });
    expect(first).toEqual({ text: expect.stringContaining('baño'), engine: 'apertium', cached: false, ...complete });
    expect(apertium.runs).toBe(1);

    clock.advance(5_000);
    const second = await service.translate({ text: '  Where is  the bathroom? ', from: 'en-GB', to: 'es-ES' });
    expect(second).toEqual({ text: first?.text, engine: 'apertium', cached: true, ...complete });
    expect(apertium.runs).toBe(1);
    expect(cache.row({ engine: 'apertium', from: 'en', to: 'es', text: 'Where is the bathroom?' })).toMatchObject({
      translatedText: toCacheText(first!.text),
      hits: 1,
      lastUsedAt: clock.now().toISOString(),
    });
    expect(warnings).toEqual([]);
  });

  it('translates Spanish to English', async () => {
    expect(await service.translate({ text: 'La sopa está fría.', from: 'es', to: 'en' })).toEqual({ text: 'The soup is cold.', engine: 'apertium', cached: false, ...complete });
  });

  it('answers phrases from the phrasebook without the engine', async () => {
    expect(await service.translate({ text: 'Your order will be ready in about 10 minutes.', from: 'en', to: 'es', phraseId: 'order-ready-in', values: { minutes: 10 } })).toEqual({
      text: 'Su pedido estará listo en unos 10 minutos.',
      engine: 'phrasebook',
      cached: false,
      ...complete,
    });
    expect(await service.translate({ text: 'thank you very much', from: 'en', to: 'es' })).toEqual({ text: '¡Muchas gracias!', engine: 'phrasebook', cached: false, ...complete });
    expect(await service.translate({ text: '¡Muchas gracias!', from: 'es', to: 'ja' })).toEqual({ text: 'ありがとうございます。', engine: 'phrasebook', cached: false, ...complete });
    expect(apertium.runs).toBe(0);
    expect(cache.count()).toBe(0);
  });

  it('returns the text as is for the same language', async () => {
    expect(await service.translate({ text: 'Hola', from: 'es', to: 'es-MX' })).toEqual({ text: 'Hola', engine: 'same-language', cached: false, ...complete });
    expect(apertium.runs).toBe(0);
  });

  it('returns null, quietly, for a pair no engine has or a language it does not know', async () => {
    expect(await service.translate({ text: 'The soup is cold.', from: 'en', to: 'fr' })).toBeNull();
    expect(await service.translate({ text: 'The soup is cold.', from: 'en', to: 'tlh-Latn' })).toBeNull();
    expect(await service.translate({ text: '   ', from: 'en', to: 'es' })).toBeNull();
    expect(apertium.runs).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('tells the status page which pairs it can translate', () => {
    expect(service.pairs()).toEqual([
      { from: 'en', to: 'es', engine: 'apertium' },
      { from: 'es', to: 'en', engine: 'apertium' },
    ]);
    expect(service.canTranslate('en-US', 'es-ES')).toBe(true);
    expect(service.canTranslate('es', 'en')).toBe(true);
    expect(service.canTranslate('fr', 'fr-CA')).toBe(true);
    expect(service.canTranslate('en', 'fr')).toBe(false);
    expect(service.canTranslate('en', '??')).toBe(false);
  });

  it('returns null and logs a warning when the engine hangs, after killing it at the time limit', async () => {
    const fake = fakeApertium(dir.path, 'echo $$ > "$DIR/script.pid"\nsleep 300 &\necho $! > "$DIR/sleep.pid"\nwait');
    const hanging = new TextTranslation({ engines: [new ApertiumEngine({ command: fake.command, modesDir: fake.modesDir, timeoutMs: 1_000 })], cache, log });
    expect(await hanging.translate({ text: 'The soup is cold.', from: 'en', to: 'es' })).toBeNull();
    expect(warnings).toEqual([
      {
        details: expect.objectContaining({ engine: 'apertium', from: 'en', to: 'es', characters: 17, reason: 'timeout' }),
        message: 'Text translation failed; the other side sees the original words',
      },
    ]);
    expect(JSON.stringify(warnings[0]?.details)).not.toContain('soup');
    await expect.poll(() => isRunning(readPid(fake.file('sleep.pid')))).toBe(false);
    expect(cache.count()).toBe(0);
  });

  it('returns null for hostile text too long for the engine, and survives the rest', async () => {
    expect(await service.translate({ text: 'word '.repeat(2_000), from: 'en', to: 'es' })).toBeNull();
    expect(reasons()).toEqual(['too_long']);
    const hostile = ['<b>Hello</b> ^$@*#[]\\/<>', 'I love pizza 🍕\nSee you tomorrow!', '\u0000\u0007', 'Привет'];
    const results = await Promise.all(hostile.map((text) => service.translate({ text, from: 'en', to: 'es' })));
    expect(results[0]?.text).toMatch(/^<b>Hola<\/b> /);
    expect(results[1]?.text.split('\n')).toHaveLength(2);
    expect(results[2]).toBeNull();
    expect(results[3]?.text).toBe('Привет');
    expect(reasons()).toEqual(['too_long']);
  });

  it('tries the next engine with the pair when one fails, and caches under the engine that answered', async () => {
    const broken: TextEngine = {
      id: 'broken-mt',
      pairs: () => [{ from: 'en', to: 'es' }],
      translate: () => Promise.reject(new TextEngineError('broken-mt', 'failed', 'model file is corrupt')),
    };
    const withFallback = new TextTranslation({ engines: [broken, apertium], cache, log });
    expect(await withFallback.translate({ text: 'The soup is cold.', from: 'en', to: 'es' })).toMatchObject({ engine: 'apertium', cached: false });
    expect(reasons()).toEqual(['failed']);
    expect(cache.row({ engine: 'broken-mt', from: 'en', to: 'es', text: 'The soup is cold.' })).toBeNull();
    expect(cache.row({ engine: 'apertium', from: 'en', to: 'es', text: 'The soup is cold.' })).not.toBeNull();
    expect(withFallback.pairs()).toEqual([
      { from: 'en', to: 'es', engine: 'broken-mt' },
      { from: 'es', to: 'en', engine: 'apertium' },
    ]);
  });

  it('prefers a better engine put first over another engine’s cached answer', async () => {
    cache.put({ engine: 'apertium', from: 'en', to: 'es', text: 'Hello' }, 'Hola (apertium)');
    const better: TextEngine = { id: 'better-mt', pairs: () => [{ from: 'en', to: 'es' }], translate: async () => '¡Hola!' };
    const service = new TextTranslation({ engines: [better, apertium], cache, log });
    expect(await service.translate({ text: 'Hello', from: 'en', to: 'es' })).toEqual({ text: '¡Hola!', engine: 'better-mt', cached: false, ...complete });
    expect(await service.translate({ text: 'Hello', from: 'en', to: 'es' })).toEqual({ text: '¡Hola!', engine: 'better-mt', cached: true, ...complete });
  });

  it('keeps translating when the cache cannot be used', async () => {
    store.sqlite.exec('DROP TABLE translation_cache');
    expect(await service.translate({ text: 'The soup is cold.', from: 'en', to: 'es' })).toMatchObject({ engine: 'apertium', cached: false });
    expect(warnings.map((warning) => warning.message)).toEqual([
      'Translation cache could not be read; translating again',
      'Translation could not be cached',
    ]);
  });

  it('prunes the cache to its row limit, least recently used first', async () => {
    const small = new TextTranslation({ engines: [apertium], cache, log, cacheMaxRows: 2 });
    for (const text of ['Good morning.', 'Good night.', 'The soup is cold.']) {
      await small.translate({ text, from: 'en', to: 'es' });
      clock.advance(1_000);
    }
    expect(cache.count()).toBe(2);
    expect(cache.row({ engine: 'apertium', from: 'en', to: 'es', text: 'Good morning.' })).toBeNull();
  });

  it('gives up quietly when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = service.translate({ text: 'The soup is cold.', from: 'en', to: 'es' }, controller.signal);
    controller.abort();
    expect(await pending).toBeNull();
    expect(reasons()).toEqual(['aborted']);
  });

  it('says which words Apertium left untranslated, keeps that in the cache, and shows no marks', async () => {
    const request = { text: 'I love my blorptastic cheesecake.', from: 'en', to: 'es' };
    const first = await service.translate(request);
    expect(first).toEqual({ text: expect.any(String), engine: 'apertium', cached: false, partial: true, untranslatedWords: ['blorptastic', 'cheesecake'] });
    expect(first?.text).toContain('blorptastic cheesecake');
    expect(first?.text).not.toMatch(/[*@#]/);
    const row = cache.row({ engine: 'apertium', from: 'en', to: 'es', text: request.text });
    expect(row?.translatedText).toContain('*blorptastic');

    const again = await service.translate(request);
    expect(again).toEqual({ ...first, cached: true });
    expect(apertium.runs).toBe(1);
  });

  it('does not take a typed star, at or hash for a mark', async () => {
    const typed = await service.translate({ text: 'Five *stars* for the soup, email me @home #great', from: 'en', to: 'es' });
    expect(typed).toMatchObject({ partial: false, untranslatedWords: [] });
    for (const char of ['*', '@', '#']) expect(typed?.text.split(char).length, char).toBe(char === '*' ? 3 : 2);
  });

  it('translates again over a cache row written before marks were kept', async () => {
    const key = { engine: 'apertium', from: 'en', to: 'es', text: 'I love my blorptastic cheesecake.' };
    cache.put(key, 'Quiero mi blorptastic cheesecake.');
    expect(await service.translate({ text: key.text, from: 'en', to: 'es' })).toMatchObject({ cached: false, partial: true });
    expect(apertium.runs).toBe(1);
    expect(cache.row(key)?.translatedText).toBe(toCacheText('Quiero mi *blorptastic *cheesecake.'));
  });

  it('translates a phrase’s free-text value with the engine, and quotes one it cannot translate in full', async () => {
    expect(await service.translate({ text: 'The kitchen closes at eleven.', from: 'en', to: 'es' })).toEqual({
      text: 'La cocina cierra a las once.',
      engine: 'phrasebook',
      ...complete,
      cached: false,
    });
    expect((await service.translate({ text: 'x', from: 'en', to: 'es', phraseId: 'kitchen-closes-at', values: { time: 'zorblax' } }))?.text).toBe(
      'La cocina cierra a las «zorblax».',
    );
    // No engine for English to French: quoted, never left bare in the French sentence.
    expect((await service.translate({ text: 'The kitchen closes at eleven', from: 'en', to: 'fr' }))?.text).toBe('La cuisine ferme à « eleven ».');
    expect(apertium.runs).toBe(2);
  });

  it('is wired by createTextTranslation over the hub database, with Apertium unless turned off', async () => {
    const wired = createTextTranslation({ store, clock, log }, { cacheMaxRows: 5 });
    expect(wired.pairs()).toHaveLength(2);
    expect(await wired.translate({ text: 'Good night.', from: 'en', to: 'es' })).toMatchObject({ engine: 'apertium', cached: false });
    expect(await wired.translate({ text: 'Good night.', from: 'en', to: 'es' })).toMatchObject({ engine: 'apertium', cached: true });
    const phrasebookOnly = createTextTranslation({ store, clock, log }, { apertium: false });
    expect(phrasebookOnly.pairs()).toEqual([]);
    expect(await phrasebookOnly.translate({ text: 'Good night.', from: 'en', to: 'es' })).toBeNull();
    expect(await phrasebookOnly.translate({ text: 'Thank you very much!', from: 'en', to: 'es' })).toMatchObject({ engine: 'phrasebook' });
  });
});
