import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JsonClient } from './http-client.ts';

/**
 * One realistic guest order touching all three stations: a grill burger with two modifiers, a cold
 * salad with a note, and two lemonades for the bar. Every order therefore reaches the grill KDS.
 */
export function orderBody(id: string): string {
  return JSON.stringify({
    id,
    items: [
      { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--medium', 'classic-burger--burger-fries'] },
      { menuItemId: 'greek-salad', quantity: 1, note: 'No olives, please' },
      { menuItemId: 'lemonade', quantity: 2 },
    ],
  });
}

/** Opens the hub's database read-only: the bench checks what is on disk, never changes it. */
export function openReadOnly(dataDir: string): Database.Database {
  return new Database(join(dataDir, 'hub.sqlite'), { readonly: true, fileMustExist: true });
}

/** The demo tables' QR codes, read from the hub's database (the bench reads them as a guest would scan them). */
export function tableCodes(dataDir: string): Array<{ tableId: string; code: string }> {
  const db = openReadOnly(dataDir);
  try {
    return db.prepare('SELECT id AS tableId, code FROM dining_tables ORDER BY position').all() as Array<{ tableId: string; code: string }>;
  } finally {
    db.close();
  }
}

export async function staffToken(client: JsonClient, pin: string): Promise<string> {
  const response = await client.post('/api/staff/login', JSON.stringify({ pin }));
  if (response.status !== 200) throw new Error(`staff login with PIN ${pin} answered ${response.status}: ${response.text.slice(0, 300)}`);
  return (JSON.parse(response.text) as { token: string }).token;
}

export interface GuestSession {
  token: string;
  tableId: string;
  visitId: string;
}

/** Joins every table `perTable` times (the first scan opens the visit), as phones at each table would. */
export async function joinTables(client: JsonClient, dataDir: string, perTable: number): Promise<GuestSession[]> {
  const sessions: GuestSession[] = [];
  const codes = tableCodes(dataDir);
  if (codes.length === 0) throw new Error('the hub has no tables: is the demo venue seeded?');
  for (let round = 0; round < perTable; round += 1) {
    for (const { tableId, code } of codes) {
      const response = await client.post('/api/guest/visits', JSON.stringify({ tableCode: code }));
      if (response.status !== 201) throw new Error(`joining ${tableId} answered ${response.status}: ${response.text.slice(0, 300)}`);
      const body = JSON.parse(response.text) as { token: string; visitId: string };
      sessions.push({ token: body.token, tableId, visitId: body.visitId });
    }
  }
  return sessions;
}
