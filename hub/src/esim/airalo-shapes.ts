// Airalo Partner API v2 answers as the hub reads them, and the parsing that turns its JSON into them.
// Shapes follow Airalo's published examples (developers.partners.airalo.com: Get packages, Submit order,
// Get order list, Get eSIM, Get installation instructions, Get usage, Error handling). Every reader
// returns null (or skips an item) for what it cannot read, so a strange answer becomes a VendorError in
// the client and never a crash.
import { isRecord } from '../outbox/vendor-json.ts';
import { decimalToMinor as decimalText } from '@onemoment/shared/esim/esim-pricing';

type Json = Record<string, unknown>;

/** One package as sold: flattened out of Airalo's country → operators → packages nesting. */
export interface AiraloPackage {
  /** Airalo's package id, a slug such as "kallur-digital-7days-1gb": what POST /orders takes. */
  id: string;
  /** "sim" for a new eSIM, "topup" for a top-up (only with include=topup). */
  type: 'sim' | 'topup';
  title: string;
  /** Airalo's own words for the data ("1 GB", "Unlimited"). */
  dataLabel: string | null;
  /** Data in MB (Airalo's `amount`); null for an unlimited package, whose `amount` means nothing. */
  dataMb: number | null;
  isUnlimited: boolean;
  /** Validity in days (`day`). */
  days: number;
  /** Airalo's recommended retail price (`price`), in minor units of `currency`: the venue's floor. */
  priceMinor: number;
  /** What the venue pays Airalo (`net_price`), minor units; null when the answer has none. */
  netPriceMinor: number | null;
  /** Airalo's documents: "Always USD, we have all prices in USD as of now". */
  currency: 'USD';
  voiceMinutes: number | null;
  texts: number | null;
  /** The country entry the package was listed under: its ISO code (null for regional and global ones). */
  countryCode: string | null;
  /** The entry's slug ("turkey", "europe", "world") and title ("Turkey", "Europe"). */
  areaSlug: string;
  areaTitle: string;
  operator: { id: string | null; title: string; type: 'local' | 'global' };
  /** ISO codes of the countries the operator covers (one for a local package, many for a regional one). */
  coverage: string[];
}

export interface AiraloSim {
  iccid: string;
  /** The SM-DP+ address ("lpa.airalo.com"). */
  lpa: string;
  matchingId: string;
  /** The full activation code as Airalo writes it ("LPA:1$lpa.airalo.com$TEST"), when sent. */
  qrcode: string | null;
  qrcodeUrl: string | null;
  directAppleInstallationUrl: string | null;
  apnType: string | null;
  apnValue: string | null;
  isRoaming: boolean | null;
  confirmationCode: string | null;
}

export interface AiraloOrder {
  /** Airalo's numeric order id, as text. */
  id: string;
  /** The order number on Airalo's invoices ("20230227-009666"). */
  code: string | null;
  packageId: string;
  quantity: number;
  /** The hub's sale id, sent as the order's description. */
  description: string | null;
  currency: string;
  priceMinor: number | null;
  netPriceMinor: number | null;
  createdAt: string | null;
  sims: AiraloSim[];
}

export interface AiraloUsage {
  /** MB left and in total; both 0 (and meaningless) for an unlimited package, per Airalo's note. */
  remainingMb: number | null;
  totalMb: number | null;
  /** "YYYY-MM-DD HH:MM:SS" as Airalo writes it (UTC is not stated; the docs are silent). */
  expiredAt: string | null;
  isUnlimited: boolean;
  /** NOT_ACTIVE, ACTIVE, FINISHED, UNKNOWN or EXPIRED. */
  status: string;
  remainingVoice: number | null;
  remainingText: number | null;
  totalVoice: number | null;
  totalText: number | null;
}

export interface AiraloInstallStep {
  model: string | null;
  version: string | null;
  qrCodeSteps: string[];
  qrCodeData: string | null;
  manualSteps: string[];
  smdpAddressAndActivationCode: string | null;
  networkSteps: string[];
  apnType: string | null;
  apnValue: string | null;
  isRoaming: boolean | null;
}

export interface AiraloInstructions {
  language: string | null;
  ios: AiraloInstallStep[];
  android: AiraloInstallStep[];
}

/**
 * A price from Airalo ("9.50", 9.5, 2.3) as integer minor units of USD (950, 950, 230), read from
 * its decimal text by the shared rule (never a float multiplication: 2.3 * 100 is 229.99999999999997).
 * A fraction of a cent, a negative amount, an exponent form or anything else: null, and the package or
 * order that carries it is not trusted.
 */
export function decimalToMinor(value: unknown, currency = 'USD'): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const read = decimalText(text, currency);
  return read.ok ? read.value : null;
}

