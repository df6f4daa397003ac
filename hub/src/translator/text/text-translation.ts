// Text translation for conversations: staff replies into the guest's language, guest words into the
// staff's. The phrasebook answers what it knows; otherwise the first engine with the pair, through
// the cache. No way to translate is an answer too (null): the other side then reads the original,
// which beats an error in the middle of a conversation.
import { hasPair, TextEngineError, type TextEngine } from './text-engine.ts';
import { normaliseLanguage } from './language-codes.ts';
import type { CacheKey, TranslationCache } from './translation-cache.ts';
import { fromCacheText, readMarked, toCacheText } from './marked-text.ts';
import { quoteValue } from '../phrasebook/placeholder-values.ts';
import { normaliseSourceText } from './source-text.ts';
import { planTranslation, renderPhrasePlan, type PhrasePlan, type TranslationRequest, type TranslationResult } from './translation-plan.ts';

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
    if (plan.kind === 'phrase') return this.phrase(plan, signal);
    return this.machine(plan, signal);
  }

  /**
   * A phrase with values only an engine can say ("eleven" for {time}): each is translated on its own,
   * and one the engine cannot translate in full is quoted, so no word of the speaker's language stands
   * unmarked in the reader's sentence.
   */
  private async phrase(plan: PhrasePlan, signal?: AbortSignal): Promise<TranslationResult> {
    const translated: Record<string, string> = {};
    for (const [name, value] of Object.entries(plan.toTranslate)) {
      const result = await this.machine({ from: plan.from, to: plan.to, text: normaliseSourceText(value) }, signal);
      translated[name] = result && !result.partial && result.text.trim() !== '' ? inSentenceCase(result.text, value) : quoteValue(value, plan.to);
    }
    return renderPhrasePlan(plan, translated);
  }

  /** The first engine with the pair, through the cache; null when none has it or all failed. */
  private async machine(plan: { from: string; to: string; text: string }, signal?: AbortSignal): Promise<TranslationResult | null> {
    for (const engine of this.engines) {
      if (!hasPair(engine, plan.from, plan.to)) continue;
      const key: CacheKey = { engine: engine.id, from: plan.from, to: plan.to, text: plan.text };
      const cached = this.cached(key);
      if (cached !== null) return { ...readMarked(cached), engine: engine.id, cached: true };
      try {
        const marked = await engine.translate(plan.text, plan.from, plan.to, signal);
        this.remember(key, marked);
        return { ...readMarked(marked), engine: engine.id, cached: false };
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
  // The cache holds the engine's marked text, so a partial translation stays partial when reused.
  private cached(key: CacheKey): string | null {
    if (!this.cache) return null;
    try {
      const stored = this.cache.get(key);
      return stored === null ? null : fromCacheText(stored);
    } catch (error) {
      this.log.warn({ engine: key.engine, err: error }, 'Translation cache could not be read; translating again');
      return null;
    }
  }

  private remember(key: CacheKey, marked: string): void {
    if (!this.cache) return;
    try {
      this.cache.put(key, toCacheText(marked));
      this.cache.prune(this.cacheMaxRows);
    } catch (error) {
      this.log.warn({ engine: key.engine, err: error }, 'Translation could not be cached');
    }
  }
}

/**
 * An engine writes a lone value as a sentence ("eleven" → "Once"); inside the phrase it keeps the case
 * the speaker typed its first letter in.
 */
function inSentenceCase(translation: string, typed: string): string {
  const first = typed.trimStart().charAt(0);
  if (first === '' || first !== first.toLowerCase()) return translation;
  return translation.charAt(0).toLowerCase() + translation.slice(1);
}
