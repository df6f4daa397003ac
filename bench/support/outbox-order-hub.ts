/**
 * The hub for the outbox overhead benchmark: the real hub, and with OUTBOX_JOB_PER_ORDER=on a test-only
 * subscriber that writes one outbox job (an e-receipt for a cloud vendor) in each order's transaction,
 * as a module's `events.on('order.placed')` handler would. No adapter is registered, so the jobs wait:
 * what is measured is the cost of writing them durably with the order.
 */
import { createHub } from '../../hub/src/app.ts';
import { loadConfig } from '../../hub/src/config.ts';

const hub = await createHub(loadConfig());
if (process.env.OUTBOX_JOB_PER_ORDER === 'on') {
  const { events, outbox } = hub.context;
  events.on('order.placed', (tx, order) => {
    outbox.enqueue(tx, {
      vendor: 'bench-receipts',
      kind: 'e-receipt',
      idempotencyKey: order.id,
      payload: { orderId: order.id, number: order.number, totalMinor: order.totalMinor, currency: order.currency, items: order.items.length },
    });
  });
}
await hub.listen();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await hub.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
