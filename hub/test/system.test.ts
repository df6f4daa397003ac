import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.ts';

describe('the hub as a service', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('answers its health check with the database reachable', async () => {
    const response = await t.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', db: 'ok' });
  });

  it('describes the demo venue with its three stations', async () => {
    const response = await t.request('GET', '/api/venue');
    expect(response.body.stations.map((s: { id: string }) => s.id)).toEqual(['grill', 'cold', 'bar']);
    expect(response.body).toMatchObject({ currency: 'EUR', languages: ['en', 'ru'], visitPolicy: 'auto' });
  });

  it('serves Prometheus metrics with the request latency histogram', async () => {
    await t.request('GET', '/api/health');
    const response = await t.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.body).toContain('hub_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/api/health",status="200"}');
    expect(response.body).toContain('hub_orders_placed_total');
    expect(response.body).toContain('hub_sockets_connected');
  });

  it('publishes an OpenAPI document and its page', async () => {
    const document = await t.request('GET', '/api/docs/json');
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toContain('/api/venue');
    expect((await t.request('GET', '/api/docs/')).status).toBe(200);
  });

  it('answers an unknown path with a 404 in the standard error shape', async () => {
    const response = await t.request('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', message: 'Nothing at GET /api/nothing-here.' });
  });
});
