/**
 * eSIMs in staff words: a package's data and days, Airalo's dollars, the Airalo link's state, the
 * manager's drafts (credentials, the dollar rate, a selling price) checked as the hub checks them, the
 * catalogue's query and pages, and a purchase's wait and usage. Pure, tested beside it.
 */
import { isUsdRate } from '@onemoment/shared/esim/esim-pricing';
import { formatWait, purchaseActionsFor, type PurchaseStatus } from '@onemoment/shared/esim/purchase-lifecycle';
import type { AiraloSettings, EsimPackage, EsimPurchase, EsimUsage } from '@onemoment/shared/schemas/esim';
import { money, parseMajor } from '../format.ts';
import type { StaffRole } from '../types.ts';

/** "1 GB", "1.5 GB", "500 MB": Airalo counts data in MB, 1,024 to the GB. */
export function dataText(dataMb: number): string {
  if (dataMb < 1024) return `${dataMb} MB`;
  const gb = Math.round((dataMb / 1024) * 10) / 10;
  return `${gb} GB`;
}

/** "1 GB · 7 days", "Unlimited · 30 days". */
export function packageSummary(pkg: { dataMb?: number | null; unlimited: boolean; days: number }): string {
  const data = pkg.unlimited || pkg.dataMb === undefined || pkg.dataMb === null ? 'Unlimited' : dataText(pkg.dataMb);
  return `${data} · ${pkg.days} ${pkg.days === 1 ? 'day' : 'days'}`;
}

/** Airalo's prices, in US cents, as people read them: "$4.50". */
export function usdText(cents: number): string {
  return money(cents, 'USD');
}

/** One sentence on the Airalo link: connected or not, and how much of the catalogue is read and offered. */
export function airaloStatusText(settings: AiraloSettings): string {
  if (!settings.configured) return 'Not connected: eSIMs cannot be sold until the Airalo client id and secret are saved.';
  const { packages, offered } = settings.catalogue;
  if (settings.catalogue.syncedAt === null) return 'Connected. The catalogue has not been read yet: its first refresh waits in Online tasks.';
  const rate = settings.usdRate === null ? ' Set the dollar rate to price them.' : '';
  return `Connected: ${count(packages, 'package')} from Airalo, ${offered} offered to guests.${rate}`;
}

export type Checked<T, F extends string = string> = { ok: true; value: T } | { ok: false; field: F; problem: string };

/** Printable ASCII without spaces, as the hub's schema takes it (a pasted line break is a typo). */
const CREDENTIAL = /^[\x21-\x7e]+$/;

/** The credentials form, with the hub's rules said in words before anything is sent. */
export function checkCredentials(clientId: string, clientSecret: string): Checked<{ clientId: string; clientSecret: string }, 'clientId' | 'clientSecret'> {
  const id = clientId.trim();
  const secret = clientSecret.trim();
  if (id === '') return { ok: false, field: 'clientId', problem: "Paste the client id from Airalo's partner platform (Developers → API credentials)." };
  if (id.length > 200 || !CREDENTIAL.test(id)) return { ok: false, field: 'clientId', problem: 'That does not look like an Airalo client id: up to 200 letters, digits and signs, with no spaces.' };
  if (secret === '') return { ok: false, field: 'clientSecret', problem: 'Paste the client secret too: the hub needs both to reach Airalo.' };
  if (secret.length > 500 || !CREDENTIAL.test(secret)) return { ok: false, field: 'clientSecret', problem: 'That does not look like an Airalo client secret: up to 500 letters, digits and signs, with no spaces.' };
  return { ok: true, value: { clientId: id, clientSecret: secret } };
}

/** The dollar rate as typed ("0.92", "0,92", "38.5"): how many units of the venue's currency one dollar costs. */
export function checkUsdRate(text: string, currency: string): Checked<string, 'usdRate'> {
  const rate = text.trim().replace(',', '.');
  if (rate === '') return { ok: false, field: 'usdRate', problem: `Type how many ${currency} one US dollar costs, like 0.92.` };
  if (!isUsdRate(rate)) return { ok: false, field: 'usdRate', problem: `A rate is a number above zero with up to 6 decimals, like 0.92 or 38.5: how many ${currency} one US dollar costs.` };
  return { ok: true, value: rate };
}

/**
 * A selling price as typed in the catalogue: empty means "at the floor" (Airalo's retail price at the
 * venue's rate), so nothing is sent and the price follows the rate; otherwise a price in minor units.
 * Whether it is at or above the floor is the hub's call: it answers price_below_retail in words.
 */
export function checkSellingPrice(text: string, currency: string): Checked<number | null, 'price'> {
  if (text.trim() === '') return { ok: true, value: null };
  const minor = parseMajor(text, currency);
  if (minor === null || minor === 0) return { ok: false, field: 'price', problem: `Type a price in ${currency}, like 12.50, or leave it empty to sell at the floor.` };
  return { ok: true, value: minor };
}

/** What the catalogue row's price field starts with: empty when the package sells at its floor. */
export function priceDraftOf(entry: { sellingMinor: number | null; floorMinor: number | null }, toText: (minor: number) => string): string {
  if (entry.sellingMinor === null || entry.sellingMinor === entry.floorMinor) return '';
  return toText(entry.sellingMinor);
}

