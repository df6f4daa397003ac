// Translations already made, in the `translation_cache` table (hub/src/translator/tables.ts). A line
// staff send every evening ("Your table is ready") costs one engine run, ever. Rows are keyed by the
// engine that made them, so a better engine installed later fills its own rows.
import type Database from 'better-sqlite3';
import type { Clock } from '../../clock.ts';
import { normaliseSourceText } from './source-text.ts';

export interface CacheKey {
  engine: string;
  from: string;
  to: string;
  /** Normalised here (whitespace, line endings) before it is used as the key. */
  text: string;
}

export interface CacheRow {
  engine: string;
  sourceLanguage: string;
  targetLanguage: string;
  sourceText: string;
  translatedText: string;
  createdAt: string;
  lastUsedAt: string;
  hits: number;
}

const COLUMNS = `engine, source_language AS sourceLanguage, target_language AS targetLanguage, source_text AS sourceText,
  translated_text AS translatedText, created_at AS createdAt, last_used_at AS lastUsedAt, hits`;
const KEY = 'engine = ? AND source_language = ? AND target_language = ? AND source_text = ?';

export class TranslationCache {
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.sql = {
      // One statement counts the hit and reads the row: two requests at once both count.
      hit: db.prepare(`UPDATE translation_cache SET hits = hits + 1, last_used_at = ? WHERE ${KEY} RETURNING translated_text`).pluck(),
      // A second put of the same key (two identical requests raced to the engine) keeps the row's
      // history and takes the newer text.
      put: db.prepare(
        `INSERT INTO translation_cache (engine, source_language, target_language, source_text, translated_text, created_at, last_used_at, hits)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT (engine, source_language, target_language, source_text)
         DO UPDATE SET translated_text = excluded.translated_text, last_used_at = excluded.last_used_at`,
      ),
      row: db.prepare(`SELECT ${COLUMNS} FROM translation_cache WHERE ${KEY}`),
      count: db.prepare('SELECT COUNT(*) FROM translation_cache').pluck(),
      // rowid breaks ties between rows used in the same millisecond: the later insert stays.
      prune: db.prepare(
        `DELETE FROM translation_cache WHERE rowid IN (
           SELECT rowid FROM translation_cache ORDER BY last_used_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
      ),
    };
  }

  /** The cached translation, counted as a hit; null when there is none. */
  get(key: CacheKey): string | null {
    const text = this.sql.hit.get(this.now(), ...keyValues(key)) as string | undefined;
    return text ?? null;
  }

  put(key: CacheKey, translatedText: string): void {
    const now = this.now();
    this.sql.put.run(...keyValues(key), translatedText, now, now);
  }

  /** Deletes the least recently used rows beyond `maxRows`; returns how many went. */
  prune(maxRows: number): number {
    if (!Number.isInteger(maxRows) || maxRows < 0) throw new Error(`maxRows must be a whole number of at least 0 (got ${maxRows})`);
    return this.sql.prune.run(maxRows).changes;
  }

  /** The row as stored, without counting a hit (status pages and tests). */
  row(key: CacheKey): CacheRow | null {
    return (this.sql.row.get(...keyValues(key)) as CacheRow | undefined) ?? null;
  }

  count(): number {
    return this.sql.count.get() as number;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function keyValues(key: CacheKey): [string, string, string, string] {
  return [key.engine, key.from, key.to, normaliseSourceText(key.text)];
}
