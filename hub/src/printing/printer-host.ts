import { isIP } from 'node:net';

export type HostCheck = { ok: true; host: string } | { ok: false; message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A printer's address as staff type it: an IPv4 or IPv6 address, or an ASCII host name such as
 * `kitchen-printer.local`. Anything else gets a sentence that says what to type instead, because the
 * usual mistakes are a web link, an address with the port glued on, or a typo in a number.
 */
export function checkPrinterHost(raw: string): HostCheck {
  const host = raw.trim();
  const refuse = (message: string): HostCheck => ({ ok: false, message });
  if (host === '') return refuse('Enter the printer’s address, like 192.168.1.50 or printer.local.');
  if (/\s/.test(host)) return refuse('A printer address has no spaces: enter it like 192.168.1.50.');
  if (host.includes('/') || host.includes('@')) return refuse('Enter only the printer’s address (192.168.1.50), not a web link.');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host)) {
    return refuse('Use the printer’s IP address or its host name in plain letters (no accents or other scripts).');
  }
  if (host.length > 253) return refuse('That printer address is too long.');
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.includes(':')) {
    if (isIP(bare) === 6) return { ok: true, host: bare.toLowerCase() };
    if (/^[^:]+:\d+$/.test(host)) return refuse('Put the port in the port field, not after the address.');
    return refuse(`"${host}" is not a valid IPv6 address.`);
  }
  if (/^[\d.]+$/.test(host)) {
    if (isIP(host) !== 4) return refuse(`"${host}" is not a valid IP address: it needs four numbers from 0 to 255, like 192.168.1.50.`);
    if (host === '0.0.0.0' || host === '255.255.255.255') return refuse(`${host} is not the address of a single printer.`);
    return { ok: true, host };
  }
  const name = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) {
    return refuse(`"${host}" is not a valid host name: use letters, digits and hyphens, separated by dots.`);
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return refuse(`"${host}" is not a valid host name or IP address.`);
  return { ok: true, host: name };
}
