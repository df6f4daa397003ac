import { Counter, Histogram, type Registry } from 'prom-client';

export interface PrintingMetrics {
  jobs: Counter<'kind' | 'outcome'>;
  /** From the job being written (with its order) to the printer confirming it. */
  latency: Histogram<'kind'>;
}

export function createPrintingMetrics(registry: Registry): PrintingMetrics {
  return {
    jobs: new Counter({
      name: 'hub_print_jobs_total',
      help: 'Print attempts by outcome: printed, retry (not sent, will try again), failed (may have printed, or unprintable)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'hub_print_job_seconds',
      help: 'Time from a print job being queued to the printer confirming it',
      labelNames: ['kind'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
      registers: [registry],
    }),
  };
}
