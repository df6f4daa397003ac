import { describe, expect, it } from 'vitest';
import { clientKeyOf } from './client-address.ts';

describe('the key a client is counted under', () => {
  it('is an IPv4 address as it is, also when it comes IPv4-mapped', () => {
    expect(clientKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const key = '2001:db8:a:b::/64';
    expect(clientKeyOf('2001:db8:a:b::1')).toBe(key);
    expect(clientKeyOf('2001:0db8:000a:000b:ffff:1:2:3')).toBe(key);
    expect(clientKeyOf('2001:DB8:A:B:0:0:0:9')).toBe(key);
    expect(clientKeyOf('2001:db8:a:b::1%eth0')).toBe(key);
    expect(clientKeyOf('2001:db8:a:c::1')).not.toBe(key);
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('has a key when the address is missing (a socket already gone)', () => {
    expect(clientKeyOf(undefined)).toBe('unknown');
    expect(clientKeyOf('')).toBe('unknown');
  });
});
