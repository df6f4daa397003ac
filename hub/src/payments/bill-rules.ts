// A visit's bill as a pure function of its items and the venue's rules: which lines are charged,
// discounts, the service charge, tax per rate, tips and the total. Integer minor units only; every
// rounding happens once, in a named place, and the invariants at the end are checked on every bill.
import type { ItemStatus } from '@onemoment/shared/restaurant/order-lifecycle';
import { MAX_TAX_RATE_BP } from '@onemoment/shared/schemas/menu';
import { sumMinor } from '@onemoment/shared/money';
import { isCharged } from '@onemoment/shared/restaurant/order-totals';
import { apportion, mulDivHalfUp } from '@onemoment/shared/apportion';
import { assertMinor, minorUnits, PaymentRefusal, type MoneyWords } from './payment-errors.ts';

/** 10000 basis points = 100 %. */
export const BP_WHOLE = 10_000;

/**
 * included: menu prices contain the tax (VAT in Europe), so the bill shows the tax inside the total.
 * added: menu prices are net and tax is added on top (sales tax in the US).
 */
export type TaxMode = 'included' | 'added';

export interface BillItemInput {
  id: string;
  name: string;
  quantity: number;
  /** unitPriceMinor × quantity, as ordered (the order item's totalMinor). */
  totalMinor: number;
  status: ItemStatus;
  /** The menu item's rate: 2000 is 20 %. */
  taxRateBp: number;
}

/** A manager's discount on the whole bill: a fixed amount, or a percentage of the subtotal. */
export type DiscountInput =
  | { kind: 'amount'; amountMinor: number; reason: string }
  | { kind: 'percent'; rateBp: number; reason: string };

export interface BillInput {
  items: readonly BillItemInput[];
  taxMode: TaxMode;
  /** Charged on the subtotal after discounts; 1250 is 12.5 %. */
  serviceChargeBp?: number;
  discounts?: readonly DiscountInput[];
  /** Tips put on the bill itself; a tip given with a payment is the tender's, not the bill's. */
  tipsMinor?: readonly number[];
  /** How refusals write amounts (minor units unless the caller knows the currency). */
  money?: MoneyWords;
}

export interface BillLine {
  itemId: string;
  name: string;
  quantity: number;
  totalMinor: number;
  taxRateBp: number;
}

export interface AppliedDiscount {
  kind: DiscountInput['kind'];
  /** The percentage for a percent discount, null for an amount. */
  rateBp: number | null;
  amountMinor: number;
  reason: string;
}

/** One tax rate's share of the bill, after discounts. gross = net + tax in both modes. */
export interface TaxLine {
  rateBp: number;
  /** The discount spread onto this rate's lines. */
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface Bill {
  taxMode: TaxMode;
  lines: BillLine[];
  /** The charged lines' sum, as priced on the menu (with tax when included, without when added). */
  subtotalMinor: number;
  discounts: AppliedDiscount[];
  discountMinor: number;
  serviceChargeBp: number;
  serviceChargeMinor: number;
  taxLines: TaxLine[];
  /** All the tax the bill carries, contained (included) or on top (added). */
  taxMinor: number;
  /** The part of taxMinor that adds to the total: 0 when tax is included. */
  taxAddedMinor: number;
  tipsMinor: number;
  /** subtotal − discounts + service + tax added + tips. */
  totalMinor: number;
}


/** The most any single rate (tax, discount, service) may be: 100 %. */
const MAX_RATE_BP = BP_WHOLE;

export function buildBill(input: BillInput): Bill {
  validateInput(input);
  const lines = chargedLines(input.items);
  const subtotalMinor = sumMinor(lines.map((line) => line.totalMinor));
  const discounts = applyDiscounts(subtotalMinor, input.discounts ?? [], input.money ?? minorUnits);
  const discountMinor = sumMinor(discounts.map((discount) => discount.amountMinor));
  const serviceChargeBp = input.serviceChargeBp ?? 0;
  // The service charge is on what the guest is asked for after discounts, before any added tax; it
  // is not taxed here (a discretionary charge); a venue whose service is taxable is a later option.
  const serviceChargeMinor = mulDivHalfUp(subtotalMinor - discountMinor, serviceChargeBp, BP_WHOLE);
  const taxLines = taxByRate(lines, discountMinor, input.taxMode);
  const taxMinor = sumMinor(taxLines.map((line) => line.taxMinor));
  const taxAddedMinor = input.taxMode === 'added' ? taxMinor : 0;
  const tipsMinor = sumMinor(input.tipsMinor ?? []);
  const totalMinor = sumMinor([subtotalMinor - discountMinor, serviceChargeMinor, taxAddedMinor, tipsMinor]);
  const bill: Bill = {
    taxMode: input.taxMode,
    lines,
    subtotalMinor,
    discounts,
    discountMinor,
    serviceChargeBp,
    serviceChargeMinor,
    taxLines,
    taxMinor,
    taxAddedMinor,
    tipsMinor,
    totalMinor,
  };
  assertBillInvariants(bill);
  return bill;
}

function chargedLines(items: readonly BillItemInput[]): BillLine[] {
  return items
    .filter((item) => isCharged(item.status))
    .map((item) => ({ itemId: item.id, name: item.name, quantity: item.quantity, totalMinor: item.totalMinor, taxRateBp: item.taxRateBp }));
}

/**
 * Each percentage is of the subtotal, not of what earlier discounts left, so the order in which a
 * manager enters them does not change the bill. Rounded half-up once per discount.
 */
function applyDiscounts(subtotalMinor: number, inputs: readonly DiscountInput[], money: MoneyWords): AppliedDiscount[] {
  const applied = inputs.map((discount): AppliedDiscount => {
    const reason = discount.reason.trim();
    if (discount.kind === 'amount') return { kind: 'amount', rateBp: null, amountMinor: discount.amountMinor, reason };
    return { kind: 'percent', rateBp: discount.rateBp, amountMinor: mulDivHalfUp(subtotalMinor, discount.rateBp, BP_WHOLE), reason };
  });
  const totalMinor = sumMinor(applied.map((discount) => discount.amountMinor));
  if (totalMinor > subtotalMinor) {
    throw new PaymentRefusal(
      'discount_exceeds_subtotal',
      `The discounts come to ${money(totalMinor)}, more than the bill's ${money(subtotalMinor)}: lower a discount, or void items instead.`,
      { discountMinor: totalMinor, subtotalMinor },
    );
  }
  return applied;
}

/**
 * Tax per rate group. The discount is spread over the groups in proportion to their amounts
 * (largest remainder, groups in ascending rate order), so each rate is taxed on what was really
 * charged at it. Tax is rounded half-up once per group, never per line: per-line rounding drifts by
 * a cent for every few lines and would not match the fiscal total of the rate.
 */
function taxByRate(lines: readonly BillLine[], discountMinor: number, taxMode: TaxMode): TaxLine[] {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.taxRateBp, (byRate.get(line.taxRateBp) ?? 0) + line.totalMinor);
  const rates = [...byRate.keys()].sort((a, b) => a - b);
  const amounts = rates.map((rate) => byRate.get(rate)!);
  const spread = amounts.some((amount) => amount > 0) ? apportion(discountMinor, amounts.map(BigInt)) : amounts.map(() => 0);
  return rates.map((rateBp, index) => {
    const discount = spread[index]!;
    const charged = amounts[index]! - discount;
    if (taxMode === 'included') {
      // gross × rate / (1 + rate): the tax contained in a price that already includes it.
      const taxMinor = mulDivHalfUp(charged, rateBp, BP_WHOLE + rateBp);
      return { rateBp, discountMinor: discount, netMinor: charged - taxMinor, taxMinor, grossMinor: charged };
    }
    const taxMinor = mulDivHalfUp(charged, rateBp, BP_WHOLE);
    return { rateBp, discountMinor: discount, netMinor: charged, taxMinor, grossMinor: charged + taxMinor };
  });
}

