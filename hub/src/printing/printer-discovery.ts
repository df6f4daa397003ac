// mDNS on the venue LAN: searching for printers (for the admin page) and announcing the hub. Both are
// off with MDNS=off, and a hub that listens on loopback only is not on the LAN, so it does neither
// (this also keeps tests, which listen on 127.0.0.1, off the machine's real network interfaces).
import { advertiseHub, browsePrinters, type DiscoveredPrinter, type HubAdvertisement } from '@onemoment/printers';
import type { DiscoverResponse } from '@onemoment/shared/schemas/printing';
import type { HubContext } from '../context.ts';
import type { PrinterConfig } from './print-routing.ts';

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function offNote(context: HubContext): string | null {
  if (!context.config.mdns) return 'Searching the network is switched off on this hub (MDNS=off): add the printer by its address.';
  if (isLoopbackHost(context.config.host)) {
    return `The hub listens only on this computer (HOST=${context.config.host}), so it does not search the network: add the printer by its address.`;
  }
  return null;
}

/** One row per printer found: the raw-port announcement wins over the LPD one of the same printer. */
export function mergeDiscovered(found: readonly DiscoveredPrinter[], known: readonly PrinterConfig[]): DiscoverResponse['printers'] {
  const byName = new Map<string, DiscoveredPrinter>();
  for (const service of found) {
    const seen = byName.get(service.name);
    if (!seen || (seen.type === 'printer' && service.type === 'pdl-datastream')) byName.set(service.name, service);
  }
  return [...byName.values()].map((service) => {
    const suggestedPort = service.type === 'pdl-datastream' ? service.port : 9100;
    const hosts = [service.host.toLowerCase().replace(/\.$/, ''), ...service.addresses];
    return {
      name: service.name,
      host: service.host,
      addresses: service.addresses,
      port: service.port,
      type: service.type,
      suggestedPort,
      known: known.some((printer) => hosts.includes(printer.host) && printer.port === suggestedPort),
    };
  });
}

export async function discoverPrinters(context: HubContext, known: readonly PrinterConfig[], timeoutMs: number): Promise<DiscoverResponse> {
  const note = offNote(context);
  if (note) return { printers: [], note };
  try {
    const found = await browsePrinters({ timeoutMs });
    return { printers: mergeDiscovered(found, known), note: found.length === 0 ? 'No printer announced itself: add it by its address.' : null };
  } catch (error) {
    context.log.warn({ err: error }, 'printer discovery failed');
    const reason = error instanceof Error ? error.message : 'mDNS is not available';
    return { printers: [], note: `The network could not be searched (${reason}): add the printer by its address.` };
  }
}

/** Announces the hub as `_onemoment-hub._tcp` once it listens; stop() withdraws the announcement. */
export class HubAnnouncer {
  private announcement: Promise<HubAdvertisement | null> | null = null;

  constructor(private readonly context: HubContext) {}

  announce(port: number, venue: { id: string; name: string }): void {
    if (offNote(this.context) || this.announcement) return;
    this.announcement = advertiseHub({ name: venue.name, port, txt: { venue: venue.id, admin: '/admin', kds: '/kds' } }).catch((error: unknown) => {
      this.context.log.warn({ err: error }, 'the hub could not announce itself over mDNS; devices can still use its address');
      return null;
    });
  }

  async stop(): Promise<void> {
    const announcement = await this.announcement;
    this.announcement = null;
    await announcement?.stop().catch(() => undefined);
  }
}
