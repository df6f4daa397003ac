import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { hqSessions, hqUsers, hubTokens, pairingCodes, venues } from '../db/schema.ts';
import { CloudError } from '../errors.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, hashSecret, newPairingCode, newToken, normalizePairingCode, verifyPassword } from './secrets.ts';
import { matchVenue, type VenueMoney } from './venue-match.ts';

/** What a hub gets for its pairing code: its venue, its token, and the venue's currency and time zone. */
export interface Paired extends VenueMoney {
  venueId: string;
  hubToken: string;
  /** Set when the venue took the hub's currency and time zone at this pairing: what it had before. */
  adopted: { from: VenueMoney } | null;
}

const PAIRING_CODE_MS = 24 * 3_600_000;

/**
 * Who may do what: HQ users (scrypt passwords, hashed session tokens), venues with their single-use
 * pairing codes, and the hub tokens that pairing hands out. Every secret is stored hashed.
 */
export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly sessionMs: number,
  ) {}

  /** Creates the demo HQ login when there is no HQ user at all; returns whether it did. */
  async seedHqUser(email: string, password: string): Promise<boolean> {
    const [existing] = await this.db.select({ id: hqUsers.id }).from(hqUsers).limit(1);
    if (existing) return false;
    const inserted = await this.db
      .insert(hqUsers)
      .values({ id: randomUUID(), email: email.toLowerCase(), passwordHash: await hashPassword(password) })
      .onConflictDoNothing()
      .returning({ id: hqUsers.id });
    return inserted.length > 0;
  }

  /** A session token, or null when the email or password is wrong (the same time either way). */
  async login(email: string, password: string): Promise<string | null> {
    const [user] = await this.db.select().from(hqUsers).where(eq(hqUsers.email, email.trim().toLowerCase()));
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) return null;
    const token = newToken();
    await this.db.delete(hqSessions).where(lt(hqSessions.expiresAt, new Date()));
    await this.db.insert(hqSessions).values({ tokenHash: hashSecret(token), userId: user.id, expiresAt: new Date(Date.now() + this.sessionMs) });
    return token;
  }

  /** Ends the session of this token at once (on every node: sessions live in Postgres). */
  async logout(token: string): Promise<void> {
    await this.db.delete(hqSessions).where(eq(hqSessions.tokenHash, hashSecret(token)));
  }

  async hqUserOf(token: string): Promise<string | null> {
    const [session] = await this.db
      .select({ userId: hqSessions.userId })
      .from(hqSessions)
      .where(and(eq(hqSessions.tokenHash, hashSecret(token)), gt(hqSessions.expiresAt, new Date())));
    return session?.userId ?? null;
  }

  async createVenue(input: { name: string; timezone: string; currency: string }): Promise<{ id: string; pairingCode: string }> {
    const id = `v-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await this.db.insert(venues).values({ id, name: input.name, timezone: input.timezone, currency: input.currency });
    const pairingCode = await this.newPairingCode(id);
    return { id, pairingCode };
  }

  /** A fresh single-use code for a venue (a second hub, or a lost code); older unused codes stay valid until they expire. */
  async newPairingCode(venueId: string): Promise<string> {
    for (;;) {
      const code = newPairingCode();
      const inserted = await this.db
        .insert(pairingCodes)
        .values({ codeHash: hashSecret(code), venueId, expiresAt: new Date(Date.now() + PAIRING_CODE_MS) })
        .onConflictDoNothing()
        .returning({ codeHash: pairingCodes.codeHash });
      if (inserted.length > 0) return code;
    }
  }

  /**
   * Spends a pairing code; null when it is unknown, used or expired. The hub's currency and time zone
   * (when it says them) are reconciled with the venue's by matchVenue: the venue may take them, or the
   * pairing is refused with a 409 and the code stays unused. One transaction, with the code and the
   * venue locked: two hubs racing with one code cannot both win, and two hubs pairing a fresh venue at
   * once cannot both set its currency.
   */
  async pair(pairingCode: string, hubName: string | null, hub: VenueMoney | null = null): Promise<Paired | null> {
    const codeHash = hashSecret(normalizePairingCode(pairingCode));
    return this.db.transaction(async (tx) => {
      const [code] = await tx
        .select({ venueId: pairingCodes.venueId })
        .from(pairingCodes)
        .where(and(eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, new Date())))
        .for('update');
      if (!code) return null;
      const [venue] = await tx.select().from(venues).where(eq(venues.id, code.venueId)).for('update');
      if (!venue) return null;
      const [paired] = await tx.select({ n: count() }).from(hubTokens).where(eq(hubTokens.venueId, venue.id));
      const fresh = venue.lastUpdateAt === null && Number(paired?.n ?? 0) === 0;
      const match = matchVenue({ name: venue.name, currency: venue.currency, timezone: venue.timezone, fresh }, hub);
      if (match.kind === 'refuse') {
        throw new CloudError(409, 'venue_mismatch', match.message, undefined, {
          hub: { currency: hub!.currency, timezone: hub!.timezone },
          venue: { currency: venue.currency, timezone: venue.timezone },
        });
      }
      let money: VenueMoney = { currency: venue.currency, timezone: venue.timezone };
      if (match.kind === 'adopt') {
        money = { currency: match.currency, timezone: match.timezone };
        await tx.update(venues).set(money).where(eq(venues.id, venue.id));
      }
      await tx.update(pairingCodes).set({ usedAt: sql`now()` }).where(eq(pairingCodes.codeHash, codeHash));
      const hubToken = newToken();
      await tx.insert(hubTokens).values({ tokenHash: hashSecret(hubToken), venueId: venue.id, hubName });
      const adopted = match.kind === 'adopt' ? { from: { currency: venue.currency, timezone: venue.timezone } } : null;
      return { venueId: venue.id, hubToken, ...money, adopted };
    });
  }

  /** The venue a hub token belongs to, with the token's hash (the hub's identity in logs and counts). */
  async hubOf(token: string): Promise<{ venueId: string; hubKey: string } | null> {
    if (!token || token.length > 200) return null;
    const hubKey = hashSecret(token);
    const [row] = await this.db.select({ venueId: hubTokens.venueId }).from(hubTokens).where(eq(hubTokens.tokenHash, hubKey));
    return row ? { venueId: row.venueId, hubKey } : null;
  }

  async markHubSeen(hubKey: string, venueId: string): Promise<void> {
    await this.db.update(hubTokens).set({ lastSeenAt: sql`now()` }).where(eq(hubTokens.tokenHash, hubKey));
    await this.db.update(venues).set({ lastSeenAt: sql`now()` }).where(eq(venues.id, venueId));
  }
}
