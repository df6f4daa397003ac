// What every machine-translation engine offers the translator. Apertium is the first; another system
// (a neural model run in-process, a second CLI) fits by implementing the same three members, and the
// service tries engines in the order it is given them.

/** A direction an engine translates, in ISO 639-1 codes. */
export interface LanguagePair {
  readonly from: string;
  readonly to: string;
}

export interface TextEngine {
  /** Stable name, stored with each cached translation and on conversation lines (`apertium`). */
  readonly id: string;
  /** The directions installed right now. Cheap to call: the status page and every request ask. */
  pairs(): readonly LanguagePair[];
  /**
   * Translates plain text, keeping its line breaks, into marked text (marked-text.ts): words it could
   * not translate carry a mark, and literal `*`, `@`, `#` and `\` are escaped; an engine that always
   * translates every word returns `escapeMarks(translation)`. Rejects with a TextEngineError when the
   * pair is not installed, the text is too long, the engine is busy, too slow, aborted or broken.
   */
  translate(text: string, from: string, to: string, signal?: AbortSignal): Promise<string>;
  /** Stops work in flight (the hub is shutting down). */
  close?(): void;
}

export const TEXT_ENGINE_FAILURES = ['unsupported_pair', 'too_long', 'busy', 'timeout', 'aborted', 'unavailable', 'failed'] as const;
export type TextEngineFailure = (typeof TEXT_ENGINE_FAILURES)[number];

/** An engine could not translate. The reason is for logs and metrics; the guest sees the original text. */
export class TextEngineError extends Error {
  constructor(
    readonly engine: string,
    readonly reason: TextEngineFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TextEngineError';
  }
}

export function hasPair(engine: TextEngine, from: string, to: string): boolean {
  return engine.pairs().some((pair) => pair.from === from && pair.to === to);
}
