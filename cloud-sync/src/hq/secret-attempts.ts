import type { FastifyBaseLogger } from 'fastify';
import type { CloudContext } from '../context.ts';
import { badRequest, CloudError, tooManyAttempts, unauthorized } from '../errors.ts';
import { clientKeyOf } from '../http/client-address.ts';
import type { Paired } from './accounts.ts';
import type { ThrottlePolicy } from './throttle-rule.ts';
import { waitInWords } from './throttle-rule.ts';
import { canonicalTimeZone, type VenueMoney } from './venue-match.ts';

/**
 * The two places where someone may guess a secret, each behind the guessing throttle: an HQ login
 * (counted per account and per client address) and pairing a hub (per client address: a code
 * names no account until it is right). Failures are logged at warn, with who tried and from
 * where, never with the password or the code.
 */

export interface Attempt {
  /** request.ip: the socket's peer address (trustProxy is off, so forwarded headers are ignored). */
  clientAddress: string | undefined;
  log: FastifyBaseLogger;
}

export async function logIn(context: CloudContext, email: string, password: string, attempt: Attempt): Promise<string> {
  const policy: ThrottlePolicy = { maxFailures: context.config.hqLoginMaxFailures, lockoutMs: context.config.hqLoginLockoutMs };
  const account = email.trim().toLowerCase();
  const client = clientKeyOf(attempt.clientAddress);
  // Unknown emails are counted too, so a lockout says nothing about which accounts exist.
  const accountKey = `hq-login/account/${account}`;
  const clientKey = `hq-login/client/${client}`;
  const gate = await context.throttle.begin([accountKey, clientKey], policy);
  if (!gate.allowed) {
    attempt.log.warn({ email: account, client }, 'HQ login refused: locked out after too many wrong passwords');
    throw tooManyAttempts(
      'locked_out',
      `Too many wrong passwords for this account or from this address; wait ${waitInWords(gate.retryAfterMs)} and try again.`,
      gate.retryAfterMs,
    );
  }
  const token = await context.accounts.login(account, password);
  if (!token) {
    attempt.log.warn({ email: account, client }, 'failed HQ login: wrong email or password');
    throw unauthorized('The email or password is wrong.');
  }
  await context.throttle.succeeded(
    [
      { key: accountKey, effect: 'clear' },
      { key: clientKey, effect: 'take-back' },
    ],
    policy,
  );
  return token;
}

export async function pairWithCode(
  context: CloudContext,
  pairingCode: string,
  hubName: string | null,
  attempt: Attempt,
  /** What the hub sells in and its time zone; null from hubs too old to say. */
  hub: VenueMoney | null = null,
): Promise<Paired> {
  if (hub && !canonicalTimeZone(hub.timezone)) {
    throw badRequest('bad_request', `"${hub.timezone.slice(0, 64)}" is not a time zone; the hub must send one like Europe/Berlin.`);
  }
  const policy: ThrottlePolicy = { maxFailures: context.config.pairingMaxFailures, lockoutMs: context.config.pairingLockoutMs };
  const client = clientKeyOf(attempt.clientAddress);
  const clientKey = `pairing/client/${client}`;
  const gate = await context.throttle.begin([clientKey], policy);
  if (!gate.allowed) {
    attempt.log.warn({ client }, 'pairing refused: too many wrong pairing codes from this address');
    throw tooManyAttempts(
      'too_many_attempts',
      `Too many wrong pairing codes from this address; wait ${waitInWords(gate.retryAfterMs)}, then type the code HQ shows again.`,
      gate.retryAfterMs,
    );
  }
  let paired: Paired | null;
  try {
    paired = await context.accounts.pair(pairingCode, hubName, hub);
  } catch (error) {
    // The code was right: the refusal is about the venue, so it counts as no wrong guess.
    if (error instanceof CloudError && error.code === 'venue_mismatch') {
      await context.throttle.succeeded([{ key: clientKey, effect: 'take-back' }], policy);
      attempt.log.warn({ client, hub, details: error.details }, 'pairing refused: the hub sells in another currency or time zone than its venue');
    }
    throw error;
  }
  if (!paired) {
    attempt.log.warn({ client }, 'failed pairing: unknown, used or expired pairing code');
    throw badRequest('invalid_pairing_code', 'This pairing code is unknown, already used or expired; ask HQ for a new one.');
  }
  await context.throttle.succeeded([{ key: clientKey, effect: 'take-back' }], policy);
  if (paired.adopted) {
    attempt.log.info({ venueId: paired.venueId, from: paired.adopted.from, to: { currency: paired.currency, timezone: paired.timezone } }, "a fresh venue took its hub's currency and time zone");
  }
  return paired;
}
