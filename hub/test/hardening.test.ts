import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

describe('security headers on the pages', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it.each(['/admin/', '/kds/', '/t/some-table-code'])('%s may not be framed, sniffed or load code from elsewhere', async (path) => {
    const response = await fetch(t.baseUrl + path);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it("keeps the API page's own policy, which lets its scripts run", async () => {
    const response = await fetch(t.baseUrl + '/api/docs/');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    // On a LAN served over http, an upgrade to https would leave the page blank.
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('/metrics', () => {
  let t: TestHub;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    t = await startTestHub({ env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  const scrape = (remoteAddress: string, authorization?: string) =>
    t.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });

  it('answers the hub itself', async () => {
    expect((await scrape('127.0.0.1')).statusCode).toBe(200);
    expect((await scrape('::1')).statusCode).toBe(200);
    expect((await scrape('::ffff:127.0.0.1')).statusCode).toBe(200);
    expect((await fetch(t.baseUrl + '/metrics')).status).toBe(200);
  });

  it('refuses another machine on the LAN unless it brings the token, whatever it claims to forward', async () => {
    const refused = await scrape('192.168.1.50');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('METRICS_TOKEN');
    expect(refused.body).not.toContain('http_request');
    const forwarded = await t.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.50', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(forwarded.statusCode).toBe(403);
    expect((await scrape('192.168.1.50', 'Bearer wrong-token-0123456789')).statusCode).toBe(403);
    expect((await scrape('192.168.1.50', `Bearer ${token}`)).statusCode).toBe(200);
  });

  it('refuses another machine when no token is configured', async () => {
    const plain = await startTestHub();
    try {
      expect((await plain.hub.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' })).statusCode).toBe(403);
    } finally {
      await plain.close();
    }
  });
});

describe('a slow client cannot hold a connection', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { REQUEST_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(() => t.close());

  /** Sends `start`, then nothing more; resolves with what the hub answered once it closed the connection. */
  function stall(start: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(t.port, '127.0.0.1', () => socket.write(start));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers 408 and closes a request whose body never comes', { timeout: 30_000 }, async () => {
    const answer = await stall('POST /api/staff/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"pin":');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a request whose headers never end', { timeout: 30_000 }, async () => {
    const answer = await stall('GET /api/health HTTP/1.1\r\nHost: hub\r\nX-Slow: a');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('the log', () => {
  let t: TestHub;
  const lines: Array<Record<string, any>> = [];
  beforeAll(async () => {
    t = await startTestHub({ env: { LOG_LEVEL: 'info' }, hubOptions: { logStream: { write: (line: string) => lines.push(JSON.parse(line)) } } });
  });
  afterAll(() => t.close());

  it("never holds a table's code, a PIN or a token; wrong PINs are warnings", async () => {
    const code = t.tableCode('table-2');
    expect((await fetch(`${t.baseUrl}/t/${code}?from=qr`)).status).toBe(200);
    const guest = await t.request('POST', '/api/guest/visits', { tableCode: code });
    expect((await t.request('POST', '/api/staff/login', { pin: '9876' })).status).toBe(401);
    const manager = await t.login('1111');
    await t.request('GET', '/api/staff/me', undefined, manager);

    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).toContain('/t/[code]?from=qr');
    for (const secret of [code, '9876', '1111', manager, guest.body.token]) expect(text).not.toContain(secret);
    const warning = lines.find((line) => line.msg === 'wrong PIN');
    expect(warning).toMatchObject({ level: 40, client: '127.0.0.1' });
  });
});
