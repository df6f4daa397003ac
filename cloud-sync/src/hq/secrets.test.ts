import { describe, expect, it } from 'vitest';
import { loadCloudConfig } from '../config.ts';
import { hashPassword, hashSecret, newPairingCode, newToken, normalizePairingCode, verifyPassword } from './secrets.ts';

describe('secrets', () => {
  it('hashes passwords with scrypt and a salt of their own, and checks them', async () => {
    const first = await hashPassword('onemoment-demo');
    const second = await hashPassword('onemoment-demo');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('onemoment-demo', first)).toBe(true);
    expect(await verifyPassword('onemoment-demo ', first)).toBe(false);
    expect(await verifyPassword('onemoment-demo', 'plain-text')).toBe(false);
  });

  it('makes 128-bit tokens and readable 8-character pairing codes, stored only as hashes', () => {
    expect(newToken()).toMatch(/^[\w-]{22}$/);
    expect(hashSecret('x')).toHaveLength(64);
    const codes = new Set(Array.from({ length: 200 }, () => newPairingCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[3469ACDEFGHJKMNPQRTUVWXY]{8}$/);
    expect(normalizePairingCode(' ab3d-ef4g ')).toBe('AB3DEF4G');
  });
});

describe('the cloud configuration', () => {
  it('has documented defaults and lists every problem at once', () => {
    const config = loadCloudConfig({});
    expect(config).toMatchObject({ port: 8090, host: '0.0.0.0', databaseUrl: null, hqDemoEmail: 'hq@onemoment.local', hqDemoPassword: 'onemoment-demo', compactAfterUpdates: 500 });
    expect(config.dataDir).toMatch(/cloud-data$/);
    const problems = () => loadCloudConfig({ PORT: 'x', DATABASE_URL: 'mysql://a', LOG_LEVEL: 'loud' });
    expect(problems).toThrow(/has 3 problem\(s\)/);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(problems).toThrow(new RegExp(`- ${name} `));
  });
});
