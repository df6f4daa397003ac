/** Money is integer minor units plus an ISO 4217 code; never floats, never stored totals. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const minorDigitsCache = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
}

export function sumMinor(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  if (!Number.isSafeInteger(total)) throw new RangeError('money total is out of range');
  return total;
}
