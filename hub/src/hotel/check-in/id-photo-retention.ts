/**
 * Deletes ID photos once the retention rule says so: the bytes are cleared (the row stays with its
 * deleted_at, so staff see that a photo existed and when it went). Runs hourly on an unref'd timer
 * from the app's ready to its close, and once at ready, so a hub that was off catches up at once.
 */
import type { HubContext } from '../../context.ts';
import type { CheckInStore } from './check-in-store.ts';
import { photosDue } from './retention-rules.ts';

export const RETENTION_SWEEP_EVERY_MS = 3_600_000;

export class IdPhotoRetention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly context: HubContext,
    private readonly store: CheckInStore,
  ) {}

  /** Deletes every photo that is due; resolves with how many. */
  sweep(): Promise<number> {
    // One sweep at a time: a slow disk must not stack hourly sweeps.
    this.running ??= this.context.commands
      .run(() => {
        const now = this.context.clock.now();
        const due = photosDue(this.store.endedStaysWithPhotos(), now, this.context.config.hotel.idPhotoRetentionDays);
        let deleted = 0;
        for (const bookingId of due) if (this.store.deletePhoto(bookingId, now.toISOString())) deleted += 1;
        return deleted;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    const sweep = () => {
      this.sweep().then(
        (deleted) => {
          if (deleted > 0) this.context.log.info({ deleted }, 'ID photos deleted after checkout, as the retention setting says');
        },
        (error: unknown) => this.context.log.error({ err: error }, 'the ID photo retention sweep failed; it runs again in an hour'),
      );
    };
    sweep();
    this.timer = setInterval(sweep, RETENTION_SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
