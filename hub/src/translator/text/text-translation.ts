// Text translation for conversations: staff replies into the guest's language, guest words into the
// staff's. The phrasebook answers what it knows; otherwise the first engine with the pair, through
// the cache. No way to translate is an answer too (null): the other side then reads the original,
// which beats an error in the middle of a conversation.
import { hasPair, TextEngineError, type TextEngine } from './text-engine.ts';
import { normaliseLanguage } from './language-codes.ts';
import type { CacheKey, TranslationCache } from './translation-cache.ts';
import { planTranslation, type TranslationRequest, type TranslationResult } from './translation-plan.ts';

export type { TranslationRequest, TranslationResult, TranslationSource } from './translation-plan.ts';

/** The slice of the hub's pino logger this service uses. */
export interface TranslationLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface TextTranslationOptions {
  /** Tried in this order: put the better engine first. */
  engines: readonly TextEngine[];
  /** Null: every machine translation runs its engine. */
  cache: TranslationCache | null;
  log: TranslationLogger;
  /** Rows the cache keeps; the least recently used go first. */
  cacheMaxRows?: number;
}

export const TEXT_TRANSLATION_DEFAULTS = {
  // About 2 MB of SQLite at typical line lengths: months of a venue's distinct lines.
  cacheMaxRows: 10_000,
} as const;

/** A direction free text can be translated in, and the engine that does it (the status page's list). */
export interface TextPair {
  from: string;
  to: string;
  engine: string;
}

export class TextTranslation {
  private readonly engines: readonly TextEngine[];
  private readonly cache: TranslationCache | null;
  private readonly log: TranslationLogger;
  private readonly cacheMaxRows: number;

  constructor(options: TextTranslationOptions) {
    this.engines = options.engines;
    this.cache = options.cache;
    this.log = options.log;
    this.cacheMaxRows = options.cacheMaxRows ?? TEXT_TRANSLATION_DEFAULTS.cacheMaxRows;
  }

  /**
   * The translation, or null when no engine can translate this pair or every engine failed (each
   * failure is logged). Engine trouble never throws; an unknown phrase id or bad placeholder values
   * throw a 400 HubError, since the caller sent them.
   */
  async translate(request: TranslationRequest, signal?: AbortSignal): Promise<TranslationResult | null> {
    const plan = planTranslation(request);
    if (plan.kind === 'answer') return plan.result;
    if (plan.kind === 'none') return null;

    for (const engine of this.engines) {
      if (!hasPair(engine, plan.from, plan.to)) continue;
      const key: CacheKey = { engine: engine.id, from: plan.from, to: plan.to, text: plan.text };
      const cached = this.cached(key);
      if (cached !== null) return { text: cached, engine: engine.id, cached: true };
      try {
        const text = await engine.translate(plan.text, plan.from, plan.to, signal);
        this.remember(key, text);
        return { text, engine: engine.id, cached: false };
      } catch (error) {
        this.log.warn(
          {
            engine: engine.id,
            from: plan.from,
            to: plan.to,
            // The length, not the words: guests' messages stay out of the logs.
            characters: plan.text.length,
            reason: error instanceof TextEngineError ? error.reason : 'failed',
            err: error,
          },
          'Text translation failed; the other side sees the original words',
        );
        if (signal?.aborted) return null;
      }
    }
    return null;
  }

  /** Free-text directions, one engine each (the first that has it). */
  pairs(): TextPair[] {
    const seen = new Map<string, TextPair>();
    for (const engine of this.engines) {
      for (const { from, to } of engine.pairs()) {
        const key = `${from}>${to}`;
        if (!seen.has(key)) seen.set(key, { from, to, engine: engine.id });
      }
    }
    return [...seen.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }

  /** Whether free text can be translated from → to (tags such as `es-ES` are fine). Phrases can
   *  always be sent between phrasebook languages, whatever this says. */
  canTranslate(from: string, to: string): boolean {
    const source = normaliseLanguage(from);
    const target = normaliseLanguage(to);
    if (source === null || target === null) return false;
    return source === target || this.engines.some((engine) => hasPair(engine, source, target));
  }

  /** Stops engine runs in flight (hub shutdown). */
  close(): void {
    for (const engine of this.engines) engine.close?.();
  }

  // The cache makes repeats cheap; it is never a reason to fail a translation.
  private cached(key: CacheKey): string | null {
    if (!this.cache) return null;
    try {
      return this.cache.get(key);
    } catch (error) {
      this.log.warn({ engine: key.engine, err: error }, 'Translation cache could not be read; translating again');
      return null;
    }
  }

  private remember(key: CacheKey, text: string): void {
    if (!this.cache) return;
    try {
      this.cache.put(key, text);
      this.cache.prune(this.cacheMaxRows);
    } catch (error) {
      this.log.warn({ engine: key.engine, err: error }, 'Translation could not be cached');
    }
  }
}
