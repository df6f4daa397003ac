/**
 * A vendor's API in its own process, for the outbox drain benchmark: it stamps each request's arrival by
 * its own clock, as a vendor counting requests against a rate limit would. The control API (PORT) stays
 * up; the vendor API (VENDOR_PORT) is down (connection refused) until POST /up opens it.
 *
 *   GET  /api/health   200 once the control API listens
 *   POST /up           opens the vendor API; answers { at } (this process's clock, ms)
 *   GET  /stats        { arrivals: [ms...], duplicateKeys: [...], distinctKeys }
 *   POST /check        (vendor API) with an idempotency-key header: 200 { ok: true }
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const controlPort = Number(process.env.PORT ?? 0);
const vendorPort = Number(process.env.VENDOR_PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const arrivals: number[] = [];
const keys = new Map<string, number>();

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const chunk of request) void chunk;
}

const vendor = createServer((request, response) => {
  const at = performance.now();
  void drain(request).then(() => {
    if (request.method !== 'POST' || request.url !== '/check') return json(response, 404, { message: 'No such endpoint' });
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') return json(response, 400, { message: 'An idempotency-key header is required' });
    arrivals.push(at);
    keys.set(key, (keys.get(key) ?? 0) + 1);
    json(response, 200, { ok: true });
  });
});

const control = createServer((request, response) => {
  void drain(request).then(async () => {
    if (request.url === '/api/health') return json(response, 200, { status: 'ok' });
    if (request.method === 'POST' && request.url === '/up') {
      if (!vendor.listening) {
        vendor.listen(vendorPort, host);
        await once(vendor, 'listening');
      }
      return json(response, 200, { at: performance.now() });
    }
    if (request.url === '/stats') {
      const duplicateKeys = [...keys].filter(([, count]) => count > 1).map(([key]) => key);
      return json(response, 200, { arrivals, duplicateKeys, distinctKeys: keys.size });
    }
    json(response, 404, { message: 'No such endpoint' });
  });
});

control.listen(controlPort, host);
process.on('SIGTERM', () => process.exit(0));
