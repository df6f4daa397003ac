/**
 * Reading and documenting a service's environment. Each option is declared once: its variable, its
 * default as the README shows it, what it means, and how its value is read. `readEnv` reads them all
 * and gathers every problem in one list (a service names every bad value at once, then refuses to
 * start); `envDocs` and `envDocRows` give the documentation table from the same declarations.
 *
 * Pure: the caller passes the environment (process.env, or a test's plain object).
 */

export type Env = Record<string, string | undefined>;

/** What one option says of its raw value: the value to use, and a problem when the raw value is bad. */
export interface EnvRead<T> {
  value: T;
  problem?: string;
}

export interface EnvDoc {
  readonly env: string;
  /** The default as the README shows it: the value itself, or words for what stands in, like `(none)`. */
  readonly default: string;
  readonly doc: string;
}

export interface EnvOption<T> extends EnvDoc {
  /**
   * Reads the raw value: trimmed, undefined when unset or blank. A bad value gives a problem and a
   * value for the checks across options (the default; an optional one stays set, as given), so the
   * other options are still read and every problem is named at once.
   */
  read(raw: string | undefined): EnvRead<T>;
}

/** The levels pino knows, for the LOG_LEVEL of every service. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An option read by a function of its own (for the few no builder below fits). */
export function option<T>(env: string, shownDefault: string, doc: string, read: (raw: string | undefined) => EnvRead<T>): EnvOption<T> {
  return { env, default: shownDefault, doc, read };
}

/**
 * A whole number from min to max. `unit` converts it (3_600_000 turns hours into milliseconds); the
 * range and the message speak in the unit of the variable. `shown` documents a default that is not a
 * constant (`(all cores)`).
 */
export function integer(
  env: string,
  spec: { default: number; min: number; max: number; doc: string; unit?: number; shown?: string },
): EnvOption<number> {
  const unit = spec.unit ?? 1;
  return option(env, spec.shown ?? String(spec.default), spec.doc, (raw) => {
    const text = raw ?? String(spec.default);
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < spec.min || parsed > spec.max) {
      return { value: spec.default * unit, problem: `${env} must be a whole number from ${spec.min} to ${spec.max} (got "${text}")` };
    }
    return { value: parsed * unit };
  });
}

/** One of a list of words, in any case. */
export function oneOf<const T extends string>(env: string, spec: { default: T; values: readonly T[]; doc: string }): EnvOption<T> {
  return option(env, spec.default, spec.doc, (raw) => {
    const value = (raw ?? spec.default).toLowerCase();
    if (!(spec.values as readonly string[]).includes(value)) {
      return { value: spec.default, problem: `${env} must be one of ${spec.values.join(', ')} (got "${value}")` };
    }
    return { value: value as T };
  });
}

const LENIENT_ON_OFF = ['on', 'off', 'true', 'false', '1', '0'] as const;

/** on or off, as a boolean. `lenient` also takes true/false and 1/0 (the hub's switches always have). */
export function onOff(env: string, spec: { default: 'on' | 'off'; doc: string; lenient?: boolean }): EnvOption<boolean> {
  const isOn = (value: string) => value === 'on' || value === 'true' || value === '1';
  if (spec.lenient) {
    const word = oneOf(env, { default: spec.default, values: LENIENT_ON_OFF, doc: spec.doc });
    return option(env, spec.default, spec.doc, (raw) => {
      const { value, problem } = word.read(raw);
      return problem ? { value: isOn(spec.default), problem } : { value: isOn(value) };
    });
  }
  return option(env, spec.default, spec.doc, (raw) => {
    const value = (raw ?? spec.default).toLowerCase();
    if (value !== 'on' && value !== 'off') return { value: isOn(spec.default), problem: `${env} must be on or off (got "${value}")` };
    return { value: value === 'on' };
  });
}

/** A string with a default; `check` returns the problem of a bad value (the whole sentence). */
export function text(
  env: string,
  spec: { default: string; doc: string; lowercase?: boolean; check?: (value: string) => string | undefined },
): EnvOption<string> {
  return option(env, spec.default, spec.doc, (raw) => {
    const given = raw ?? spec.default;
    const value = spec.lowercase ? given.toLowerCase() : given;
    const problem = spec.check?.(value);
    return problem ? { value: spec.default, problem } : { value };
  });
}

/**
 * A string that may be left unset (null then); `check` returns the problem of a bad value. A bad value
 * still counts as set, for the checks that look at several options (a certificate without its key).
 */
export function optional(
  env: string,
  spec: { doc: string; shown?: string; check?: (value: string) => string | undefined },
): EnvOption<string | null> {
  return option(env, spec.shown ?? '(none)', spec.doc, (raw) => {
    if (raw === undefined) return { value: null };
    const problem = spec.check?.(raw);
    return problem ? { value: raw, problem } : { value: raw };
  });
}

/** An option of the service documented with the others but read elsewhere (a CLI of its own). */
export function documented(env: string, shownDefault: string, doc: string): EnvOption<undefined> {
  return option(env, shownDefault, doc, () => ({ value: undefined }));
}

export type EnvOptions = Record<string, EnvOption<unknown>>;
export type EnvValues<O extends EnvOptions> = { [K in keyof O]: O[K] extends EnvOption<infer T> ? T : never };

/** Reads every option, in the order declared; `problems` lists every bad value. */
export function readEnv<O extends EnvOptions>(options: O, env: Env): { values: EnvValues<O>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, declared] of Object.entries(options)) {
    const raw = env[declared.env]?.trim();
    const read = declared.read(raw === '' ? undefined : raw);
    values[key] = read.value;
    if (read.problem !== undefined) problems.push(read.problem);
  }
  return { values: values as EnvValues<O>, problems };
}

/** The documentation of every option, in the order declared. */
export function envDocs(options: EnvOptions): EnvDoc[] {
  return Object.values(options).map(({ env, default: shown, doc }) => ({ env, default: shown, doc }));
}

/** The rows of a README table `| variable | default | meaning |`, one per option. */
export function envDocRows(docs: readonly EnvDoc[]): string[] {
  return docs.map((option) => `| \`${option.env}\` | \`${option.default}\` | ${option.doc} |`);
}

/** Every problem of a service's environment, named at once; each service gives it its own name. */
export class EnvConfigError extends Error {
  constructor(
    whose: string,
    readonly problems: string[],
  ) {
    super(`${whose} configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  }
}
