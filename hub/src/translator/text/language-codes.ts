// Languages inside the translator are ISO 639-1 codes (`en`, `es`, `ca`). Pages send BCP 47 tags
// (`es-ES`, `pt_BR`) and Apertium names its modes with ISO 639-3 codes (`eng-spa`); both are folded
// into the two-letter code here, so every engine and the cache speak one language code.

/** ISO 639-3 (and 639-2/B where it differs) → ISO 639-1, for the languages MT engines commonly ship. */
const THREE_TO_TWO: Readonly<Record<string, string>> = {
  afr: 'af', ara: 'ar', arg: 'an', aze: 'az', bel: 'be', ben: 'bn', bos: 'bs', bre: 'br', bul: 'bg',
  cat: 'ca', ces: 'cs', cze: 'cs', cos: 'co', cym: 'cy', wel: 'cy', dan: 'da', deu: 'de', ger: 'de',
  ell: 'el', gre: 'el', eng: 'en', epo: 'eo', est: 'et', eus: 'eu', baq: 'eu', fao: 'fo', fas: 'fa',
  per: 'fa', fin: 'fi', fra: 'fr', fre: 'fr', fry: 'fy', gla: 'gd', gle: 'ga', glg: 'gl', heb: 'he',
  hin: 'hi', hrv: 'hr', hun: 'hu', hye: 'hy', arm: 'hy', ind: 'id', isl: 'is', ice: 'is', ita: 'it',
  jpn: 'ja', kat: 'ka', geo: 'ka', kaz: 'kk', kir: 'ky', kor: 'ko', kur: 'ku', lat: 'la', lav: 'lv',
  lit: 'lt', ltz: 'lb', mkd: 'mk', mac: 'mk', mlt: 'mt', msa: 'ms', may: 'ms', nld: 'nl', dut: 'nl',
  nno: 'nn', nob: 'nb', nor: 'no', oci: 'oc', pol: 'pl', por: 'pt', ron: 'ro', rum: 'ro', rus: 'ru',
  slk: 'sk', slo: 'sk', slv: 'sl', sme: 'se', spa: 'es', sqi: 'sq', alb: 'sq', srd: 'sc', srp: 'sr', swe: 'sv',
  tat: 'tt', tur: 'tr', ukr: 'uk', urd: 'ur', uzb: 'uz', vie: 'vi', zho: 'zh', chi: 'zh',
};

/** `eng` → `en`; a two-letter code is already ISO 639-1 and passes as is. Null for a three-letter
 *  code this table does not know (such as Asturian, `ast`, which has no two-letter code). */
export function isoFromCode(code: string): string | null {
  const lower = code.toLowerCase();
  if (/^[a-z]{2}$/.test(lower)) return lower;
  if (/^[a-z]{3}$/.test(lower)) return THREE_TO_TWO[lower] ?? null;
  return null;
}

/**
 * A language tag as a page or a client sends it (`es-ES`, `pt_BR`, `EN`, `spa`) → the ISO 639-1 code
 * the translator works with, or null when the tag names no language we know. Region and script are
 * dropped: the engines here translate languages, not regional variants.
 */
export function normaliseLanguage(tag: string): string | null {
  return isoFromCode(tag.trim().split(/[-_]/)[0] ?? '');
}
