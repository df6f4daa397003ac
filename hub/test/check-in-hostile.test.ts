/**
 * Every check-in route, with hostile ids, bodies and tokens: each answers with a 4xx and a sentence,
 * never a 500 (until the hotel module wires check-in, the hub-wide sweep in no-500-sweep.test.ts does
 * not see these routes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { bookStay, startCheckInHub, type CheckInTestHub } from '../src/hotel/check-in/test-support.ts';

const HOSTILE_IDS = ['nope', '☃️🍔', '<script>alert(1)</script>', 'x'.repeat(300), '..%2F..%2Fetc%2Fpasswd', '%00', "1' OR '1'='1"];
const HOSTILE_BODIES = ['{"fullName": [', '[]', 'null', '"text"', '42', '{"__proto__": {"admin": true}}', '{"a":'.repeat(300) + '1' + '}'.repeat(300), JSON.stringify({ address: 'x'.repeat(600_000) })];

describe('check-in routes under hostile input', () => {
  let t: CheckInTestHub;
  let tokens: Array<string | undefined>;
  let bookingId: string;

  beforeAll(async () => {
    t = await startCheckInHub({ clock: new ManualClock(new Date('2026-06-01T12:00:00Z')) });
    const desk = await t.login('4444');
    const stay = await bookStay(t, desk, { arrival: '2026-06-03', departure: '2026-06-04' });
    bookingId = stay.booking.id;
    const guest = (await t.request('POST', `/api/guest/check-in/${stay.code}/join`)).body.token as string;
    tokens = [undefined, 'not-a-token-at-all', desk, await t.login('2222'), guest];
  });
  afterAll(async () => t?.close());

  it('never answers 500', async () => {
    const routes = [
      ...HOSTILE_IDS.map((id) => ['POST', `/api/guest/check-in/${id}/join`]),
      ['GET', '/api/guest/stay'],
      ['PUT', '/api/guest/stay/registration'],
      ['PUT', '/api/guest/stay/id-photo'],
      ...[...HOSTILE_IDS, bookingId].flatMap((id) => [
        ['GET', `/api/hotel/bookings/${id}/registration`],
        ['GET', `/api/hotel/bookings/${id}/id-photo`],
        ['GET', `/api/hotel/bookings/${id}/signature`],
        ['GET', `/api/hotel/bookings/${id}/registration-card.pdf`],
        ['POST', `/api/hotel/bookings/${id}/registration-card/print`],
      ]),
    ] as Array<[string, string]>;
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const token of tokens) {
        const bodies: Array<{ body?: string; type?: string }> = method === 'GET' ? [{}] : [{}, ...HOSTILE_BODIES.map((body) => ({ body, type: 'application/json' })), { body: 'x', type: 'image/png' }, { body: 'x', type: 'multipart/form-data; boundary=z' }];
        for (const body of bodies) {
          const response = await t.send(method, path, { ...body, token });
          if (response.status >= 500) failures.push(`${method} ${path} ${body.type ?? ''} → ${response.status}`);
          else if (response.status >= 400) {
            const problem = (await response.json()) as { error?: string; message?: string };
            if (!problem.error || !problem.message) failures.push(`${method} ${path} → ${response.status} without a code and sentence`);
          } else await response.arrayBuffer();
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
