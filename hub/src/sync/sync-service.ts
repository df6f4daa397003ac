import type Database from 'better-sqlite3';
import type * as Y from 'yjs';
import { docNames, isVenueId, parseDocName } from '@onemoment/shared/sync/doc-names';
import type { HubContext } from '../context.ts';
import { conflict, HubError } from '../errors.ts';
import { readMenuItems, readTonRate } from '@onemoment/shared/sync/config-doc';
import type { TonPayments } from '../payments/ton/ton-payments.ts';
import type { MenuService } from '../restaurant/menu/menu-service.ts';
import type { SyncStatus } from './schemas.ts';
import { SyncClient, type AckRange, type CloudLink, type SyncClientOptions } from './sync-client.ts';
import { SyncDocuments, type StoredUpdate } from './sync-documents.ts';
import { SyncRecorder } from './sync-recorder.ts';
import { StaysSync, stayMonthsAround, touchedStays, type SyncedHotel } from './stays-sync.ts';

export interface SyncOptions extends SyncClientOptions {
  /** How often the active documents are reviewed (the day turns, old documents finish). Default 60 s. */
  refreshMs?: number;
  /** How long pairing waits for the cloud. Default 10 s. */
  pairTimeoutMs?: number;
}

/** What sync asks of the menu module: it reads and writes its own rows. */
export type SyncedMenu = Pick<MenuService, 'syncedFields' | 'applyCloudFields'>;

/** What sync asks of TON payments: HQ's rate is applied by them, in their own command. */
export type SyncedTonRate = Pick<TonPayments, 'applyHqRate'>;

/** The other modules sync serves when they run (each loads before sync). */
export interface SyncedModules {
  /** The hotel: its bookings go to the stays documents, and HQ's come back through it. */
  hotel?: SyncedHotel | null;
  /** Whether a visit is a hotel room's room service (the restaurant's tables know). */
  isRoomVisit?: ((visitId: string) => boolean) | null;
}

interface SettingsRow extends CloudLink {
  lastSyncAt: string | null;
}

const DAY_MS = 86_400_000;

function prepare(db: Database.Database) {
  return {
    settings: db.prepare('SELECT cloud_url AS cloudUrl, cloud_venue_id AS cloudVenueId, hub_token AS hubToken, last_sync_at AS lastSyncAt FROM sync_settings WHERE id = 1'),
    insertSettings: db.prepare('INSERT INTO sync_settings (id, cloud_url, cloud_venue_id, hub_token, paired_at) VALUES (1, ?, ?, ?, ?)'),
    deleteSettings: db.prepare('DELETE FROM sync_settings'),
    touch: db.prepare('UPDATE sync_settings SET last_sync_at = ? WHERE id = 1'),
  };
}

/**
 * Cloud sync on the hub: records every change in its documents (SyncRecorder, inside the commands),
 * keeps the documents of the last two business days, the config and (with the hotel) the stays of
 * last month to a year ahead in memory, pairs with the cloud,
 * and runs the client that sends and receives updates while paired. Unpaired hubs still record, so
 * their history syncs once they are paired.
 */
export class SyncService {
  readonly documents: SyncDocuments;
  readonly recorder: SyncRecorder;
  private readonly sql: ReturnType<typeof prepare>;
  private client: SyncClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private detach: (() => void) | null = null;
  private stopped = false;
  /** The HQ rate last handed to TON payments ("rate@setAt"), so an unrelated config update does not repeat it. */
  private appliedTonRate: string | null = null;
  private readonly stays: StaysSync | null;

  constructor(
    private readonly context: HubContext,
    /** The restaurant's menu, when the hub runs it: HQ's prices are applied through it. */
    private readonly menu: SyncedMenu | null,
    private readonly options: SyncOptions = {},
    /** TON payments, when the hub runs them: HQ's rate from the config document is applied through them. */
    private readonly tonRate: SyncedTonRate | null = null,
    others: SyncedModules = {},
  ) {
    const sqlite = context.store.sqlite;
    this.sql = prepare(sqlite);
    this.documents = new SyncDocuments(sqlite, context.clock, (doc, rowId, error) =>
      context.log.error({ err: error, doc, rowId }, 'a stored sync update could not be read; the document is rebuilt without it'),
    );
    this.recorder = new SyncRecorder(context.venue, this.documents, (stored) => this.committed(stored), menu ? () => menu.syncedFields() : null, others.isRoomVisit ?? null);
    this.stays = others.hotel
      ? new StaysSync(others.hotel, this.documents, () => this.recorder.localVenueId(), (tx, stored) => this.recorder.store(tx, stored), context.log)
      : null;
    this.recorder.stays = this.stays;
  }

  /** From now on every published order and menu change is recorded (call before any command runs). */
  attach(): void {
    this.detach ??= this.recorder.subscribe(this.context.events);
  }