export interface CatalogueFilter {
  country: string;
  words: string;
  offeredOnly: boolean;
}

export const CATALOGUE_PAGE_SIZE = 50;

/** A country as typed ("tr", " TR ") as the hub's filter takes it, or null when it is not a 2-letter code. */
export function countryCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/** The query of one catalogue page; a country that is not a 2-letter code is left out (the form says so). */
export function catalogueQuery(filter: CatalogueFilter, offset: number, limit = CATALOGUE_PAGE_SIZE): string {
  const params = new URLSearchParams();
  const country = countryCode(filter.country);
  if (country) params.set('country', country);
  const words = filter.words.trim().slice(0, 60);
  if (words !== '') params.set('q', words);
  if (filter.offeredOnly) params.set('offered', 'true');
  params.set('limit', String(limit));
  params.set('offset', String(Math.max(0, offset)));
  return params.toString();
}

/** The packages' query for the desk's and the swap's pickers. */
export function packagesQuery(country: string, words: string): string {
  const params = new URLSearchParams();
  const code = countryCode(country);
  if (code) params.set('country', code);
  const trimmed = words.trim().slice(0, 60);
  if (trimmed !== '') params.set('q', trimmed);
  return params.toString();
}

/** "1–50 of 5,000", "No packages". */
export function pageText(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return total === 0 ? 'No packages' : `None here of ${total.toLocaleString('en')}`;
  return `${(offset + 1).toLocaleString('en')}–${(offset + shown).toLocaleString('en')} of ${total.toLocaleString('en')}`;
}

/** What staff may do to a purchase now, in the order the buttons show. */
export type StaffPurchaseAction = 'retry' | 'swap' | 'refund' | 'cancel';
const STAFF_ACTIONS: readonly StaffPurchaseAction[] = ['retry', 'swap', 'refund', 'cancel'];

export function staffActionsFor(status: PurchaseStatus, role: StaffRole): StaffPurchaseAction[] {
  const allowed = purchaseActionsFor(status, role);
  return STAFF_ACTIONS.filter((action) => allowed.includes(action));
}

export const ACTION_LABELS: Record<StaffPurchaseAction, string> = {
  retry: 'Order again',
  swap: 'Swap package…',
  refund: 'Refund…',
  cancel: 'Take off the bill',
};

export const STATUS_LABELS: Record<PurchaseStatus, string> = {
  awaiting_payment: 'On the bill, not paid',
  paid: 'Paid, being ordered',
  delivered: 'Delivered',
  needs_person: 'Needs a person',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};

/** How long the buyer has waited, or how long delivery took: the figure staff act on. */
export function waitText(purchase: Pick<EsimPurchase, 'status' | 'createdAt' | 'paidAt' | 'deliveredAt'>, now: number): string | null {
  const paidAt = purchase.paidAt === null ? null : Date.parse(purchase.paidAt);
  switch (purchase.status) {
    case 'awaiting_payment':
      return `on the bill for ${formatWait(now - Date.parse(purchase.createdAt))}`;
    case 'paid':
    case 'needs_person':
      return paidAt === null ? null : `the guest has waited ${formatWait(now - paidAt)}`;
    case 'delivered':
      return paidAt === null || purchase.deliveredAt === null ? null : `delivered ${formatWait(Date.parse(purchase.deliveredAt) - paidAt)} after payment`;
    default:
      return null;
  }
}

const USAGE_STATES: Record<string, string> = {
  NOT_ACTIVE: 'not installed yet',
  ACTIVE: 'in use',
  FINISHED: 'used up',
  EXPIRED: 'expired',
};

/** "1.2 GB of 3 GB left · in use · until 2025-06-01 10:00" from Airalo's usage, or a line saying there is none yet. */
export function usageText(usage: EsimUsage | null | undefined): string {
  if (!usage) return 'Usage not read yet.';
  const amount = usage.remainingMb === null ? 'Unlimited data' : `${dataText(usage.remainingMb)}${usage.totalMb === null ? '' : ` of ${dataText(usage.totalMb)}`} left`;
  const state = USAGE_STATES[usage.status] ?? 'state unknown';
  const until = usage.expiresAt ? ` · until ${usage.expiresAt}` : '';
  return `${amount} · ${state}${until}`;
}

/** The live packages a sale waiting for a person may be swapped to: another package, at the same or a lower price. */
export function swapChoices(packages: readonly EsimPackage[], purchase: Pick<EsimPurchase, 'packageId' | 'priceMinor' | 'currency'>): EsimPackage[] {
  return packages.filter((pkg) => pkg.id !== purchase.packageId && pkg.currency === purchase.currency && pkg.priceMinor <= purchase.priceMinor);
}

/** A catalogue change the hub refused, in words; the hub's own sentence when it gave one. */
export function catalogueRefusalText(code: string, message: string | null): string {
  if (message && message.trim() !== '' && !/^The hub answered \d+\.$/.test(message)) return message;
  switch (code) {
    case 'price_below_retail':
      return "That price is below Airalo's retail price at your rate (the floor): Airalo's terms do not allow selling under it.";
    case 'package_gone':
      return 'Airalo no longer sells this package, so it cannot be offered.';
    case 'rate_not_set':
      return 'Set the dollar rate first: without it the hub cannot turn Airalo’s dollars into your prices.';
    default:
      return 'The hub refused this change.';
  }
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
