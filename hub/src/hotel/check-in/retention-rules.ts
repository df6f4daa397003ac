/**
 * How long an ID photo from check-in is kept: `retentionDays` days after the stay ended (0: at once).
 * A stay ends at checkout; a stay cancelled or closed as a no-show after the guest uploaded a photo
 * ends then, so no photo is kept forever. Pure, so the hourly sweep and its tests read the same rule.
 */
const DAY_MS = 86_400_000;

export interface PhotoOnFile {
  bookingId: string;
  /** When the stay checked out (or was cancelled, or closed as a no-show); null while it is open. */
  endedAt: string | null;
}

/** The moment the photo of a stay that ended at `endedAt` is due for deletion. */
export function photoDeleteAt(endedAt: string, retentionDays: number): Date {
  return new Date(Date.parse(endedAt) + retentionDays * DAY_MS);
}

/** The bookings whose ID photo must be deleted now. */
export function photosDue(photos: readonly PhotoOnFile[], now: Date, retentionDays: number): string[] {
  return photos
    .filter((photo) => photo.endedAt !== null && photoDeleteAt(photo.endedAt, retentionDays).getTime() <= now.getTime())
    .map((photo) => photo.bookingId);
}