  /** Writes the menu into the config document, loads the documents kept in memory, starts the client. */
  async start(): Promise<void> {
    if (!this.recorder.localVenueId()) {
      this.context.log.warn('cloud sync is idle: the hub has no venue yet');
      return;
    }
    const menu = this.menu;
    if (menu) await this.context.commands.run((tx) => this.recorder.seedMenu(tx, menu.syncedFields()));
    const stays = this.stays;
    if (stays) await this.context.commands.run((tx) => stays.recordRoomTypes(tx));
    for (const name of this.retainedNames()) this.documents.get(name);
    // An HQ rate that came while TON was not set up, or just before the hub stopped, is taken now.
    await this.applyTonRate();
    this.startClient();
    this.timer = setInterval(() => this.refresh(), this.options.refreshMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.detach?.();
    this.detach = null;
    await this.stopClient();
  }

  link(): SettingsRow | null {
    return (this.sql.settings.get() as SettingsRow | undefined) ?? null;
  }

  /**
   * The config and the days of today and yesterday: what is kept in memory whatever the pairing; with
   * the hotel, the stays of last month to a year ahead too (fourteen small documents, whatever the
   * years of history: older months unload like old days).
   */
  retainedNames(): string[] {
    const config = this.recorder.configDocName();
    const venueId = this.recorder.localVenueId();
    if (!config || !venueId) return [];
    const now = this.context.clock.now();
    const today = this.context.venue.businessDay(now);
    const days = new Set([today, this.context.venue.businessDay(new Date(now.getTime() - DAY_MS))]);
    const stays = this.stays ? stayMonthsAround(today).map((month) => docNames.stays(venueId, month)) : [];
    return [config, ...[...days].map((day) => this.recorder.dayDocName(day)!), ...stays];
  }

  /**
   * Syncs the retained documents and any with unacked updates; closes and unloads documents that are
   * neither (an old day whose last change the cloud has now stored).
   */
  refresh(): void {
    if (this.stopped) return;
    const retained = this.retainedNames();
    const active = new Set(retained);
    if (this.client) {
      for (const name of this.documents.pendingDocNames()) active.add(name);
      this.client.setActive(active);
    }
    for (const name of this.documents.loadedNames()) {
      if (!active.has(name)) this.documents.unload(name);
    }
  }

  status(): SyncStatus {
    const link = this.link();
    const pending = this.documents.pendingSummary();
    const oldest = pending.oldest ? Date.parse(pending.oldest) : Number.NaN;
    return {
      paired: link !== null,
      connected: link !== null && (this.client?.connected() ?? false),
      cloudUrl: link?.cloudUrl ?? null,
      cloudVenueId: link?.cloudVenueId ?? null,
      lastSyncAt: link?.lastSyncAt ?? null,
      pendingUpdates: pending.updates,
      pendingBytes: pending.bytes,
      oldestPendingAgeMs: Number.isNaN(oldest) ? 0 : Math.max(0, this.context.clock.now().getTime() - oldest),
      lastError: link ? (this.client?.lastError ?? null) : null,
      documents: this.client?.documentStates() ?? [],
    };
  }

  /** Redeems HQ's pairing code at the cloud, keeps the hub token it returns, and starts syncing. */
  async pair(cloudUrl: string, pairingCode: string): Promise<SyncStatus> {
    if (this.link()) throw alreadyPaired();
    const venueId = this.recorder.localVenueId();
    if (!venueId) throw conflict('no_venue', 'This hub has no venue yet: set the venue up before pairing it with the cloud.');
    const base = cloudUrl.trim().replace(/\/+$/, '');
    const answer = await this.redeem(base, pairingCode.trim());
    await this.context.commands.run(() => {
      if (this.link()) throw alreadyPaired();
      this.sql.insertSettings.run(base, answer.venueId, answer.hubToken, this.context.clock.now().toISOString());
      // The cloud's venue is new: everything this hub recorded, before and after pairing, goes to it.
      this.documents.unackAll();
    });
    this.context.log.info({ cloudUrl: base, cloudVenueId: answer.venueId }, 'paired with the cloud');
    this.startClient();
    return this.status();
  }

  async unpair(): Promise<SyncStatus> {
    await this.stopClient();
    await this.context.commands.run(() => {
      this.sql.deleteSettings.run();
    });
    this.refresh();
    return this.status();
  }

  /** Skips the reconnect wait. */
  reconnectNow(): void {
    this.client?.reconnectNow();
  }

  private async redeem(base: string, pairingCode: string): Promise<{ venueId: string; hubToken: string }> {
    const venue = this.context.venue.venue();
    let response: Response;
    try {
      response = await fetch(`${base}/api/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The venue's currency and time zone, so the cloud labels this hub's money with them (see /api/pair).
        body: JSON.stringify({ pairingCode, hubName: venue.name, currency: venue.currency, timezone: venue.timezone }),
        signal: AbortSignal.timeout(this.options.pairTimeoutMs ?? 10_000),
      });
    } catch (error) {
      this.context.log.warn({ err: error, cloudUrl: base }, 'pairing: the cloud did not answer');
      throw new HubError(502, 'cloud_unreachable', `The cloud at ${base} did not answer: check the address and this hub's internet connection.`);
    }
    const body = (await response.json().catch(() => null)) as { venueId?: unknown; hubToken?: unknown; error?: unknown; message?: unknown } | null;
    if (response.status === 409 && body?.error === 'venue_mismatch' && typeof body.message === 'string') {
      // The code is right but HQ's venue sells in another currency or time zone: the cloud says which.
      this.context.log.warn({ cloudUrl: base, currency: venue.currency, timezone: venue.timezone }, 'pairing: the cloud venue does not match this hub');
      throw conflict('venue_mismatch', body.message.slice(0, 500));
    }
    if (response.status >= 400 && response.status < 500) {
      const said = typeof body?.message === 'string' ? ` (${body.message.slice(0, 200)})` : '';
      this.context.log.warn({ status: response.status, cloudUrl: base }, 'pairing: the cloud refused the pairing code');
      throw conflict('pairing_refused', `The cloud refused the pairing code${said}. Ask HQ for a new code: a code works once, for 24 hours.`);
    }
    const venueId = body?.venueId;
    const hubToken = body?.hubToken;
    if (!response.ok || typeof venueId !== 'string' || !isVenueId(venueId) || typeof hubToken !== 'string' || hubToken.length < 16 || hubToken.length > 512) {
      this.context.log.warn({ status: response.status, cloudUrl: base }, 'pairing: the cloud gave an answer the hub cannot use');
      throw new HubError(502, 'cloud_error', `The cloud at ${base} could not pair this hub (it answered ${response.status}); try again in a minute.`);
    }
    return { venueId, hubToken };
  }

  private startClient(): void {
    const link = this.link();
    const venueId = this.recorder.localVenueId();
    if (this.stopped || this.client || !link || !venueId) return;
    this.client = new SyncClient(
      {
        documents: this.documents,
        localVenueId: venueId,
        link,
        log: this.context.log,
        applyRemote: (name, update) => this.applyRemote(name, update),
        ack: (ranges) => this.ack(ranges),
      },
      this.options,
    );
    this.refresh();
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.stop();
  }

  /** A local update committed: the client sends it now if it can. */
  private committed(stored: StoredUpdate): void {
    this.client?.push(stored);
  }

  /**
   * A cloud update: into the document, the menu (config document) and sync_updates, in one command;
   * then HQ's TON rate, in the TON module's own command (the update is stored whatever it decides).
   */
  private async applyRemote(name: string, updateV1: Uint8Array): Promise<void> {
    const parsed = parseDocName(name);
    const stays = parsed?.kind === 'stays' ? this.stays : null;
    const config = await this.context.commands.run((tx) => {
      const now = this.context.clock.now().toISOString();
      this.sql.touch.run(now);
      if (stays) {
        // The bookings the update touched are merged through the hotel, in this same command; what
        // the merge publishes is written back into the document only where it differs (no echo).
        const doc = this.documents.get(name);
        const touched = new Set<string>();
        const collect = (transaction: Y.Transaction) => touchedStays(transaction, doc, touched);
        doc.on('afterTransaction', collect);
        try {
          this.documents.applyRemote(tx, name, updateV1);
        } finally {
          doc.off('afterTransaction', collect);
        }
        stays.mergeRemote(tx, this.documents.get(name), parsed!.month!, touched);
        return false;
      }
      const stored = this.documents.applyRemote(tx, name, updateV1);
      if (!stored || name !== this.recorder.configDocName()) return false;
      this.menu?.applyCloudFields(tx, readMenuItems(this.documents.get(name)));
      return true;
    });
    if (config) await this.applyTonRate();
  }

  /** Hands the config document's TON rate (HQ's) to TON payments, which keep a rate set later. */
  private async applyTonRate(): Promise<void> {
    const name = this.recorder.configDocName();
    if (!this.tonRate || !name) return;
    const rate = readTonRate(this.documents.get(name));
    const key = rate ? `${rate.nanotonsPerMinor}@${rate.setAt}` : null;
    if (!rate || key === this.appliedTonRate) return;
    try {
      // null: TON is not set up yet; the rate is tried again at the next config update or start.
      if (await this.tonRate.applyHqRate(rate.nanotonsPerMinor, rate.setAt)) this.appliedTonRate = key;
    } catch (error) {
      this.context.log.error({ err: error, rate }, "HQ's TON rate could not be applied");
    }
  }

  private async ack(ranges: AckRange[]): Promise<void> {
    await this.context.commands.run(() => {
      for (const range of ranges) this.documents.ack(range.docName, range.fromId, range.toId);
      this.sql.touch.run(this.context.clock.now().toISOString());
    });
    // An old day whose last update is now stored can be closed and unloaded.
    const retained = new Set(this.retainedNames());
    if (ranges.some((range) => !retained.has(range.docName) && !this.documents.hasPending(range.docName))) this.refresh();
  }
}

const alreadyPaired = () =>
  conflict('already_paired', 'This hub is already paired with a cloud venue: unpair it first to pair it with another.');
