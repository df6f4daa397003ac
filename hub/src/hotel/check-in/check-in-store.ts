/**
 * The check-in tables' SQL (check_in_sessions, check_in_registrations, check_in_documents) and the
 * read of a booking that check-in needs. Plain statements, prepared once; writes run inside the
 * service's commands.
 */
import type Database from 'better-sqlite3';
import type { BookingStatus } from '@onemoment/shared/schemas/hotel';

export interface StayRow {
  id: string;
  status: BookingStatus;
  arrival: string;
  departure: string;
  guestName: string;
  roomTypeName: string;
  roomNumber: string | null;
  adults: number;
  children: number;
  checkedOutAt: string | null;
  /** When the stay ended (checkout, cancellation or no-show); null while open. */
  endedAt: string | null;
}

export interface RegistrationRow {
  bookingId: string;
  fullName: string;
  nationality: string;
  documentType: string;
  documentNumber: string;
  address: string;
  arrival: string;
  departure: string;
  consentAt: string;
  submittedAt: string;
}

export interface DocumentRow {
  kind: 'id_photo' | 'signature';
  mime: string;
  createdAt: string;
  deletedAt: string | null;
  onFile: number;
}

export interface SessionRow {
  bookingId: string;
  lastSeenAt: string;
  status: BookingStatus;
}

const STAY_COLUMNS = `b.id, b.status, b.arrival, b.departure, b.guest_name AS guestName, t.name AS roomTypeName,
  r.number AS roomNumber, b.adults, b.children, b.checked_out_at AS checkedOutAt,
  ${endedAtSql('b')} AS endedAt`;
const STAY_FROM = 'bookings b LEFT JOIN room_types t ON t.id = b.room_type_id LEFT JOIN rooms r ON r.id = b.room_id';

/** When a stay ended: checkout, cancellation, or (no timestamp of its own) the no-show's last change. */
function endedAtSql(alias: string): string {
  return `COALESCE(${alias}.checked_out_at, ${alias}.cancelled_at, CASE ${alias}.status WHEN 'no_show' THEN ${alias}.updated_at END)`;
}

