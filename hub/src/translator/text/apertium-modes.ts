// Which translation directions an Apertium install offers, read from the names of its mode files
// (`eng-spa.mode`, `spa-eng_US.mode`). Pure: the engine lists the folder, this decides.
import { isoFromCode } from './language-codes.ts';
import type { LanguagePair } from './text-engine.ts';

export interface ApertiumMode {
  /** The name `apertium` is run with (`spa-eng_US`). */
  name: string;
  from: string;
  to: string;
  /** Regional or orthographic variant (`US`, `valencia`); null for the plain mode. */
  variant: string | null;
}

// `eng-spa`, `spa-eng_US`, `cat_valencia-spa`. Debug and analysis modes (`eng-spa-tagger`,
// `eng-morph`) do not match and are skipped.
const MODE_NAME = /^([a-z]{2,3})(?:_([A-Za-z0-9]+))?-([a-z]{2,3})(?:_([A-Za-z0-9]+))?$/;

/** A mode file's name → the direction it translates, or null for modes that are not a translation
 *  between two languages we have ISO 639-1 codes for. */
export function parseModeName(fileName: string): ApertiumMode | null {
  if (!fileName.endsWith('.mode')) return null;
  const name = fileName.slice(0, -'.mode'.length);
  const match = MODE_NAME.exec(name);
  if (!match) return null;
  const from = isoFromCode(match[1] ?? '');
  const to = isoFromCode(match[3] ?? '');
  if (from === null || to === null || from === to) return null;
  return { name, from, to, variant: match[2] ?? match[4] ?? null };
}

/**
 * One mode per direction. The plain mode wins over its variants (`spa-eng` over `spa-eng_US`); a
 * direction installed only as variants is served by the first of them by name, which is still a
 * translation into that language.
 */
export function selectModes(fileNames: readonly string[]): ApertiumMode[] {
  const modes = fileNames
    .map(parseModeName)
    .filter((mode): mode is ApertiumMode => mode !== null)
    .sort((a, b) => Number(a.variant !== null) - Number(b.variant !== null) || a.name.localeCompare(b.name));
  const chosen = new Map<string, ApertiumMode>();
  for (const mode of modes) {
    const key = `${mode.from}>${mode.to}`;
    if (!chosen.has(key)) chosen.set(key, mode);
  }
  return [...chosen.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

export function pairsOf(modes: readonly ApertiumMode[]): LanguagePair[] {
  return modes.map(({ from, to }) => ({ from, to }));
}
