// A business day's figures for its close: takings by tender, tips, discounts, service, taxes by rate,
// written off, the tables still open and the TON not yet confirmed. Pure: the service gathers rows.
import type { BillView, DayTotals, Payment, PaymentMethod } from '@onemoment/shared/schemas/payments';
import { PAYMENT_METHODS, ROOM_CHARGE } from '@onemoment/shared/schemas/payments';
import { sumMinor } from '@onemoment/shared/money';

export interface DayFacts {
  businessDay: string;
  currency: string;
  /** Payments taken on the day (their businessDay), whenever their bill settles. */
  payments: readonly Payment[];
  /** Bills settled on the day: discounts, service and tax are counted when a bill settles. */
  settledBills: readonly Pick<BillView, 'discountMinor' | 'serviceChargeMinor' | 'taxLines' | 'taxMinor'>[];
  writeOffsMinor: readonly number[];
  openTables: DayTotals['openTables'];
  unconfirmedTon: DayTotals['unconfirmedTon'];
  closed: { closedAt: string; closedBy: string; note: string | null } | null;
}

export function dayTotals(facts: DayFacts): DayTotals {
  const byMethod = PAYMENT_METHODS.map((method: PaymentMethod) => {
    const of = facts.payments.filter((payment) => payment.method === method);
    return { method, count: of.length, amountMinor: sumMinor(of.map((p) => p.amountMinor)), tipMinor: sumMinor(of.map((p) => p.tipMinor)) };
  }).filter((entry) => entry.count > 0);
  const taxByRate = new Map<number, { netMinor: number; taxMinor: number }>();
  for (const bill of facts.settledBills) {
    for (const line of bill.taxLines) {
      const sum = taxByRate.get(line.rateBp) ?? { netMinor: 0, taxMinor: 0 };
      taxByRate.set(line.rateBp, { netMinor: sum.netMinor + line.netMinor, taxMinor: sum.taxMinor + line.taxMinor });
    }
  }
  return {
    businessDay: facts.businessDay,
    currency: facts.currency,
    byMethod,
    // Charged to rooms is listed by its tender, but it is no money in: the folio collects it at checkout.
    takingsMinor: sumMinor(byMethod.filter((entry) => entry.method !== ROOM_CHARGE).map((entry) => entry.amountMinor)),
    tipsMinor: sumMinor(byMethod.map((entry) => entry.tipMinor)),
    discountMinor: sumMinor(facts.settledBills.map((bill) => bill.discountMinor)),
    serviceChargeMinor: sumMinor(facts.settledBills.map((bill) => bill.serviceChargeMinor)),
    writtenOffMinor: sumMinor(facts.writeOffsMinor),
    taxLines: [...taxByRate.entries()].sort(([a], [b]) => a - b).map(([rateBp, sums]) => ({ rateBp, ...sums })),
    taxMinor: sumMinor(facts.settledBills.map((bill) => bill.taxMinor)),
    settledBills: facts.settledBills.length,
    openTables: facts.openTables,
    unconfirmedTon: facts.unconfirmedTon,
    closedAt: facts.closed?.closedAt ?? null,
    closedBy: facts.closed?.closedBy ?? null,
    note: facts.closed?.note ?? null,
  };
}
