// A hub process for outbox crash tests: the real hub, with the fake vendor's adapter registered (as a
// module would in its setup) and one test-only route that writes a job in a command of its own.
import { createHub } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { ResendSafety } from '../../src/outbox/vendor-adapter.ts';
import { FakeVendorAdapter } from './fake-vendor-adapter.ts';

const hub = await createHub(loadConfig());
const { outbox, commands, store } = hub.context;
outbox.register(
  new FakeVendorAdapter({
    baseUrl: process.env.FAKE_VENDOR_URL ?? 'http://127.0.0.1:9',
    sqlite: store.sqlite,
    resendSafety: (process.env.FAKE_VENDOR_RESEND as ResendSafety | undefined) ?? 'lookup',
  }),
);
hub.app.post('/test/outbox/jobs', async (request) => {
  const { key, item } = request.body as { key: string; item: string };
  return commands.run((tx) => outbox.enqueue(tx, { vendor: 'fake', kind: 'order', idempotencyKey: key, payload: { item } }));
});
await hub.listen();
