// What the payment rules' tests share (not used by the rules themselves).
import { PaymentRefusal } from './payment-errors.ts';

export { seededRandom } from '@onemoment/shared/seeded-random';

/** The refusal `run` throws; fails the test when it throws something else, or nothing. */
export function refusal(run: () => unknown): PaymentRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
