import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { StateCount } from './job-store.ts';

/** How a send (or a lookup, or a re-record of a kept answer) ended, for the counter's `outcome` label. */
export type SendOutcome = 'done' | 'found' | 'retry' | 'rate_limited' | 'needs_person' | 'record_failed' | 'interrupted';

export interface OutboxMetrics {
  sends: Counter<'vendor' | 'outcome'>;
  /** From a job being written to its vendor's answer being recorded. */
  latency: Histogram<'vendor'>;
}

export interface OutboxMetricsSource {
  counts(): StateCount[];
  oldestOwedAt(): string | null;
  now(): Date;
}

/**
 * The outbox on the hub's registry. Job counts and the oldest job's age are read from SQLite when
 * Prometheus scrapes (the (vendor, state) index covers the count), so they can never drift from the rows.
 */
export function createOutboxMetrics(registry: Registry, source: OutboxMetricsSource): OutboxMetrics {
  new Gauge({
    name: 'hub_outbox_jobs',
    help: 'Outbox jobs by vendor and state (waiting, running, done, needs_person, cancelled)',
    labelNames: ['vendor', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const row of source.counts()) this.set({ vendor: row.vendor, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'hub_outbox_oldest_waiting_seconds',
    help: 'Age of the oldest outbox job still waiting or being sent (0 when none): how long the hub has owed the internet',
    registers: [registry],
    collect() {
      const oldest = source.oldestOwedAt();
      this.set(oldest ? Math.max(0, (source.now().getTime() - Date.parse(oldest)) / 1000) : 0);
    },
  });
  return {
    sends: new Counter({
      name: 'hub_outbox_sends_total',
      help: 'Outbox sends by vendor and outcome: done, found (a lookup found it done), retry, rate_limited, needs_person, record_failed, interrupted',
      labelNames: ['vendor', 'outcome'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'hub_outbox_job_seconds',
      help: 'Time from an outbox job being written to its vendor’s answer being recorded',
      labelNames: ['vendor'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800, 3600],
      registers: [registry],
    }),
  };
}