function validateInput(input: BillInput): void {
  if (input.taxMode !== 'included' && input.taxMode !== 'added') {
    throw new PaymentRefusal('bad_bill', `The tax mode must be "included" or "added"; got ${String(input.taxMode)}.`);
  }
  for (const item of input.items) {
    assertMinor(item.totalMinor, `The amount of "${item.name}"`, 'bad_bill');
    assertRate(item.taxRateBp, `The tax rate of "${item.name}"`, MAX_TAX_RATE_BP);
  }
  if (input.serviceChargeBp !== undefined) assertRate(input.serviceChargeBp, 'The service charge', MAX_RATE_BP);
  for (const tip of input.tipsMinor ?? []) assertMinor(tip, 'A tip', 'bad_bill');
  for (const discount of input.discounts ?? []) {
    if (discount.reason.trim() === '') throw new PaymentRefusal('bad_bill', 'A discount needs a reason: say why it is given.');
    if (discount.kind === 'amount') assertMinor(discount.amountMinor, 'A discount', 'bad_bill', { positive: true });
    else if (discount.kind === 'percent') {
      assertRate(discount.rateBp, 'A discount', MAX_RATE_BP);
      if (discount.rateBp === 0) throw new PaymentRefusal('bad_bill', 'A discount of 0 % changes nothing: leave it out.');
    } else throw new PaymentRefusal('bad_bill', 'A discount is an amount or a percentage.');
  }
}

function assertRate(rateBp: number, what: string, maxBp: number): void {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0 || rateBp > maxBp) {
    throw new PaymentRefusal('bad_bill', `${what} must be whole basis points from 0 to ${maxBp} (2000 is 20 %); got ${String(rateBp)}.`, { rateBp });
  }
}

/**
 * What every bill must satisfy. A broken invariant is a bug in these rules, not a person's mistake,
 * so it throws a plain Error (a 500) rather than a refusal.
 */
export function assertBillInvariants(bill: Bill): void {
  const fail = (what: string) => {
    throw new Error(`bill invariant broken: ${what}`);
  };
  if (bill.subtotalMinor !== sumMinor(bill.lines.map((line) => line.totalMinor))) fail('subtotal = sum of lines');
  if (bill.discountMinor !== sumMinor(bill.discounts.map((discount) => discount.amountMinor))) fail('discount = sum of discounts');
  if (bill.discountMinor > bill.subtotalMinor) fail('discount ≤ subtotal');
  if (sumMinor(bill.taxLines.map((line) => line.discountMinor)) !== bill.discountMinor) fail('discount spread adds up');
  // What was charged at each rate is its gross when tax is included, its net when tax is added.
  const charged = bill.taxLines.map((line) => (bill.taxMode === 'included' ? line.grossMinor : line.netMinor));
  if (sumMinor(charged) !== bill.subtotalMinor - bill.discountMinor) {
    fail('rate groups add up to the discounted subtotal');
  }
  for (const line of bill.taxLines) {
    if (line.netMinor + line.taxMinor !== line.grossMinor || line.netMinor < 0 || line.taxMinor < 0) fail(`rate ${line.rateBp}: net + tax = gross`);
  }
  const expected = bill.subtotalMinor - bill.discountMinor + bill.serviceChargeMinor + bill.taxAddedMinor + bill.tipsMinor;
  if (bill.taxAddedMinor !== (bill.taxMode === 'added' ? bill.taxMinor : 0)) fail('tax added only when tax is added');
  if (bill.totalMinor !== expected) fail('total = subtotal − discounts + service + tax added + tips');
}
