// A visit's bill as staff and guests see it: the pure bill (bill-rules) with what was paid, written
// off and how it is split. Pure: the service gathers the rows, this says what they add up to.
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { BillingSettings, BillView, Payment } from '@onemoment/shared/schemas/payments';
import { sumMinor } from '@onemoment/shared/money';
import { buildBill, BP_WHOLE, type BillItemInput, type DiscountInput } from './bill-rules.ts';
import { mulDivHalfUp } from '@onemoment/shared/apportion';
import type { DiscountRow, PartRow, SplitRow, WriteOffRow } from './bill-store.ts';

export interface BillFacts {
  visit: { id: string; tableId: string; tableName: string };
  currency: string;
  items: readonly (BillItemInput & { names?: LocalizedText })[];
  tonAvailable: boolean;
  settings: BillingSettings;
  discounts: readonly DiscountRow[];
  payments: readonly Payment[];
  writeOffs: readonly WriteOffRow[];
  split: { split: SplitRow; parts: readonly PartRow[] } | null;
}

export function billState(facts: BillFacts): BillView {
  const subtotalMinor = sumMinor(facts.items.filter((item) => item.status !== 'cancelled' && item.status !== 'voided').map((item) => item.totalMinor));
  const discounts = fitDiscounts(subtotalMinor, facts.discounts);
  const bill = buildBill({
    items: facts.items,
    taxMode: facts.settings.taxMode,
    serviceChargeBp: facts.settings.serviceChargeBp,
    discounts: discounts.map((discount) => discount.input),
  });
  const namesOf = new Map(facts.items.map((item) => [item.id, item.names ?? { en: item.name }]));
  const paidMinor = sumMinor(facts.payments.map((payment) => payment.amountMinor));
  const tipsMinor = sumMinor(facts.payments.map((payment) => payment.tipMinor));
  const writtenOffMinor = sumMinor(facts.writeOffs.map((writeOff) => writeOff.amountMinor));
  const dueMinor = Math.max(0, bill.totalMinor - paidMinor - writtenOffMinor);
  const owedBackMinor = Math.max(0, paidMinor - bill.totalMinor);
  const status: BillView['status'] = dueMinor > 0 || (bill.totalMinor === 0 && paidMinor === 0) ? 'open' : writtenOffMinor > 0 ? 'written_off' : 'paid';
  return {
    visitId: facts.visit.id,
    tableId: facts.visit.tableId,
    tableName: facts.visit.tableName,
    currency: facts.currency,
    status,
    taxMode: bill.taxMode,
    lines: bill.lines.map((line) => ({ ...line, names: namesOf.get(line.itemId) ?? { en: line.name } })),
    subtotalMinor: bill.subtotalMinor,
    discounts: bill.discounts.map((applied, index) => ({
      id: discounts[index]!.row.id,
      kind: applied.kind,
      rateBp: applied.rateBp,
      amountMinor: applied.amountMinor,
      reason: applied.reason,
    })),
    discountMinor: bill.discountMinor,
    serviceChargeBp: bill.serviceChargeBp,
    serviceChargeMinor: bill.serviceChargeMinor,
    taxLines: bill.taxLines,
    taxMinor: bill.taxMinor,
    taxAddedMinor: bill.taxAddedMinor,
    totalMinor: bill.totalMinor,
    paidMinor,
    tipsMinor,
    writtenOffMinor,
    dueMinor,
    owedBackMinor,
    payments: [...facts.payments],
    writeOffs: facts.writeOffs.map((writeOff) => ({ id: writeOff.id, amountMinor: writeOff.amountMinor, reason: writeOff.reason, createdAt: writeOff.createdAt })),
    split: facts.split ? splitState(facts.split, facts.payments, dueMinor) : null,
    tonAvailable: facts.tonAvailable,
  };
}

/**
 * Each part's due is its amount less what was paid toward it. A split is current while its parts'
 * dues still add up to the bill's due: a voided item, a discount or a payment made without naming a
 * part breaks that, and the table splits again rather than pay parts that no longer add up.
 */
function splitState(current: { split: SplitRow; parts: readonly PartRow[] }, payments: readonly Payment[], billDueMinor: number): NonNullable<BillView['split']> {
  const parts = current.parts.map((part) => {
    const paidMinor = sumMinor(payments.filter((payment) => payment.partId === part.id).map((payment) => payment.amountMinor));
    return { id: part.id, position: part.position, label: part.label, amountMinor: part.amountMinor, paidMinor, dueMinor: Math.max(0, part.amountMinor - paidMinor) };
  });
  const partsDue = sumMinor(parts.map((part) => part.dueMinor));
  return { id: current.split.id, kind: current.split.kind, baseMinor: current.split.baseMinor, current: partsDue === billDueMinor, parts };
}

/**
 * Discounts as the bill can carry them now. Each was checked against the bill when it was given; an
 * item voided since can leave an amount discount larger than what is left, so amounts are trimmed,
 * newest first, to the subtotal less the percentages (never below zero, never refused on a read).
 */
function fitDiscounts(subtotalMinor: number, rows: readonly DiscountRow[]): Array<{ row: DiscountRow; input: DiscountInput }> {
  const percentMinor = sumMinor(rows.filter((row) => row.kind === 'percent').map((row) => mulDivHalfUp(subtotalMinor, row.rateBp ?? 0, BP_WHOLE)));
  let roomMinor = Math.max(0, subtotalMinor - percentMinor);
  const amounts = new Map<string, number>();
  for (const row of rows) {
    if (row.kind !== 'amount') continue;
    const amount = Math.min(row.amountMinor ?? 0, roomMinor);
    amounts.set(row.id, amount);
    roomMinor -= amount;
  }
  return rows
    .filter((row) => row.kind === 'percent' || (amounts.get(row.id) ?? 0) > 0)
    .map((row) => ({
      row,
      input: row.kind === 'percent' ? { kind: 'percent', rateBp: row.rateBp ?? 0, reason: row.reason } : { kind: 'amount', amountMinor: amounts.get(row.id)!, reason: row.reason },
    }));
}