export class CheckInStore {
  private readonly stayByCode: Database.Statement;
  private readonly stayById: Database.Statement;
  private readonly sessionByHash: Database.Statement;
  private readonly insertSessionRow: Database.Statement;
  private readonly touchSession: Database.Statement;
  private readonly upsertRegistration: Database.Statement;
  private readonly registrationRow: Database.Statement;
  private readonly upsertDocument: Database.Statement;
  private readonly documentRows: Database.Statement;
  private readonly documentBytes: Database.Statement;
  private readonly photosOnFile: Database.Statement;
  private readonly deletePhotoBytes: Database.Statement;
  private readonly registeredRow: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.stayByCode = sqlite.prepare(`SELECT ${STAY_COLUMNS} FROM ${STAY_FROM} WHERE b.check_in_code = ?`);
    this.stayById = sqlite.prepare(`SELECT ${STAY_COLUMNS} FROM ${STAY_FROM} WHERE b.id = ?`);
    this.sessionByHash = sqlite.prepare(
      `SELECT s.booking_id AS bookingId, s.last_seen_at AS lastSeenAt, b.status
         FROM check_in_sessions s JOIN bookings b ON b.id = s.booking_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
    );
    this.insertSessionRow = sqlite.prepare('INSERT INTO check_in_sessions (token_hash, booking_id, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, NULL)');
    this.touchSession = sqlite.prepare('UPDATE check_in_sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.upsertRegistration = sqlite.prepare(
      `INSERT INTO check_in_registrations (booking_id, full_name, nationality, document_type, document_number, address, arrival, departure, consent_at, submitted_at)
       VALUES (@bookingId, @fullName, @nationality, @documentType, @documentNumber, @address, @arrival, @departure, @consentAt, @submittedAt)
       ON CONFLICT (booking_id) DO UPDATE SET full_name = excluded.full_name, nationality = excluded.nationality,
         document_type = excluded.document_type, document_number = excluded.document_number, address = excluded.address,
         arrival = excluded.arrival, departure = excluded.departure, consent_at = excluded.consent_at, submitted_at = excluded.submitted_at`,
    );
    this.registrationRow = sqlite.prepare(
      `SELECT booking_id AS bookingId, full_name AS fullName, nationality, document_type AS documentType, document_number AS documentNumber,
              address, arrival, departure, consent_at AS consentAt, submitted_at AS submittedAt
         FROM check_in_registrations WHERE booking_id = ?`,
    );
    this.upsertDocument = sqlite.prepare(
      `INSERT INTO check_in_documents (booking_id, kind, mime, bytes, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, NULL)
       ON CONFLICT (booking_id, kind) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, created_at = excluded.created_at, deleted_at = NULL`,
    );
    this.documentRows = sqlite.prepare(
      `SELECT kind, mime, created_at AS createdAt, deleted_at AS deletedAt, bytes IS NOT NULL AS onFile FROM check_in_documents WHERE booking_id = ?`,
    );
    this.documentBytes = sqlite.prepare('SELECT mime, bytes FROM check_in_documents WHERE booking_id = ? AND kind = ? AND bytes IS NOT NULL');
    this.photosOnFile = sqlite.prepare(
      `SELECT d.booking_id AS bookingId, ${endedAtSql('b')} AS endedAt
         FROM check_in_documents d JOIN bookings b ON b.id = d.booking_id
        WHERE d.kind = 'id_photo' AND d.bytes IS NOT NULL AND b.status IN ('checked_out', 'cancelled', 'no_show')`,
    );
    this.deletePhotoBytes = sqlite.prepare("UPDATE check_in_documents SET bytes = NULL, deleted_at = ? WHERE booking_id = ? AND kind = 'id_photo' AND bytes IS NOT NULL");
    this.registeredRow = sqlite.prepare('SELECT 1 FROM check_in_registrations WHERE booking_id = ?').pluck();
  }

  stayOfCode(code: string): StayRow | null {
    return (this.stayByCode.get(code) as StayRow | undefined) ?? null;
  }

  stay(bookingId: string): StayRow | null {
    return (this.stayById.get(bookingId) as StayRow | undefined) ?? null;
  }

  session(tokenHash: string): SessionRow | null {
    return (this.sessionByHash.get(tokenHash) as SessionRow | undefined) ?? null;
  }

  insertSession(tokenHash: string, bookingId: string, at: string): void {
    this.insertSessionRow.run(tokenHash, bookingId, at, at);
  }

  touch(tokenHash: string, at: string): void {
    this.touchSession.run(at, tokenHash);
  }

  saveRegistration(row: RegistrationRow): void {
    this.upsertRegistration.run(row);
  }

  registration(bookingId: string): RegistrationRow | null {
    return (this.registrationRow.get(bookingId) as RegistrationRow | undefined) ?? null;
  }

  isRegistered(bookingId: string): boolean {
    return this.registeredRow.get(bookingId) === 1;
  }

  saveDocument(bookingId: string, kind: DocumentRow['kind'], mime: string, bytes: Buffer, at: string): void {
    this.upsertDocument.run(bookingId, kind, mime, bytes, at);
  }

  documents(bookingId: string): DocumentRow[] {
    return this.documentRows.all(bookingId) as DocumentRow[];
  }

  documentBytesOf(bookingId: string, kind: DocumentRow['kind']): { mime: string; bytes: Buffer } | null {
    return (this.documentBytes.get(bookingId, kind) as { mime: string; bytes: Buffer } | undefined) ?? null;
  }

  /** ID photos still on file whose stay has ended (the candidates of the retention sweep). */
  endedStaysWithPhotos(): Array<{ bookingId: string; endedAt: string | null }> {
    return this.photosOnFile.all() as Array<{ bookingId: string; endedAt: string | null }>;
  }

  deletePhoto(bookingId: string, at: string): boolean {
    return this.deletePhotoBytes.run(at, bookingId).changes === 1;
  }
}
