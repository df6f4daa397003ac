// Finding network printers, and announcing the hub, over mDNS / DNS-SD (bonjour-service).
//
// Receipt printers that speak raw TCP advertise `_pdl-datastream._tcp` (the port-9100 service);
// many also advertise `_printer._tcp` (LPD, port 515), which tells us the printer exists even when
// the raw service is not announced. The hub announces `_onemoment-hub._tcp` so staff devices and
// the desktop shell can find it without typing an address.
import os from 'node:os';
import Bonjour from 'bonjour-service';

export type PrinterServiceType = 'pdl-datastream' | 'printer';

export const PRINTER_SERVICE_TYPES: readonly PrinterServiceType[] = ['pdl-datastream', 'printer'];
export const HUB_SERVICE_TYPE = 'onemoment-hub';

export interface DiscoveredService<Type extends string = string> {
  /** Instance name, e.g. "EPSON TM-T20III". */
  name: string;
  /** mDNS host name, e.g. "EPSON1A2B3C.local". */
  host: string;
  /** IPv4/IPv6 addresses from the announcement, or the sender's address when it lists none. */
  addresses: string[];
  port: number;
  type: Type;
  txt: Record<string, string>;
}

export type DiscoveredPrinter = DiscoveredService<PrinterServiceType>;

export interface MdnsOptions {
  /** Interface name ("eth0") or IPv4 address to use; default: every IPv4 interface. */
  interface?: string;
}

export interface BrowseOptions extends MdnsOptions {
  /** How long to listen. mDNS has no "that's all", so browsing always takes this long. */
  timeoutMs?: number;
  /** Called as each service is found, before the timeout. */
  onFound?: (service: DiscoveredService) => void;
}

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

function interfaceAddress(name: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  const address = os.networkInterfaces()[name]?.find((a) => a.family === 'IPv4')?.address;
  if (!address) throw new DiscoveryError(`Network interface "${name}" has no IPv4 address.`);
  return address;
}

function createBonjour(options: MdnsOptions, onError: (error: Error) => void): Bonjour {
  // Bound to 0.0.0.0 even with an interface chosen: on Linux a socket bound to a unicast address
  // never receives multicast.
  const mdnsOptions = options.interface ? { interface: interfaceAddress(options.interface), bind: '0.0.0.0' } : {};
  // Without an error callback bonjour-service throws from inside a socket handler.
  return new Bonjour(mdnsOptions as never, onError);
}

function txtRecord(txt: unknown): Record<string, string> {
  if (!txt || typeof txt !== 'object') return {};
  return Object.fromEntries(Object.entries(txt as Record<string, unknown>).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]));
}

function toDiscovered<Type extends string>(service: Bonjour.Service, type: Type): DiscoveredService<Type> {
  const addresses = service.addresses && service.addresses.length > 0 ? [...service.addresses] : service.referer ? [service.referer.address] : [];
  return { name: service.name, host: service.host, addresses, port: service.port, type, txt: txtRecord(service.txt) };
}

async function browse<Type extends string>(types: readonly Type[], options: BrowseOptions): Promise<DiscoveredService<Type>[]> {
  let failure: Error | undefined;
  const bonjour = createBonjour(options, (error) => {
    failure ??= error;
  });
  const found = new Map<string, DiscoveredService<Type>>();
  const browsers = types.map((type) =>
    bonjour.find({ type, protocol: 'tcp' }, (service) => {
      const discovered = toDiscovered(service, type);
      const key = `${type}/${discovered.name}`;
      if (found.has(key)) return;
      found.set(key, discovered);
      options.onFound?.(discovered);
    }));
  await new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 3000));
  for (const browser of browsers) browser.stop();
  await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  if (failure && found.size === 0) throw new DiscoveryError(`mDNS browsing failed: ${failure.message}`);
  return [...found.values()];
}

/** Network printers announced on the LAN within `timeoutMs` (default 3 s). */
export function browsePrinters(options: BrowseOptions = {}): Promise<DiscoveredPrinter[]> {
  return browse(PRINTER_SERVICE_TYPES, options);
}

/** Other OneMoment hubs on the LAN. */
export function browseHubs(options: BrowseOptions = {}): Promise<DiscoveredService<typeof HUB_SERVICE_TYPE>[]> {
  return browse([HUB_SERVICE_TYPE], options);
}

export interface HubAdvertisement {
  name: string;
  port: number;
  /** Sends the goodbye packet and closes the mDNS socket. */
  stop(): Promise<void>;
}

export interface AdvertiseOptions extends MdnsOptions {
  name: string;
  port: number;
  txt?: Record<string, string>;
  /** How long to wait for the announcement to go out (default 5 s). */
  timeoutMs?: number;
}

/** Announce the hub as `_onemoment-hub._tcp`; resolves once the first announcement is sent. */
export function advertiseHub(options: AdvertiseOptions): Promise<HubAdvertisement> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const bonjour = createBonjour(options, (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      bonjour.destroy();
      reject(new DiscoveryError(`Could not announce the hub over mDNS: ${error.message}`));
    });
    const service = bonjour.publish({ name: options.name, type: HUB_SERVICE_TYPE, port: options.port, txt: options.txt });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      bonjour.destroy();
      reject(new DiscoveryError(`The hub announcement did not go out within ${options.timeoutMs ?? 5000} ms.`));
    }, options.timeoutMs ?? 5000);
    service.once('up', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        name: options.name,
        port: options.port,
        stop: () => new Promise<void>((done) => bonjour.unpublishAll(() => bonjour.destroy(() => done()))),
      });
    });
  });
}
