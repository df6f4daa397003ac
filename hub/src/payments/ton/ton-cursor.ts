// Where the next poll may stop paging. Not at the newest transaction read: an API node that lags can
// leave a transaction out of one answer and show it in the next. The cursor trails the newest
// transaction by `settleSeconds` of chain time, so the next poll reads that window again (each hash
// still counts once) and a transaction missing from one answer is found by the next.
import { compareLt } from './ton-matching.ts';

export interface TonCursor {
  lt: string;
  hash: string;
}

/**
 * The newest transaction read that is at least `settleSeconds` older than the newest one, when it is
 * newer than `current`; else `current`. `transactions` is one complete poll's read, in any order.
 */
export function cursorAfter(
  transactions: readonly { lt: string; hash: string; utime: number }[],
  current: TonCursor | null,
  settleSeconds: number,
): TonCursor | null {
  let newestUtime = -Infinity;
  for (const transaction of transactions) newestUtime = Math.max(newestUtime, transaction.utime);
  let best: TonCursor | null = current;
  for (const transaction of transactions) {
    if (transaction.utime > newestUtime - settleSeconds) continue;
    if (best === null || compareLt(transaction.lt, best.lt) > 0) best = { lt: transaction.lt, hash: transaction.hash };
  }
  return best;
}
