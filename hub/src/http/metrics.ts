import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HubMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  ordersPlaced: Counter<'source'>;
  socketsConnected: Gauge<'namespace'>;
  commitBatchSize: Histogram;
}

/** One registry per hub, so tests that start several hubs in one process do not share counters. */
export function createMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    ordersPlaced: new Counter({ name: 'hub_orders_placed_total', help: 'Orders placed', labelNames: ['source'], registers: [registry] }),
    socketsConnected: new Gauge({ name: 'hub_sockets_connected', help: 'Connected realtime sockets', labelNames: ['namespace'], registers: [registry] }),
    commitBatchSize: new Histogram({
      name: 'hub_commit_batch_size',
      help: 'Commands committed together in one transaction (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers: [registry],
    }),
  };
}
