/**
 * Digital check-in: a guest opens their booking's link (/checkin/<code>), gets a token that reaches
 * that stay only (as a table's QR gives a visit's token), fills in the registration with a drawn
 * signature and adds a photo of their ID. Staff read it back, as data, images, a PDF card or a print.
 * Registrations and ID photos stay on the hub: no event payload, sync document or log line carries them.
 */
import type { GuestStay, RegistrationBody } from '@onemoment/shared/schemas/hotel';
import type { HubContext } from '../../context.ts';
import { formatDateTime } from '@onemoment/printers';
import { badRequest, conflict, HubError, notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import { hashToken, newToken } from '../../sessions/tokens.ts';
import { JoinLimiter } from '../../restaurant/floor/join-limiter.ts';
import type { BookingApi } from '../hotel-api.ts';
import { cleanFreeText, datesRefusal, normalizeDocumentNumber, stayClosedRefusal, type Refusal } from './check-in-rules.ts';
import type { JoinCheckInResponse, RegistrationView } from '@onemoment/shared/schemas/hotel';
import type { CheckInStore, DocumentRow, StayRow } from './check-in-store.ts';
import { decodeSignature, normalizeIdPhoto } from './id-images.ts';
import type { RegistrationCard } from './registration-card-pdf.ts';
import { photoDeleteAt } from './retention-rules.ts';

/** Unknown codes one client may try per minute before it has to wait (as for table codes). */
const JOIN_FAILURES_PER_MINUTE = 20;
/** Refresh a token's last-seen time at most this often: every request writing it would cost an fsync. */
const TOUCH_EVERY_MS = 60_000;

/** Who a check-in token belongs to: one booking. */
export interface CheckInGuest {
  bookingId: string;
  tokenHash: string;
}

const refused = (refusal: Refusal) => new HubError(refusal.status, refusal.code, refusal.message);
const codeNotFound = () => new HubError(404, 'check_in_not_found', 'This check-in link is not valid: please check it, or ask the front desk for a new one.');
const sessionExpired = () => new HubError(401, 'check_in_expired', 'Your check-in session has expired: open the check-in link from your booking again.');

export class CheckInService {
  private readonly limiter = new JoinLimiter({ maxFailures: JOIN_FAILURES_PER_MINUTE, windowMs: 60_000 });

  constructor(
    private readonly context: HubContext,
    private readonly store: CheckInStore,
    private readonly bookings: Pick<BookingApi, 'get'>,
  ) {}

  // ---- guests ----

  /** A guest opened the check-in link. The token is returned once; only its hash is kept. */
  async join(code: string, client: string): Promise<JoinCheckInResponse> {
    const nowMs = this.context.clock.now().getTime();
    if (!this.limiter.allows(client, nowMs)) {
      const wait = this.limiter.retryAfterSeconds(client, nowMs);
      throw new HubError(429, 'too_many_attempts', `Too many unknown check-in links from this device: try again in ${wait} seconds.`, { retryAfterSeconds: wait });
    }
    if (!this.store.stayOfCode(code)) {
      this.limiter.recordFailure(client, nowMs);
      throw codeNotFound();
    }
    return this.context.commands.run(() => {
      // Read again inside the command: the booking may have been cancelled in the meantime.
      const stay = this.store.stayOfCode(code);
      if (!stay) throw codeNotFound();
      const closed = stayClosedRefusal(stay.status);
      if (closed) throw refused(closed);
      const now = this.context.clock.now();
      const token = newToken();
      this.store.insertSession(hashToken(token), stay.id, now.toISOString());
      const expiresAt = new Date(now.getTime() + this.context.config.guestTokenIdleMs).toISOString();
      return { token, expiresAt, stay: this.guestStayOf(stay) };
    });
  }

  /** The booking a check-in token reaches: 401 when unknown, revoked or idle too long; 410 once the stay ended. */
  authenticate(token: string): CheckInGuest {
    const tokenHash = hashToken(token);
    const session = this.store.session(tokenHash);
    if (!session) throw sessionExpired();
    const now = this.context.clock.now();
    const idleMs = now.getTime() - Date.parse(session.lastSeenAt);
    if (idleMs > this.context.config.guestTokenIdleMs) throw sessionExpired();
    const closed = stayClosedRefusal(session.status);
    if (closed) throw refused(closed);
    if (idleMs > TOUCH_EVERY_MS) this.store.touch(tokenHash, now.toISOString());
    return { bookingId: session.bookingId, tokenHash };
  }

  guestStay(guest: CheckInGuest): GuestStay {
    return this.guestStayOf(this.stayRow(guest.bookingId));
  }

  /**
   * Stores the form and the signature in one transaction; sending it again replaces both (the guest
   * fixed a typo). The dates must be the booking's. Tells the front desk the stay is registered.
   */
  async saveRegistration(guest: CheckInGuest, body: RegistrationBody): Promise<GuestStay> {
    const text = (value: string, field: string) => {
      const cleaned = cleanFreeText(value);
      if (!cleaned) throw badRequest('field_empty', `Please fill in ${field}.`, { field });
      return cleaned;
    };
    const form = {
      fullName: text(body.fullName, 'your full name'),
      address: text(body.address, 'your home address'),
      documentNumber: normalizeDocumentNumber(body.documentNumber),
    };
    // Decoded before the command: the transaction never waits on sharp.
    const signature = await decodeSignature(body.signature);
    return this.context.commands.run((tx) => {
      const stay = this.openStay(guest.bookingId);
      const mismatch = datesRefusal(stay, body);
      if (mismatch) throw refused(mismatch);
      const at = this.context.clock.now().toISOString();
      this.store.saveRegistration({
        bookingId: stay.id,
        ...form,
        nationality: body.nationality,
        documentType: body.documentType,
        arrival: body.arrival,
        departure: body.departure,
        consentAt: at,
        submittedAt: at,
      });
      this.store.saveDocument(stay.id, 'signature', 'image/png', signature, at);
      // The booking as staff see it now says "registered"; nothing of the form is in it.
      const booking = this.bookings.get(stay.id);
      if (booking) this.context.events.publish(tx, 'booking.changed', [rooms.staff], booking);
      return this.guestStayOf(stay);
    });
  }

  /** Stores the ID photo (re-encoded, metadata dropped); a new photo replaces the old one. */
  async saveIdPhoto(guest: CheckInGuest, bytes: Buffer): Promise<GuestStay> {
    const photo = await normalizeIdPhoto(bytes);
    return this.context.commands.run(() => {
      const stay = this.openStay(guest.bookingId);
      this.store.saveDocument(stay.id, 'id_photo', 'image/jpeg', photo, this.context.clock.now().toISOString());
      return this.guestStayOf(stay);
    });
  }

  // ---- staff ----

  registrationView(bookingId: string): RegistrationView {
    const stay = this.stayRow(bookingId);
    const form = this.store.registration(bookingId);
    const documents = this.store.documents(bookingId);
    const photo = documents.find((document) => document.kind === 'id_photo');
    const deleteAfter = photo?.onFile && stay.endedAt ? photoDeleteAt(stay.endedAt, this.context.config.hotel.idPhotoRetentionDays).toISOString() : null;
    return {
      bookingId,
      registered: form !== null,
      form: form
        ? {
            fullName: form.fullName,
            nationality: form.nationality,
            documentType: form.documentType,
            documentNumber: form.documentNumber,
            address: form.address,
            arrival: form.arrival,
            departure: form.departure,
            consentAt: form.consentAt,
            submittedAt: form.submittedAt,
          }
        : null,
      idPhoto: { onFile: Boolean(photo?.onFile), uploadedAt: photo?.createdAt ?? null, deletedAt: photo?.deletedAt ?? null, deleteAfter },
      signature: documents.some((document) => document.kind === 'signature' && document.onFile),
    };
  }

  /** The image bytes of a document; 404 when there is none (never uploaded, or deleted by retention). */
  document(bookingId: string, kind: DocumentRow['kind']): { mime: string; bytes: Buffer } {
    this.stayRow(bookingId);
    const document = this.store.documentBytesOf(bookingId, kind);
    if (document) return document;
    if (kind === 'id_photo' && this.store.documents(bookingId).some((row) => row.kind === 'id_photo' && row.deletedAt)) {
      throw new HubError(404, 'id_photo_deleted', 'The ID photo of this stay was deleted after checkout, as the retention setting says.');
    }
    throw new HubError(404, 'not_found', kind === 'id_photo' ? 'The guest has not added an ID photo.' : 'The guest has not signed a registration yet.');
  }

  /** What the PDF card shows; 409 until the guest has sent the form. */
  card(bookingId: string): RegistrationCard {
    const stay = this.stayRow(bookingId);
    const form = this.store.registration(bookingId);
    if (!form) throw conflict('not_registered', 'The guest has not sent their registration yet: there is no card to make.');
    const venue = this.context.venue.venue();
    const at = (iso: string) => formatDateTime(iso, venue.timezone);
    const stayView = this.guestStayOf(stay);
    return {
      hotelName: venue.name,
      bookingId: stay.id,
      roomType: stay.roomTypeName,
      roomNumber: stay.roomNumber,
      arrival: stay.arrival,
      departure: stay.departure,
      nights: stayView.nights,
      guests: { adults: stay.adults, children: stay.children },
      form: { ...form, consentAt: at(form.consentAt), submittedAt: at(form.submittedAt) },
      signaturePng: this.store.documentBytesOf(bookingId, 'signature')?.bytes ?? null,
      printedAt: at(this.context.clock.now().toISOString()),
    };
  }

  /** Whether the guest sent their registration (Booking.registered). */
  isRegistered(bookingId: string): boolean {
    return this.store.isRegistered(bookingId);
  }

  private stayRow(bookingId: string): StayRow {
    const stay = this.store.stay(bookingId);
    if (!stay) throw notFound('This booking');
    return stay;
  }

  private openStay(bookingId: string): StayRow {
    const stay = this.stayRow(bookingId);
    const closed = stayClosedRefusal(stay.status);
    if (closed) throw refused(closed);
    return stay;
  }

  private guestStayOf(stay: StayRow): GuestStay {
    const documents = this.store.documents(stay.id);
    const nights = Math.round((Date.parse(`${stay.departure}T00:00:00Z`) - Date.parse(`${stay.arrival}T00:00:00Z`)) / 86_400_000);
    return {
      bookingId: stay.id,
      hotelName: this.context.venue.venue().name,
      guestName: stay.guestName,
      roomType: stay.roomTypeName,
      roomNumber: stay.roomNumber,
      arrival: stay.arrival,
      departure: stay.departure,
      nights,
      status: stay.status,
      registered: this.store.isRegistered(stay.id),
      idPhoto: documents.some((document) => document.kind === 'id_photo' && document.onFile),
    };
  }
}
