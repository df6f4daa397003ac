import { createHash } from 'node:crypto';
import type { HubContext } from '../context.ts';
import { VendorError, type SendContext } from '../outbox/vendor-adapter.ts';
import type { AiraloClient, AiraloCredentials, AiraloTokenProvider } from './airalo-client.ts';
import type { EsimStore } from './esim-store.ts';
import { expiresAtMs, shouldRefresh } from './token-rules.ts';

/** Airalo's token endpoint allows 3 calls a minute. */
export const TOKEN_CALLS_PER_MINUTE = 3;

/** Which client a token belongs to: the API address and client id, hashed (the id stays out of the key). */
export function clientKeyOf(apiUrl: string, clientId: string): string {
  return createHash('sha256').update(`${apiUrl}\n${clientId}`).digest('hex');
}

/**
 * Airalo's bearer token kept in SQLite, so a restart spends no token call. It trusts `expires_in` and
 * refreshes a little before it runs out (token-rules.ts); a 401 drops it and the client asks once more.
 * Calls needing a token at once share one request, and no more than 3 go out in a minute: past that
 * the job waits (rate_limited) instead of being refused by Airalo.
 */
export class SqliteTokenProvider implements AiraloTokenProvider {
  private pending: Promise<string> | null = null;
  private readonly recentCalls: number[] = [];

  constructor(
    private readonly context: HubContext,
    private readonly store: EsimStore,
    private readonly client: () => AiraloClient,
    private readonly apiUrl: string,
  ) {}

  token(send: SendContext): Promise<string> {
    const credentials = this.credentials();
    const key = clientKeyOf(this.apiUrl, credentials.clientId);
    const held = this.store.token(key);
    if (held && !shouldRefresh(held, this.context.clock.now().getTime())) return Promise.resolve(held.accessToken);
    this.pending ??= this.refresh(key, credentials, send).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(rejected?: string): void {
    const settings = this.store.settings();
    if (!settings?.clientId) return;
    this.store.dropToken(clientKeyOf(this.apiUrl, settings.clientId), rejected);
  }

  private async refresh(key: string, credentials: AiraloCredentials, send: SendContext): Promise<string> {
    const now = this.context.clock.now().getTime();
    while (this.recentCalls.length > 0 && this.recentCalls[0]! <= now - 60_000) this.recentCalls.shift();
    if (this.recentCalls.length >= TOKEN_CALLS_PER_MINUTE) {
      const retryAfterMs = this.recentCalls[0]! + 60_000 - now;
      throw new VendorError('rate_limited', `Airalo allows ${TOKEN_CALLS_PER_MINUTE} token requests a minute; the hub asks again shortly.`, { retryAfterMs });
    }
    this.recentCalls.push(now);
    const answer = await this.client().requestToken(credentials, send);
    const token = { accessToken: answer.accessToken, obtainedAtMs: now, expiresAtMs: expiresAtMs(now, answer.expiresIn) };
    // Credentials replaced while the request ran: the token is the old client's and is not kept.
    const still = this.store.settings();
    if (still?.clientId === credentials.clientId && still.clientSecret === credentials.clientSecret) {
      await this.context.commands.run(() => this.store.saveToken(key, token));
    }
    return token.accessToken;
  }

  private credentials(): AiraloCredentials {
    const settings = this.store.settings();
    if (!settings?.clientId || !settings.clientSecret) {
      throw new VendorError('permanent', 'Airalo is not set up on this hub (no client id and secret): a manager sets them under eSIM settings, then retries this task.');
    }
    return { clientId: settings.clientId, clientSecret: settings.clientSecret };
  }
}