/**
 * Airalo's reason for a refusal, in words for a person: field messages first ("The selected package id
 * is invalid."), then `meta.message`, `message` or `reason`. Control characters out, and short.
 */
export function airaloMessage(body: Json | null): string | null {
  if (!body) return null;
  const parts: string[] = [];
  if (isRecord<Json>(body.data)) for (const value of Object.values(body.data)) if (typeof value === 'string') parts.push(value);
  if (parts.length === 0) {
    const meta = isRecord<Json>(body.meta) ? body.meta : {};
    for (const candidate of [meta.message, body.message, body.reason, body.error]) {
      if (typeof candidate === 'string') {
        parts.push(candidate);
        break;
      }
    }
  }
  const printable = [...parts.join(' ')].map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? ' ' : char)).join('');
  return printable.replace(/\s+/g, ' ').trim().slice(0, 300) || null;
}

/** POST /token's answer: `{ data: { token_type, expires_in, access_token } }`. */
export function readToken(body: Json): { accessToken: string; expiresIn: unknown } | null {
  const data = isRecord<Json>(body.data) ? body.data : null;
  const accessToken = text(data?.access_token, 10_000);
  return accessToken === null ? null : { accessToken, expiresIn: data?.expires_in };
}

/**
 * The country entries of one GET /packages page. Airalo's documents: "If the page is set to 2 or beyond,
 * the response will have different format and contain an object representing the country's index", so
 * `data` is read as an array or as an object of entries. Null when it is neither.
 */
export function readCountryEntries(body: Json): Json[] | null {
  if (Array.isArray(body.data)) return body.data.filter((entry) => isRecord<Json>(entry));
  if (isRecord<Json>(body.data)) return Object.values(body.data).filter((entry) => isRecord<Json>(entry));
  return null;
}

/** The packages of one country entry; `skipped` counts those that lack what a sale needs. */
export function readPackagesOfEntry(entry: Json): { packages: AiraloPackage[]; skipped: number } {
  const packages: AiraloPackage[] = [];
  let skipped = 0;
  const countryCode = text(entry.country_code, 8)?.toUpperCase() ?? null;
  const areaSlug = text(entry.slug, 200) ?? '';
  const areaTitle = text(entry.title, 200) ?? areaSlug;
  for (const operator of arrayOf(entry.operators)) {
    const operatorInfo = {
      id: idText(operator.id),
      title: text(operator.title, 200) ?? '',
      type: operator.type === 'global' ? ('global' as const) : ('local' as const),
    };
    const coverage = arrayOf(operator.countries)
      .map((country) => text(country.country_code, 8)?.toUpperCase() ?? null)
      .filter((code): code is string => code !== null);
    for (const item of arrayOf(operator.packages)) {
      const read = readPackage(item);
      if (!read) {
        skipped++;
        continue;
      }
      packages.push({ ...read, countryCode, areaSlug, areaTitle, operator: operatorInfo, coverage: coverage.length > 0 ? coverage : countryCode ? [countryCode] : [] });
    }
  }
  return { packages, skipped };
}

type PackageFields = Omit<AiraloPackage, 'countryCode' | 'areaSlug' | 'areaTitle' | 'operator' | 'coverage'>;

function readPackage(item: Json): PackageFields | null {
  const id = text(item.id, 200);
  const days = wholeNumber(item.day);
  const priceMinor = decimalToMinor(item.price);
  if (id === null || days === null || days === 0 || priceMinor === null) return null;
  const isUnlimited = item.is_unlimited === true;
  const amount = wholeNumber(item.amount);
  if (!isUnlimited && amount === null) return null;
  return {
    id,
    type: item.type === 'topup' ? 'topup' : 'sim',
    title: text(item.title, 300) ?? id,
    dataLabel: text(item.data, 100),
    dataMb: isUnlimited ? null : amount,
    isUnlimited,
    days,
    priceMinor,
    netPriceMinor: decimalToMinor(item.net_price),
    currency: 'USD',
    voiceMinutes: wholeNumber(item.voice),
    texts: wholeNumber(item.text),
  };
}

/** `meta.last_page` of a paged answer, when Airalo sent one. */
export function lastPageOf(body: Json): number | null {
  const meta = isRecord<Json>(body.meta) ? body.meta : null;
  return wholeNumber(meta?.last_page);
}

