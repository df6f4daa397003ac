// The refusals of the bill, split and tender rules. They are HubErrors, so the error handler sends
// each as it is (status, code, sentence, details) once routes exist; the rules themselves stay pure.
import { HubError } from '../errors.ts';

/** Each code and the HTTP status it is answered with. 409 where the request is fine but the bill says no. */
export const PAYMENT_REFUSALS = {
  bad_bill: 400,
  discount_exceeds_subtotal: 409,
  bad_split: 400,
  split_does_not_add_up: 400,
  line_not_fully_assigned: 400,
  bad_payment: 400,
  already_paid: 409,
  more_than_due: 409,
  not_enough_tendered: 400,
} as const;

export type PaymentRefusalCode = keyof typeof PAYMENT_REFUSALS;

export class PaymentRefusal extends HubError {
  constructor(
    override readonly code: PaymentRefusalCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(PAYMENT_REFUSALS[code], code, message, details);
    this.name = 'PaymentRefusal';
  }
}

/** Amounts that reach the rules must be whole minor units: a fraction of a cent is refused, never rounded. */
export function assertMinor(value: number, what: string, code: PaymentRefusalCode, options: { positive?: boolean } = {}): void {
  const ok = Number.isSafeInteger(value) && (options.positive ? value > 0 : value >= 0);
  if (!ok) {
    const kind = options.positive ? 'a whole amount above zero' : 'a whole amount, zero or more';
    throw new PaymentRefusal(code, `${what} must be ${kind} in minor units (cents); got ${String(value)}.`, { value });
  }
}

/** How a refusal writes an amount: the rules default to minor units; the service passes the venue's money format ("€4.50"). */
export type MoneyWords = (amountMinor: number) => string;
export const minorUnits: MoneyWords = (amountMinor) => `${amountMinor} minor units`;
