// For the vendor clients' tests: a send context that counts the requests a call spends (and can be
// aborted, as the hub's closing does), and the VendorError a call is expected to end in.
import { VendorError, type SendContext } from '../../src/outbox/vendor-adapter.ts';

export function sendContext(): SendContext & { taken: number; abort(): void } {
  const controller = new AbortController();
  const context = {
    taken: 0,
    signal: controller.signal,
    abort: () => controller.abort(),
    async takeRequest() {
      context.taken++;
    },
  };
  return context;
}

export async function vendorError(run: Promise<unknown>): Promise<VendorError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof VendorError) return error;
    throw error;
  }
  throw new Error('expected a VendorError');
}
