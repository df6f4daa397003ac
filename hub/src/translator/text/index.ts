// Offline text translation for the translator module: the phrasebook first, then machine
// translation (Apertium where installed) through a SQLite cache.
import type { Clock } from '../../clock.ts';
import type { Store } from '../../db/connection.ts';
import { ApertiumEngine, type ApertiumEngineOptions } from './apertium-engine.ts';
import type { TextEngine } from './text-engine.ts';
import { TranslationCache } from './translation-cache.ts';
import { TextTranslation, type TranslationLogger } from './text-translation.ts';

export { ApertiumEngine, APERTIUM_DEFAULTS, type ApertiumEngineOptions } from './apertium-engine.ts';
export { normaliseLanguage } from './language-codes.ts';
export { TEXT_ENGINE_FAILURES, TextEngineError, type LanguagePair, type TextEngine, type TextEngineFailure } from './text-engine.ts';
export { TranslationCache, type CacheKey, type CacheRow } from './translation-cache.ts';
export {
  TEXT_TRANSLATION_DEFAULTS,
  TextTranslation,
  type TextPair,
  type TextTranslationOptions,
  type TranslationLogger,
  type TranslationRequest,
  type TranslationResult,
  type TranslationSource,
} from './text-translation.ts';

export interface TextTranslationSetup {
  /** Apertium's options, or false to run without it (the phrasebook alone). */
  apertium?: ApertiumEngineOptions | false;
  /** Engines tried before Apertium, e.g. a better MT system added later. */
  engines?: readonly TextEngine[];
  cacheMaxRows?: number;
}

/** The hub's text translation over its database, clock and logger (a HubContext has all three). */
export function createTextTranslation(
  context: { store: Pick<Store, 'sqlite'>; clock: Clock; log: TranslationLogger },
  setup: TextTranslationSetup = {},
): TextTranslation {
  const engines = [...(setup.engines ?? [])];
  if (setup.apertium !== false) engines.push(new ApertiumEngine(setup.apertium ?? {}));
  return new TextTranslation({
    engines,
    cache: new TranslationCache(context.store.sqlite, context.clock),
    log: context.log,
    cacheMaxRows: setup.cacheMaxRows,
  });
}
