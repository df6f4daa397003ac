// The venue's receiving wallet, as a manager types or pastes it. @ton/core does the base64, the
// checksum and the flags; this file turns its refusals (some are thrown as plain strings, not Errors)
// into one sentence a manager can act on.
import { Address } from '@ton/core';
import { badRequest, type HubError } from '../../errors.ts';

export interface TonAddressInfo {
  /** "0:<64 hex>": what transactions are compared against. */
  raw: string;
  /** The user-friendly form for links and QR codes (URL-safe base64). */
  friendly: string;
  testnet: boolean;
  bounceable: boolean;
}

export type TonNetwork = 'mainnet' | 'testnet';

const RAW_FORM = /^(-1|0):[0-9a-fA-F]{64}$/;
const LOOKS_RAW = /^-?\d+:/;
const FRIENDLY_LENGTH = 48;

const HOW_IT_LOOKS =
  'A TON address is the 48 characters your wallet shows (starting UQ, EQ, 0Q or kQ) or the raw form: 0: followed by 64 hexadecimal digits.';

const refuse = (message: string): HubError => badRequest('bad_ton_address', message);

/**
 * Reads a wallet address in the raw form (`0:<hex>`) or the user-friendly form (48 characters of
 * base64, either alphabet), checking its checksum. A raw address says nothing about the network or
 * the bounce flag, so it is taken as `rawNetwork` (mainnet by default) and shown non-bounceable: a
 * payment to a wallet that is not deployed yet then arrives instead of bouncing back.
 */
export function parseTonAddress(input: string, options: { rawNetwork?: TonNetwork } = {}): TonAddressInfo {
  const text = input.trim();
  if (text === '') throw refuse(`The wallet address is empty. ${HOW_IT_LOOKS}`);
  if (LOOKS_RAW.test(text)) return fromRaw(text, (options.rawNetwork ?? 'mainnet') === 'testnet');
  if (text.length !== FRIENDLY_LENGTH) {
    throw refuse(`This wallet address has ${[...text].length} characters, not 48. ${HOW_IT_LOOKS}`);
  }
  if (!Address.isFriendly(text)) throw refuse(`This wallet address has characters that a TON address never has. ${HOW_IT_LOOKS}`);
  let parsed: ReturnType<typeof Address.parseFriendly>;
  try {
    parsed = Address.parseFriendly(text);
  } catch (thrown) {
    throw refuse(friendlyProblem(thrown));
  }
  const { address, isTestOnly, isBounceable } = parsed;
  if (address.workChain !== 0 && address.workChain !== -1) {
    throw refuse(`This address is on workchain ${address.workChain}; a TON wallet is on the basechain (0) or the masterchain (-1).`);
  }
  return {
    raw: address.toRawString(),
    friendly: address.toString({ urlSafe: true, bounceable: isBounceable, testOnly: isTestOnly }),
    testnet: isTestOnly,
    bounceable: isBounceable,
  };
}

function fromRaw(text: string, testnet: boolean): TonAddressInfo {
  if (!RAW_FORM.test(text)) {
    throw refuse(`This raw address is not a workchain (0 or -1), a colon and exactly 64 hexadecimal digits. ${HOW_IT_LOOKS}`);
  }
  const address = Address.parseRaw(text.toLowerCase());
  return { raw: address.toRawString(), friendly: address.toString({ urlSafe: true, bounceable: false, testOnly: testnet }), testnet, bounceable: false };
}

/** @ton/core throws Errors for some problems and bare strings for others ("Unknown address tag"). */
function friendlyProblem(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (/checksum/i.test(message)) {
    return 'This wallet address does not check out: a character was mistyped, swapped or lost. Copy it again from the wallet.';
  }
  if (/tag/i.test(message)) return 'These 48 characters are not a TON wallet address (its first byte is not an address tag). Copy it again from the wallet.';
  return `This is not a TON wallet address. ${HOW_IT_LOOKS}`;
}

/** An address from the TON API, or null when it is not one (an external source, garbage): never throws. */
export function tryParseAddress(text: string): Address | null {
  try {
    return Address.parse(text);
  } catch {
    return null;
  }
}

/** The friendly form of a raw address, for an invoice made for a wallet the venue has since replaced. */
export function friendlyOfRaw(raw: string, testnet: boolean): string {
  return Address.parseRaw(raw).toString({ urlSafe: true, bounceable: false, testOnly: testnet });
}
