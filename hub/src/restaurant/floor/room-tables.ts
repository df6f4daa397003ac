import type Database from 'better-sqlite3';
import { newTableCode } from '../../venue/table-code.ts';

/**
 * The hotel's rooms as the restaurant sees them: one "table" of kind 'room' per room, whose QR code
 * opens room service while a stay is in house. The restaurant owns dining_tables, so the hotel asks
 * here instead of writing them itself. Call inside a command.
 */
export class RoomTables {
  private readonly byName: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly lastPosition: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.byName = sqlite.prepare("SELECT id FROM dining_tables WHERE kind = 'room' AND name = ?").pluck();
    this.insert = sqlite.prepare("INSERT INTO dining_tables (id, name, code, seats, position, kind) VALUES (?, ?, ?, ?, ?, 'room')");
    this.lastPosition = sqlite.prepare('SELECT COALESCE(MAX(position), 0) FROM dining_tables').pluck();
  }

  /** The room-service table of a room ("Room 101"), made the first time it is asked for. */
  ensure(roomId: string, roomNumber: string, seats: number): string {
    const name = `Room ${roomNumber}`;
    const existing = this.byName.get(name) as string | undefined;
    if (existing) return existing;
    const id = `room-table-${roomId}`;
    this.insert.run(id, name, newTableCode(), seats, (this.lastPosition.get() as number) + 1);
    return id;
  }
}