/** One sim of an order or GET /sims/{iccid}; null without an ICCID, an SM-DP+ address and a matching id. */
export function readSim(item: unknown): AiraloSim | null {
  if (!isRecord<Json>(item)) return null;
  const iccid = text(item.iccid, 32);
  const lpa = text(item.lpa, 255);
  const matchingId = text(item.matching_id, 255);
  if (iccid === null || !/^\d{10,22}F?$/i.test(iccid) || lpa === null || matchingId === null) return null;
  return {
    iccid,
    lpa,
    matchingId,
    qrcode: text(item.qrcode, 600),
    qrcodeUrl: text(item.qrcode_url, 2000),
    directAppleInstallationUrl: text(item.direct_apple_installation_url, 2000),
    apnType: text(item.apn_type, 50),
    apnValue: text(item.apn_value, 200),
    isRoaming: typeof item.is_roaming === 'boolean' ? item.is_roaming : null,
    confirmationCode: text(item.confirmation_code, 50),
  };
}

/**
 * An order of POST /orders or GET /orders; null when it lacks an id, a package, or a readable sim for
 * each one ordered (an order the hub cannot deliver from is not an answer it can record).
 */
export function readOrder(item: unknown): AiraloOrder | null {
  if (!isRecord<Json>(item)) return null;
  const id = idText(item.id);
  const packageId = text(item.package_id, 200);
  // Airalo's example answers quantity as "1" (text) in POST /orders and 1 in GET /orders.
  const quantity = wholeNumber(item.quantity) ?? 1;
  const rawSims = Array.isArray(item.sims) ? item.sims : [];
  const sims = rawSims.map(readSim).filter((sim): sim is AiraloSim => sim !== null);
  if (id === null || packageId === null || sims.length === 0 || sims.length !== rawSims.length || sims.length < quantity) return null;
  return {
    id,
    code: text(item.code, 100),
    packageId,
    quantity,
    description: typeof item.description === 'string' ? item.description : null,
    currency: text(item.currency, 8) ?? 'USD',
    priceMinor: decimalToMinor(item.price),
    netPriceMinor: decimalToMinor(item.net_price),
    createdAt: text(item.created_at, 40),
    sims,
  };
}

/** GET /orders' `data` (an array; an object of orders is read too, as with packages). */
export function readOrderList(body: Json): unknown[] | null {
  if (Array.isArray(body.data)) return body.data;
  if (isRecord<Json>(body.data)) return Object.values(body.data);
  return null;
}

/** GET /sims/{iccid}/usage's `data`; null without a status or an unlimited flag. */
export function readUsage(data: unknown): AiraloUsage | null {
  if (!isRecord<Json>(data)) return null;
  const status = text(data.status, 40);
  if (status === null || typeof data.is_unlimited !== 'boolean') return null;
  return {
    remainingMb: wholeNumber(data.remaining),
    totalMb: wholeNumber(data.total),
    expiredAt: text(data.expired_at, 40),
    isUnlimited: data.is_unlimited,
    status: status.toUpperCase(),
    remainingVoice: wholeNumber(data.remaining_voice),
    remainingText: wholeNumber(data.remaining_text),
    totalVoice: wholeNumber(data.total_voice),
    totalText: wholeNumber(data.total_text),
  };
}

/** GET /sims/{iccid}/instructions' `data.instructions`; null without an iOS or Android list. */
export function readInstructions(data: unknown): AiraloInstructions | null {
  const instructions = isRecord<Json>(data) && isRecord<Json>(data.instructions) ? data.instructions : null;
  if (!instructions || (!Array.isArray(instructions.ios) && !Array.isArray(instructions.android))) return null;
  return { language: text(instructions.language, 10), ios: arrayOf(instructions.ios).map(readInstallStep), android: arrayOf(instructions.android).map(readInstallStep) };
}

function readInstallStep(item: Json): AiraloInstallStep {
  const viaQr = isRecord<Json>(item.installation_via_qr_code) ? item.installation_via_qr_code : {};
  const manual = isRecord<Json>(item.installation_manual) ? item.installation_manual : {};
  const network = isRecord<Json>(item.network_setup) ? item.network_setup : {};
  return {
    model: text(item.model, 200),
    version: text(item.version, 50),
    qrCodeSteps: stepsOf(viaQr.steps),
    qrCodeData: text(viaQr.qr_code_data, 600),
    manualSteps: stepsOf(manual.steps),
    smdpAddressAndActivationCode: text(manual.smdp_address_and_activation_code, 600),
    networkSteps: stepsOf(network.steps),
    apnType: text(network.apn_type, 50),
    apnValue: text(network.apn_value, 200),
    isRoaming: typeof network.is_roaming === 'boolean' ? network.is_roaming : null,
  };
}

/** Airalo numbers its steps as object keys ("1", "2", ...): read in that order. */
function stepsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((step): step is string => typeof step === 'string');
  if (!isRecord<Json>(value)) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, step]) => step);
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((item) => isRecord<Json>(item)) : [];
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : null;
}

function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return text(value, 64);
}

/** A non-negative whole number, sent as a number or as its digits. */
function wholeNumber(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : null;
}
