import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  bodySchema: any;
}

/** Paths whose success would change what the sweep relies on (its own tokens). */
const EXCLUDED = new Set(['POST /api/staff/logout']);

const HOSTILE_IDS = ['nope', '☃️🍔', '<script>alert(1)</script>', 'x'.repeat(300), '..%2F..%2Fetc%2Fpasswd', '%00', "1' OR '1'='1"];

const HOSTILE_BODIES: Array<{ name: string; raw: string }> = [
  { name: 'malformed JSON', raw: '{"items": [' },
  { name: 'an array', raw: '[]' },
  { name: 'null', raw: 'null' },
  { name: 'a string', raw: '"order"' },
  { name: 'a number', raw: '42' },
  { name: 'an unknown field', raw: JSON.stringify({ hacker: true }) },
  { name: 'deep nesting', raw: '{"a":'.repeat(500) + '1' + '}'.repeat(500) },
  { name: 'a huge body', raw: JSON.stringify({ note: 'x'.repeat(70_000) }) },
  { name: 'a prototype key', raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
];

/** Wrong types for every property the schema names, one at a time. */
function wrongTypeBodies(schema: any): Array<{ name: string; raw: string }> {
  const properties = schema?.properties ?? {};
  const bodies: Array<{ name: string; raw: string }> = [];
  for (const [key, property] of Object.entries<any>(properties)) {
    const wrong = property.type === 'string' ? 12345 : property.type === 'array' ? 'not-a-list' : property.type === 'object' ? [1, 2] : 'not-a-number';
    bodies.push({ name: `${key} of the wrong type`, raw: JSON.stringify({ [key]: wrong }) });
  }
  return bodies;
}

describe('a sweep of hostile requests over every route', () => {
  let t: TestHub;
  let operations: Operation[];
  let tokens: Record<string, string | undefined>;

  beforeAll(async () => {
    t = await startTestHub();
    const document = (await t.request('GET', '/api/docs/json')).body;
    operations = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        const key = `${method.toUpperCase()} ${path}`;
        if (EXCLUDED.has(key)) continue;
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
        operations.push({ method: method.toUpperCase(), path, hasBody: Boolean(bodySchema), bodySchema });
      }
    }
    tokens = {
      none: undefined,
      garbage: 'this-is-not-a-token-at-all',
      manager: await t.login('1111'),
      kitchen: await t.login('3333'),
      guest: await t.guestToken('table-2'),
    };
  });
  afterAll(() => t.close());

  /** Row counts of every table but the login bookkeeping: a refused request must leave them as they were. */
  function fingerprint(): Record<string, number> {
    const sqlite = t.hub.context.store.sqlite;
    const names = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT IN ('login_failures')")
      .pluck()
      .all() as string[];
    return Object.fromEntries(names.map((name) => [name, sqlite.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number]));
  }

  it('finds the API in its OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(25);
  });

  // Thousands of requests: generous time on a busy 2-core CI box.
  it('never answers 5xx, always { error, message }, and a refused write changes nothing', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const paths = operation.path.includes('{')
        ? HOSTILE_IDS.map((id) => operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id)))
        : [operation.path + '?lang=%3Cscript%3E&status=weird&station=%F0%9F%8D%94'];
      const bodies = operation.hasBody ? [...HOSTILE_BODIES, ...wrongTypeBodies(operation.bodySchema)] : [{ name: 'no body', raw: '' }];
      // Every hostile id with an empty object, and every hostile body at one path: enough to reach each check.
      const cases = [
        ...paths.map((path) => ({ path, body: operation.hasBody ? { name: 'an empty object', raw: '{}' } : { name: 'no body', raw: '' } })),
        ...bodies.map((body) => ({ path: paths[0]!, body })),
      ];
      for (const [tokenName, token] of Object.entries(tokens)) {
        {
          for (const { path, body } of cases) {
            const before = fingerprint();
            const response = await fetch(t.baseUrl + path, {
              method: operation.method,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(body.raw ? { 'content-type': 'application/json' } : {}),
              },
              body: body.raw || undefined,
            });
            const text = await response.text();
            const label = `${operation.method} ${path.slice(0, 80)} as ${tokenName} with ${body.name}`;
            if (response.status >= 500) failures.push(`${label}: ${response.status} ${text.slice(0, 200)}`);
            if (response.status >= 400) {
              let parsed: any = null;
              try {
                parsed = JSON.parse(text);
              } catch {
                // reported below
              }
              if (typeof parsed?.error !== 'string' || typeof parsed?.message !== 'string') failures.push(`${label}: not { error, message }: ${text.slice(0, 120)}`);
              const after = fingerprint();
              if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${label}: refused with ${response.status} but changed rows`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  /** Other spellings of one path that a router may take for it: a letter percent-encoded, upper case. */
  function spellings(path: string): string[] {
    const letters = [...path.matchAll(/[a-z]/g)].map((match) => match.index!);
    const encodeAt = (index: number) => `${path.slice(0, index)}%${path.charCodeAt(index).toString(16)}${path.slice(index + 1)}`;
    return [
      encodeAt(letters[letters.length - 1]!),
      encodeAt(letters[5] ?? letters[0]!),
      encodeAt(letters[5] ?? letters[0]!).toUpperCase().replace(/%([0-9A-F]{2})/g, (_m, hex: string) => `%${hex.toLowerCase()}`),
      path.toUpperCase(),
      path.replace('/api/', '/API/'),
      path.replace(/\/$/, '') + '/',
      '/' + path.replace(/^\//, '/'),
    ];
  }

  it('refuses every other spelling of a path that needs a login, as it refuses the path itself', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'some-id');
      const plain = await fetch(t.baseUrl + path, { method: operation.method, headers: operation.hasBody ? { 'content-type': 'application/json' } : {}, body: operation.hasBody ? '{}' : undefined });
      if (plain.status !== 401) continue;
      checked += 1;
      for (const spelling of spellings(path)) {
        const response = await fetch(t.baseUrl + spelling, {
          method: operation.method,
          headers: operation.hasBody ? { 'content-type': 'application/json' } : {},
          body: operation.hasBody ? '{}' : undefined,
        });
        if (![400, 401, 404].includes(response.status)) failures.push(`${operation.method} ${spelling}: ${response.status} ${(await response.text()).slice(0, 120)}`);
        else await response.body?.cancel();
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
