/**
 * TON matching: one verification poll's matching of 1,000 open invoices against 10,000 transactions
 * (the pure step record() runs inside the poll's transaction: parse each destination, normalize each
 * comment, count each hash once, sum per invoice), beside a baseline measured in the same run: one
 * plain Map lookup per transaction by its raw comment, over the same transactions.
 */
import { pathToFileURL } from 'node:url';
import { Address } from '@ton/core';
import { newComment } from '../hub/src/payments/ton/ton-comment.ts';
import { matchTransactions, type TonTransaction } from '../hub/src/payments/ton/ton-matching.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface TonMatchingReport {
  invoices: number;
  transactions: number;
  match: Summary;
  baseline: Summary;
  /** Invoices the matching found paid in full (every one of them, or the bench fails). */
  paid: number;
}

const GUEST = Address.parseRaw(`0:${'cd'.repeat(32)}`).toString({ bounceable: false });

/** A poll's page as the API gives it: payments (some in two parts, some typed in lower case), strangers' transfers, spam, outgoing, repeats. */
function scenario(invoiceCount: number, transactionCount: number) {
  const venue = Address.parseRaw(`0:${'ab'.repeat(32)}`);
  const destination = venue.toString({ bounceable: true });
  const elsewhere = Address.parseRaw(`0:${'ef'.repeat(32)}`).toString({ bounceable: true });
  const invoices = new Map<string, string>();
  const amounts = new Map<string, bigint>();
  for (let i = 0; i < invoiceCount; i++) {
    let comment = newComment();
    while (invoices.has(comment)) comment = newComment();
    invoices.set(comment, `invoice-${i}`);
    amounts.set(`invoice-${i}`, 1_000_000_000n + BigInt(i));
  }
  const transactions: TonTransaction[] = [];
  let lt = 47_000_000_000_000n;
  const push = (over: Partial<TonTransaction>) => {
    lt += 1000n;
    transactions.push({ hash: `h${lt}`, lt: String(lt), utime: 1_780_000_000, source: GUEST, destination, nanotons: '1000', comment: null, ...over });
  };
  let n = 0;
  for (const [comment, id] of invoices) {
    const amount = amounts.get(id)!;
    // Every fourth invoice is paid in two transfers; every third comment was typed in lower case.
    const typed = n % 3 === 0 ? comment.toLowerCase() : comment;
    if (n % 4 === 0) {
      push({ comment: typed, nanotons: String(amount / 2n) });
      push({ comment: typed, nanotons: String(amount - amount / 2n) });
    } else {
      push({ comment: typed, nanotons: String(amount) });
    }
    n++;
  }
  const repeats = 100;
  for (let i = 0; transactions.length < transactionCount - repeats; i++) {
    const kind = i % 5;
    if (kind === 0) push({ comment: [...invoices.keys()][i % invoiceCount]!, destination: elsewhere });
    else if (kind === 1) push({ source: null, nanotons: '0' });
    else if (kind === 2) push({ comment: `thanks for dinner ${i}` });
    else if (kind === 3) push({ comment: null });
    else push({ comment: `spam https://example.com/${i}`, nanotons: '1' });
  }
  // The page boundaries repeat a transaction: 100 of them come twice.
  const unique = transactions.length;
  for (let i = 0; i < repeats; i++) transactions.push(transactions[i * Math.floor(unique / repeats)]!);
  transactions.reverse();
  return { venue, invoices, amounts, transactions };
}

function timed(work: () => unknown, rounds: number): Summary {
  for (let i = 0; i < 5; i++) work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

export async function runTonMatching(rounds = 50, invoiceCount = 1000, transactionCount = 10_000): Promise<TonMatchingReport> {
  const { venue, invoices, amounts, transactions } = scenario(invoiceCount, transactionCount);
  const seenHashes = new Set<string>();

  const result = matchTransactions({ venue, transactions, invoicesByComment: invoices, seenHashes });
  let paid = 0;
  for (const [id, received] of result.receivedByInvoice) if (received === amounts.get(id)) paid++;
  if (paid !== invoiceCount) throw new Error(`matching found ${paid} of ${invoiceCount} invoices paid in full`);

  const match = timed(() => matchTransactions({ venue, transactions, invoicesByComment: invoices, seenHashes }), rounds);
  const baseline = timed(() => {
    const sums = new Map<string, bigint>();
    for (const transaction of transactions) {
      const id = transaction.comment === null ? undefined : invoices.get(transaction.comment);
      if (id !== undefined) sums.set(id, (sums.get(id) ?? 0n) + BigInt(transaction.nanotons));
    }
    return sums;
  }, rounds);
  return { invoices: invoiceCount, transactions: transactions.length, match, baseline, paid };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await runTonMatching();
  console.log(`TON matching, ${report.invoices} open invoices × ${report.transactions} transactions: p50 ${report.match.p50.toFixed(2)} ms, p99 ${report.match.p99.toFixed(2)} ms`);
  console.log(`baseline (a Map lookup per transaction): p50 ${report.baseline.p50.toFixed(2)} ms; ratio ${(report.match.p50 / report.baseline.p50).toFixed(1)}×`);
}
