import { describe, expect, it } from 'vitest';
import { appleInstallLink, buildActivationCode, manualCodes, MAX_ACTIVATION_CODE_LENGTH, parseActivationCode, type ActivationCode } from './lpa-code.ts';

function built(address: string, matchingId: string): ActivationCode {
  const result = buildActivationCode(address, matchingId);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('activation code', () => {
  it("joins Airalo's lpa and matching_id into an SGP.22 code", () => {
    expect(buildActivationCode('lpa.airalo.com', 'TEST')).toEqual({
      ok: true,
      value: { code: 'LPA:1$lpa.airalo.com$TEST', smdpAddress: 'lpa.airalo.com', matchingId: 'TEST' },
    });
    expect(built('smdp.example.net:8443', 'JQ-1A2B-3C4D').code).toBe('LPA:1$smdp.example.net:8443$JQ-1A2B-3C4D');
  });

  it('refuses empty parts', () => {
    expect(buildActivationCode('', 'TEST')).toMatchObject({ ok: false, code: 'empty_part' });
    expect(buildActivationCode('lpa.airalo.com', '')).toMatchObject({ ok: false, code: 'empty_part' });
  });

  it('refuses a "$" in either part, which would shift the fields a phone reads', () => {
    expect(buildActivationCode('evil.example$lpa.airalo.com', 'TEST')).toMatchObject({ ok: false, code: 'invalid_smdp_address' });
    expect(buildActivationCode('lpa.airalo.com', 'TEST$1')).toMatchObject({ ok: false, code: 'invalid_matching_id' });
  });

  it('refuses whitespace and control characters, showing them escaped', () => {
    for (const id of ['TE ST', ' TEST', 'TEST\n', 'TE\tST', 'TE\u0000ST', 'TE\u007fST', 'TE\u00a0ST']) {
      expect(buildActivationCode('lpa.airalo.com', id)).toMatchObject({ ok: false, code: 'invalid_matching_id' });
    }
    const refused = buildActivationCode('lpa.airalo.com\r\n', 'TEST');
    expect(refused).toMatchObject({ ok: false, code: 'invalid_smdp_address' });
    expect(!refused.ok && refused.message).toContain('"lpa.airalo.com\\r\\n"');
  });

  it('refuses non-ASCII text: a look-alike host or a matching id a phone cannot type', () => {
    expect(buildActivationCode('lpа.airalo.com', 'TEST')).toMatchObject({ ok: false, code: 'invalid_smdp_address' }); // Cyrillic "а"
    expect(buildActivationCode('lpa.airalo.com', 'TÉST')).toMatchObject({ ok: false, code: 'invalid_matching_id' });
    expect(buildActivationCode('lpa.airalo.com', 'TEST😀')).toMatchObject({ ok: false, code: 'invalid_matching_id' });
    expect(built('xn--80ak6aa92e.com', 'TEST').smdpAddress).toBe('xn--80ak6aa92e.com'); // punycode is fine
  });

  it('refuses an address that is more than a host name', () => {
    for (const address of ['https://lpa.airalo.com', 'lpa.airalo.com/path', 'user@lpa.airalo.com', '-lpa.airalo.com', 'lpa..airalo.com', 'lpa.airalo.com:', 'lpa.airalo.com:123456']) {
      expect(buildActivationCode(address, 'TEST')).toMatchObject({ ok: false, code: 'invalid_smdp_address' });
    }
  });

  it('refuses a code longer than SGP.22 allows, and keeps a huge part out of the message', () => {
    const longest = 'A'.repeat(MAX_ACTIVATION_CODE_LENGTH - 'LPA:1$lpa.airalo.com$'.length);
    expect(built('lpa.airalo.com', longest).code).toHaveLength(MAX_ACTIVATION_CODE_LENGTH);
    expect(buildActivationCode('lpa.airalo.com', `${longest}B`)).toMatchObject({ ok: false, code: 'code_too_long' });
    const huge = buildActivationCode('lpa.airalo.com', `${'x'.repeat(1_000_000)} `);
    expect(huge).toMatchObject({ ok: false, code: 'invalid_matching_id' });
    expect(!huge.ok && huge.message.length).toBeLessThan(200);
  });

  it('reads a code back and refuses what is not one', () => {
    expect(parseActivationCode('LPA:1$lpa.airalo.com$TEST')).toEqual(buildActivationCode('lpa.airalo.com', 'TEST'));
    expect(parseActivationCode('lpa.airalo.com$TEST')).toMatchObject({ ok: false, code: 'not_an_activation_code' });
    expect(parseActivationCode('LPA:2$lpa.airalo.com$TEST')).toMatchObject({ ok: false, code: 'not_an_activation_code' });
    expect(parseActivationCode('LPA:1$lpa.airalo.com$TEST$1.3.6.1$1')).toMatchObject({ ok: false, code: 'not_an_activation_code' });
    expect(parseActivationCode('LPA:1$lpa.airalo.com')).toMatchObject({ ok: false, code: 'not_an_activation_code' });
    expect(parseActivationCode('LPA:1$$TEST')).toMatchObject({ ok: false, code: 'empty_part' });
  });

  it('makes the iOS link with the whole code URL-encoded', () => {
    const link = appleInstallLink(built('lpa.airalo.com', 'A&B=C?D#E'));
    expect(link).toBe('https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24lpa.airalo.com%24A%26B%3DC%3FD%23E');
    expect(new URL(link).searchParams.get('carddata')).toBe('LPA:1$lpa.airalo.com$A&B=C?D#E');
  });

  it('gives the manual codes for iOS and Android', () => {
    expect(manualCodes(built('lpa.airalo.com', 'TEST'))).toEqual({
      smdpAddress: 'lpa.airalo.com',
      iosActivationCode: 'TEST',
      androidActivationCode: 'LPA:1$lpa.airalo.com$TEST',
    });
  });
});
