import type { Static } from 'typebox';
import type { Booking, CloudbedsSettingsBodySchema, CloudbedsSettingsSchema } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import type { CommandTx } from '../../db/command-runner.ts';
import { conflict } from '../../errors.ts';
import type { BookingApi, InventoryApi } from '../hotel-api.ts';
import { CLOUDBEDS_VENDOR, CloudbedsAdapter, cloudbedsBudgetKey, type CloudbedsPayload } from './cloudbeds-adapter.ts';
import { CloudbedsClient } from './cloudbeds-client.ts';
import { CloudbedsStore } from './cloudbeds-store.ts';

export type CloudbedsSettingsView = Static<typeof CloudbedsSettingsSchema>;
export type CloudbedsSettingsBody = Static<typeof CloudbedsSettingsBodySchema>;

/** Tuning for tests; the defaults suit a venue. */
export interface CloudbedsOptions {
  /** How often reservations are pulled while credentials are set; 60 s by default. */
  pullIntervalMs?: number;
  /** A Cloudbeds request must be answered within this time; 10 s by default. */
  requestTimeoutMs?: number;
}

/** The key as staff may see it: all but its last 4 characters hidden. */
export function maskKey(apiKey: string): string {
  return `${'•'.repeat(Math.max(4, apiKey.length - 4))}${apiKey.slice(-4)}`;
}

/**
 * The hotel's link to Cloudbeds: the manager's credentials, the outbox adapter, what booking changes
 * owe Cloudbeds (a create, a status), and the pull timer.
 */
export class CloudbedsIntegration {
  readonly adapter: CloudbedsAdapter;
  readonly store: CloudbedsStore;
  /** Up while a pulled reservation is applied: the booking.changed it publishes is Cloudbeds' own news. */
  private applyingRemote = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly context: HubContext,
    private readonly bookings: BookingApi,
    inventory: InventoryApi,
    private readonly options: CloudbedsOptions = {},
  ) {
    this.store = new CloudbedsStore(context.store.sqlite);
    const client = new CloudbedsClient({ baseUrl: context.config.hotel.cloudbedsApiUrl, ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}) });
    this.adapter = new CloudbedsAdapter({
      context,
      store: this.store,
      client,
      bookings,
      inventory,
      applyRemote: (_tx, apply) => {
        this.applyingRemote = true;
        try {
          apply();
        } finally {
          this.applyingRemote = false;
        }
      },
    });
  }

  // ---- settings ----

  settings(): CloudbedsSettingsView {
    const row = this.store.settings();
    const counts = this.store.mappingCounts();
    return {
      configured: row !== null,
      apiKeyMasked: row ? maskKey(row.apiKey) : null,
      propertyId: row?.propertyId ?? null,
      pulledUntil: row?.pulledUntil ?? null,
      mappedRoomTypes: counts.roomTypes,
      mappedRooms: counts.rooms,
    };
  }

  /** A manager sets the key and property; a first pull (which also maps room types and rooms) is queued. */
  saveSettings(body: CloudbedsSettingsBody): Promise<CloudbedsSettingsView> {
    return this.context.commands.run((tx) => {
      this.store.saveSettings(body.apiKey, body.propertyId, this.context.clock.now().toISOString());
      this.adapter.enqueuePull(tx, this.context.outbox, body.propertyId, 'settings');
      return this.settings();
    });
  }

  /** Forgets the key, the cursor and the mappings. Jobs still waiting then wait for a person (no key). */
  clearSettings(): Promise<CloudbedsSettingsView> {
    return this.context.commands.run(() => {
      this.store.clearSettings();
      return this.settings();
    });
  }

  /** Queues a pull now (merging with one already waiting); 409 without credentials. */
  pullNow(): Promise<{ jobId: string }> {
    return this.context.commands.run((tx) => {
      const settings = this.store.settings();
      if (!settings) throw conflict('cloudbeds_not_set_up', 'Cloudbeds is not set up yet: give the API key and property id first.');
      return { jobId: this.adapter.enqueuePull(tx, this.context.outbox, settings.propertyId, 'manager').id };
    });
  }

  // ---- what a booking change owes Cloudbeds ----

  /**
   * In the command that changed the booking: a booking made here (or by HQ) is created in Cloudbeds
   * once, and each later status it reaches is set there; a booking that came from Cloudbeds owes only
   * the statuses reached here. A change applied from Cloudbeds itself owes nothing (the echo guard).
   */
  onBookingChanged(tx: CommandTx, booking: Booking): void {
    if (this.applyingRemote) return;
    const settings = this.store.settings();
    if (!settings) return;
    const budgetKey = cloudbedsBudgetKey(settings.propertyId);
    const status = (): void => {
      this.context.outbox.enqueue(tx, {
        vendor: CLOUDBEDS_VENDOR,
        kind: 'status',
        idempotencyKey: `status:${booking.id}:${booking.status}`,
        payload: { kind: 'status', bookingId: booking.id, status: booking.status } satisfies CloudbedsPayload,
        budgetKey,
      });
    };
    if (booking.source === 'cloudbeds' || booking.cloudbedsId !== null) {
      if (this.createdWith(booking.id) !== booking.status) status();
      return;
    }
    const create = this.context.outbox.enqueue(tx, {
      vendor: CLOUDBEDS_VENDOR,
      kind: 'create',
      idempotencyKey: `create:${booking.id}`,
      payload: { kind: 'create', bookingId: booking.id, status: booking.status } satisfies CloudbedsPayload,
      budgetKey,
    });
    // A later change (a room assigned, the dates moved) with the status it was created with owes nothing.
    if (!create.created && this.createdWith(booking.id) !== booking.status) status();
  }

  /** The status a booking's create job was written with (null for a booking pulled from Cloudbeds). */
  private createdWith(bookingId: string): Booking['status'] | null {
    const id = this.context.outbox.store.idByKey(CLOUDBEDS_VENDOR, `create:${bookingId}`);
    const row = id ? this.context.outbox.store.byId(id) : null;
    if (!row) return null;
    try {
      return (JSON.parse(row.payload) as Extract<CloudbedsPayload, { kind: 'create' }>).status;
    } catch {
      return null;
    }
  }

  // ---- the pull timer ----

  /** Every interval while credentials are set, a pull is queued (it merges with one still waiting). */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.tick(), this.options.pullIntervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (!this.store.settings()) return;
    try {
      await this.context.commands.run((tx) => {
        const settings = this.store.settings();
        if (settings) this.adapter.enqueuePull(tx, this.context.outbox, settings.propertyId, 'timer');
      });
    } catch (error) {
      this.context.log.error({ err: error }, 'the Cloudbeds pull could not be queued; the next tick tries again');
    }
  }
}
