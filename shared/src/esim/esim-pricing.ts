import { formatMoney, minorDigits } from '../money.ts';

/**
 * What an eSIM package costs and earns. Airalo answers prices as decimal text ("4.50", "12") with a
 * currency; the hub keeps integer minor units (money.ts), so the text is converted digit by digit,
 * never through a float, and a price finer than the currency's minor unit is refused rather than
 * rounded (a rounded price is a price nobody agreed to).
 */

export type PricingRefusalCode = 'invalid_price' | 'unknown_currency' | 'too_precise' | 'price_out_of_range' | 'price_below_retail' | 'currency_mismatch';

export type PricingResult<T> = { ok: true; value: T } | { ok: false; code: PricingRefusalCode; message: string };

const DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

/**
 * "4.50" USD → 450; "12" USD → 1200; "500" JPY → 500; "1.234" BHD → 1234. Digits past the currency's
 * minor unit must be zeros ("12.00" JPY is 12): the amount is still exact. No sign, no exponent, no
 * grouping, no spaces: Airalo never sends them, so seeing one means the answer is not what we think.
 */
export function decimalToMinor(text: string, currency: string): PricingResult<number> {
  const match = DECIMAL.exec(text);
  if (!match) return refuse('invalid_price', `${quote(text)} is not a price: expected digits with an optional "." and decimals, like "4.50".`);
  const whole = match[1]!.replace(/^0+(?=[0-9])/, '');
  const fraction = match[2] ?? '';
  const digits = currencyDigits(currency);
  if (digits === null) return refuse('unknown_currency', `${quote(currency)} is not an ISO 4217 currency code.`);
  // Checked before BigInt so a megabyte of digits is refused at once instead of parsed.
  if (whole.length > 16) return refuse('price_out_of_range', `The price ${quote(text)} ${currency} is too large to be a price.`);
  const extra = fraction.slice(digits);
  if (/[^0]/.test(extra)) {
    const unit = digits === 0 ? 'no decimals' : `${digits} decimal${digits === 1 ? '' : 's'}`;
    return refuse('too_precise', `The price ${quote(text)} has more decimals than ${currency} has (${unit}), so it cannot be charged exactly.`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.slice(0, digits).padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('price_out_of_range', `The price ${quote(text)} ${currency} is too large to be a price.`);
  return { ok: true, value: Number(minor) };
}

/** A package's prices as the venue sells it, in minor units of one currency. */
export interface PackagePricing {
  currency: string;
  /** What the guest pays. */
  sellingMinor: number;
  /** Airalo's retail `price`: the partner terms' floor for the selling price. */
  retailMinor: number;
  /** Airalo's `net_price`: what the venue pays Airalo. */
  netMinor: number;
  /** selling − net; negative only if Airalo's net price ever passes the selling price. */
  marginMinor: number;
}

export interface PriceInput {
  amountMinor: number;
  currency: string;
}

/**
 * The venue's selling price for a package, checked against Airalo's retail price: never below it (the
 * partner terms' minimum). The three prices must be in one currency; converting between currencies is
 * a decision about exchange rates this rule does not take.
 */
export function pricePackage(selling: PriceInput, retail: PriceInput, net: PriceInput): PricingResult<PackagePricing> {
  for (const other of [retail, net]) {
    if (other.currency !== selling.currency) {
      return refuse('currency_mismatch', `The selling price is in ${selling.currency} but Airalo's prices are in ${other.currency}; set the selling price in ${other.currency}.`);
    }
  }
  for (const price of [selling, retail, net]) {
    if (!Number.isSafeInteger(price.amountMinor) || price.amountMinor < 0) {
      return refuse('invalid_price', `${price.amountMinor} is not a price in minor units (a whole number, zero or more).`);
    }
  }
  if (selling.amountMinor < retail.amountMinor) {
    const { currency } = selling;
    return refuse(
      'price_below_retail',
      `The selling price ${formatMoney(selling.amountMinor, currency)} is below Airalo's retail price ${formatMoney(retail.amountMinor, currency)}; the partner terms do not allow selling under it. Set ${formatMoney(retail.amountMinor, currency)} or more.`,
    );
  }
  return {
    ok: true,
    value: {
      currency: selling.currency,
      sellingMinor: selling.amountMinor,
      retailMinor: retail.amountMinor,
      netMinor: net.amountMinor,
      marginMinor: selling.amountMinor - net.amountMinor,
    },
  };
}

/**
 * The same from Airalo's package fields as they arrive (`price`, `net_price` as decimal text). With no
 * selling price set, the venue sells at Airalo's retail price.
 */
export function pricePackageFromAiralo(pkg: { price: string; net_price: string; currency: string }, sellingMinor?: number): PricingResult<PackagePricing> {
  const retail = decimalToMinor(pkg.price, pkg.currency);
  if (!retail.ok) return retail;
  const net = decimalToMinor(pkg.net_price, pkg.currency);
  if (!net.ok) return net;
  return pricePackage(
    { amountMinor: sellingMinor ?? retail.value, currency: pkg.currency },
    { amountMinor: retail.value, currency: pkg.currency },
    { amountMinor: net.value, currency: pkg.currency },
  );
}

/** A rate "venue currency per US dollar" as text: up to 6 digits before the point and 6 after, above zero. */
const RATE = /^([0-9]{1,6})(?:\.([0-9]{1,6}))?$/;
const RATE_SCALE = 1_000_000n;

/**
 * Airalo's US cents in the venue's minor units at `usdRate` (venue currency per dollar, "0.92"),
 * computed exactly with integers: `up` for the floor (the venue may never charge below Airalo's retail
 * price, so a fraction rounds up), `nearest` for the cost in reports (half away from zero).
 */
export function usdToVenueMinor(usdMinor: number, usdRate: string, currency: string, rounding: 'up' | 'nearest'): PricingResult<number> {
  if (!Number.isSafeInteger(usdMinor) || usdMinor < 0) return refuse('invalid_price', `${usdMinor} is not an amount in US cents (a whole number, zero or more).`);
  const match = RATE.exec(usdRate);
  const micros = match ? BigInt(match[1]!) * RATE_SCALE + BigInt((match[2] ?? '').padEnd(6, '0')) : 0n;
  if (micros === 0n) return refuse('invalid_price', `${quote(usdRate)} is not a rate: give how many units of the venue's currency one US dollar costs, like "0.92".`);
  const digits = currencyDigits(currency);
  if (digits === null) return refuse('unknown_currency', `${quote(currency)} is not an ISO 4217 currency code.`);
  // usdMinor cents × rate × 10^digits / 100 cents-per-dollar, in millionths of the rate.
  const numerator = BigInt(usdMinor) * micros * 10n ** BigInt(digits);
  const denominator = 100n * RATE_SCALE;
  const whole = numerator / denominator;
  const rest = numerator % denominator;
  const rounded = rest === 0n ? whole : rounding === 'up' || rest * 2n >= denominator ? whole + 1n : whole;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('price_out_of_range', 'The converted price is too large to be a price.');
  return { ok: true, value: Number(rounded) };
}

/** Whether `text` is a rate `usdToVenueMinor` takes. */
export function isUsdRate(text: string): boolean {
  return usdToVenueMinor(0, text, 'USD', 'up').ok;
}

function currencyDigits(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return minorDigits(currency);
  } catch {
    return null;
  }
}

function refuse<T>(code: PricingRefusalCode, message: string): PricingResult<T> {
  return { ok: false, code, message };
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
