import { crc16 } from '@ton/core';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { friendlyOfRaw, parseTonAddress, tryParseAddress } from './ton-address.ts';

// A real mainnet wallet address, as wallets show it (bounceable) and in its raw form.
const BOUNCEABLE = 'EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2';
const NON_BOUNCEABLE = 'UQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p9dz';
const RAW = '0:ed1691307050047117b998b561d8de82d31fbf84910ced6eb5fc92e7485ef8a7';

function refusal(input: string): HubError {
  try {
    parseTonAddress(input);
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error(`expected ${input} to be refused`);
}

/** 48 characters with a correct checksum but a first byte that is no address tag (@ton/core throws a string). */
function wrongTag(): string {
  const bytes = Buffer.alloc(36);
  bytes[0] = 0x22;
  bytes.set(crc16(bytes.subarray(0, 34)), 34);
  return bytes.toString('base64url');
}

describe('the venue wallet address', () => {
  it('reads the user-friendly forms with their flags, and the raw form', () => {
    expect(parseTonAddress(BOUNCEABLE)).toEqual({ raw: RAW, friendly: BOUNCEABLE, testnet: false, bounceable: true });
    expect(parseTonAddress(`  ${NON_BOUNCEABLE}\n`)).toEqual({ raw: RAW, friendly: NON_BOUNCEABLE, testnet: false, bounceable: false });
    // Standard base64 (+ and /) is the same address; it is kept in the URL-safe form for links.
    expect(parseTonAddress(BOUNCEABLE.replace('-', '+').replace('_', '/')).friendly).toBe(BOUNCEABLE);
    // A raw address has no flags: shown non-bounceable on the network asked for.
    expect(parseTonAddress(RAW.toUpperCase().replace('0X', '0x'))).toEqual({ raw: RAW, friendly: NON_BOUNCEABLE, testnet: false, bounceable: false });
    const testnet = parseTonAddress(RAW, { rawNetwork: 'testnet' });
    expect(testnet).toMatchObject({ raw: RAW, testnet: true, bounceable: false });
    expect(parseTonAddress(testnet.friendly)).toMatchObject({ raw: RAW, testnet: true });
  });

  it('refuses a mistyped character by its checksum', () => {
    const typo = refusal(`${BOUNCEABLE.slice(0, -1)}3`);
    expect(typo.statusCode).toBe(400);
    expect(typo.code).toBe('bad_ton_address');
    expect(typo.message).toMatch(/does not check out.*Copy it again/);
  });

  it('refuses garbage, wrong lengths, other workchains and the string @ton/core throws, each with a sentence', () => {
    expect(refusal(wrongTag()).message).toMatch(/not a TON wallet address/);
    expect(refusal('').message).toMatch(/empty/);
    expect(refusal('hello').message).toMatch(/5 characters, not 48/);
    expect(refusal('<script>alert(1)</script>'.padEnd(48, 'x')).message).toMatch(/characters that a TON address never has/);
    expect(refusal('☃'.repeat(48)).message).toMatch(/characters that a TON address never has/);
    expect(refusal(`0:${'zz'.repeat(32)}`).message).toMatch(/64 hexadecimal digits/);
    expect(refusal(`0:${'ab'.repeat(31)}`).message).toMatch(/64 hexadecimal digits/);
    expect(refusal(`5:${'ab'.repeat(32)}`).message).toMatch(/workchain \(0 or -1\)/);
    // A checksum-correct friendly address on workchain 5.
    const bytes = Buffer.alloc(36);
    bytes[0] = 0x11;
    bytes[1] = 5;
    bytes.set(crc16(bytes.subarray(0, 34)), 34);
    expect(refusal(bytes.toString('base64url')).message).toMatch(/workchain 5/);
  });

  it('parses what the TON API sends without ever throwing', () => {
    expect(tryParseAddress(BOUNCEABLE)?.toRawString()).toBe(RAW);
    expect(tryParseAddress(RAW)?.equals(tryParseAddress(NON_BOUNCEABLE)!)).toBe(true);
    expect(tryParseAddress('')).toBeNull();
    expect(tryParseAddress(wrongTag())).toBeNull();
    expect(tryParseAddress('not an address')).toBeNull();
    expect(friendlyOfRaw(RAW, false)).toBe(NON_BOUNCEABLE);
  });
});
