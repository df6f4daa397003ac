/**
 * TON amounts as a guest reads and copies them. The hub speaks nanotons (10^-9 TON) as decimal strings
 * (they pass 2^53), so these work on the digits, never through a float.
 */

const NANOTONS_PER_TON = 1_000_000_000n;

function digitsOf(nanotons: string): string | null {
  return /^\d{1,40}$/.test(nanotons) ? nanotons.replace(/^0+(?=\d)/, '') : null;
}

/**
 * Nanotons as TON with up to 9 decimals, trailing zeros trimmed: "3221153846" → "3.221153846",
 * "5000000000" → "5". `decimal` is the language's decimal sign for reading; copy with the default ".",
 * which is what wallets take.
 */
export function tonText(nanotons: string, decimal = '.'): string {
  const digits = digitsOf(nanotons);
  if (digits === null) return '?';
  const padded = digits.padStart(10, '0');
  const whole = padded.slice(0, -9);
  const fraction = padded.slice(-9).replace(/0+$/, '');
  return fraction ? `${whole}${decimal}${fraction}` : whole;
}

/**
 * What one TON is worth in minor units of the venue's currency at an invoice's rate (nanotons per minor
 * unit), rounded to the nearest: 1923077 nanotons a cent → 520 (€5.20).
 */
export function minorPerTon(nanotonsPerMinor: string): number {
  const digits = digitsOf(nanotonsPerMinor);
  if (digits === null || /^0+$/.test(digits)) return 0;
  const rate = BigInt(digits);
  return Number((2n * NANOTONS_PER_TON + rate) / (2n * rate));
}

/** The invoice's ton:// link asking for another amount (the rest of an underpaid invoice), same address and comment. */
export function linkWithAmount(link: string, nanotons: string): string {
  const digits = digitsOf(nanotons) ?? '0';
  return /[?&]amount=\d*/.test(link) ? link.replace(/([?&]amount=)\d*/, `$1${digits}`) : `${link}${link.includes('?') ? '&' : '?'}amount=${digits}`;
}
