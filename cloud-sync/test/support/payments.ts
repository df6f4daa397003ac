import type { BillSettled, Payment } from '@onemoment/shared/schemas/payments';
import { newId } from '@onemoment/shared/ids';

/**
 * Payments and settled bills in the hub's shapes (the payloads of payment.recorded and bill.settled),
 * with the card slip's details and the staff id filled in as the hub has them: the layout must leave
 * them out.
 */
export function makePayment(method: Payment['method'], amountMinor: number, tipMinor: number, createdAt: string, overrides: Partial<Payment> = {}): Payment {
  return {
    id: newId(),
    visitId: newId(),
    partId: null,
    method,
    amountMinor,
    tipMinor,
    tenderedMinor: method === 'cash' ? amountMinor + 750 : null,
    changeMinor: method === 'cash' ? 750 : 0,
    last4: method === 'card' ? '4242' : null,
    approvalCode: method === 'card' ? 'A1B2C3' : null,
    tonInvoiceId: method === 'ton' ? newId() : null,
    currency: 'EUR',
    businessDay: createdAt.slice(0, 10),
    staffId: method === 'ton' ? null : 'staff-waiter-1',
    createdAt,
    ...overrides,
  };
}

export function makeBill(visitId: string, settledAt: string, figures: Partial<BillSettled>): BillSettled {
  return {
    visitId,
    businessDay: settledAt.slice(0, 10),
    currency: 'EUR',
    subtotalMinor: 0,
    discountMinor: 0,
    serviceChargeMinor: 0,
    taxMinor: 0,
    taxLines: [],
    totalMinor: 0,
    paidMinor: 0,
    tipsMinor: 0,
    writtenOffMinor: 0,
    settledAt,
    ...figures,
  };
}
