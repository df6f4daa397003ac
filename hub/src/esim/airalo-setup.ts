import { isUsdRate } from '@onemoment/shared/esim/esim-pricing';
import type { AiraloCredentialsBody, AiraloSettings } from '@onemoment/shared/schemas/esim';
import type { HubContext } from '../context.ts';
import { badRequest, conflict } from '../errors.ts';
import type { EsimJobs } from './esim-adapter.ts';
import type { EsimStore } from './esim-store.ts';

/** Airalo's catalogue is read this often while credentials are set (the outbox waits out an offline hour). */
export const CATALOGUE_INTERVAL_MS = 60 * 60_000;

/** "••••••••1234": enough for a manager to recognise the id, not to use it. */
export function maskSecret(value: string): string {
  return `${'•'.repeat(Math.max(4, Math.min(12, value.length - 4)))}${value.slice(-4)}`;
}

/**
 * The manager's side of Airalo: credentials (kept on the hub only, masked when read back), the dollar
 * rate, and the hourly catalogue refresh. A refresh is an outbox job, so it waits out an offline uplink.
 */
export class AiraloSetup {
  private timer: NodeJS.Timeout | null = null;
  /** When the timer last queued a refresh: a refresh that applied nothing (a cut-short answer) is not re-queued every minute. */
  private lastQueuedAtMs = 0;

  constructor(
    private readonly context: HubContext,
    private readonly store: EsimStore,
    private readonly jobs: EsimJobs,
    private readonly options: { catalogueIntervalMs?: number } = {},
  ) {}

  settings(): AiraloSettings {
    const row = this.store.settings();
    const currency = this.context.venue.venue().currency;
    const counts = this.store.counts();
    return {
      configured: Boolean(row?.clientId && row.clientSecret),
      clientId: row?.clientId ? maskSecret(row.clientId) : null,
      apiUrl: this.context.config.esim.airaloApiUrl,
      currency,
      usdRate: currency === 'USD' ? '1' : (row?.usdRate ?? null),
      catalogue: { packages: counts.packages, offered: counts.offered, syncedAt: row?.catalogueSyncedAt ?? null, problem: row?.catalogueProblem ?? null },
    };
  }

  configured(): boolean {
    const row = this.store.settings();
    return Boolean(row?.clientId && row.clientSecret);
  }

  async saveCredentials(body: AiraloCredentialsBody): Promise<AiraloSettings> {
    await this.context.commands.run((tx) => {
      this.store.saveCredentials({ clientId: body.clientId, clientSecret: body.clientSecret }, this.context.clock.now().toISOString());
      this.jobs.enqueueCatalogue(tx, 'settings');
    });
    this.context.log.info({ vendor: 'airalo' }, 'Airalo credentials set by a manager');
    return this.settings();
  }

  async clearCredentials(): Promise<AiraloSettings> {
    await this.context.commands.run(() => this.store.saveCredentials(null, this.context.clock.now().toISOString()));
    return this.settings();
  }

  async saveRate(usdRate: string): Promise<AiraloSettings> {
    if (!isUsdRate(usdRate)) throw badRequest('bad_rate', `"${usdRate}" is not a rate: give how many units of the venue currency one US dollar costs, above zero, like "0.92".`);
    const currency = this.context.venue.venue().currency;
    if (currency === 'USD' && usdRate !== '1' && Number(usdRate) !== 1) throw badRequest('bad_rate', 'This venue sells in US dollars, so its rate is 1.');
    await this.context.commands.run(() => this.store.saveRate(usdRate, this.context.clock.now().toISOString()));
    return this.settings();
  }

  async refreshCatalogue(reason: 'manager' | 'timer'): Promise<{ queued: boolean }> {
    if (!this.configured()) throw conflict('not_configured', 'Set the Airalo client id and secret first.');
    await this.context.commands.run((tx) => this.jobs.enqueueCatalogue(tx, reason));
    return { queued: true };
  }

  start(): void {
    if (this.timer) return;
    const interval = this.options.catalogueIntervalMs ?? CATALOGUE_INTERVAL_MS;
    const due = (now: number) => {
      const synced = this.store.settings()?.catalogueSyncedAt;
      return this.configured() && now - this.lastQueuedAtMs >= interval && (!synced || now - Date.parse(synced) >= interval);
    };
    const tick = () => {
      const now = this.context.clock.now().getTime();
      if (!due(now)) return;
      this.lastQueuedAtMs = now;
      this.refreshCatalogue('timer').catch((error: unknown) => this.context.log.warn({ err: error, vendor: 'airalo' }, 'the hourly Airalo catalogue refresh could not be queued'));
    };
    tick();
    // Checked every minute so a catalogue an hour old is read within a minute; the outbox merges asks.
    this.timer = setInterval(tick, Math.min(interval, 60_000));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
