import { Address, beginCell } from '@ton/core';
import { describe, expect, it } from 'vitest';
import { commentOfMessage, compareLt, matchTransactions, type TonTransaction } from './ton-matching.ts';

const VENUE_RAW = '0:ed1691307050047117b998b561d8de82d31fbf84910ced6eb5fc92e7485ef8a7';
const venue = Address.parseRaw(VENUE_RAW);
// The API writes destinations in its own form: bounceable, while the venue gave the non-bounceable one.
const VENUE_AS_API_WRITES = venue.toString({ bounceable: true });
const OTHER = Address.parseRaw(`0:${'ab'.repeat(32)}`).toString({ bounceable: true });
const GUEST = Address.parseRaw(`0:${'cd'.repeat(32)}`).toString({ bounceable: false });

let lt = 1000;
const tx = (over: Partial<TonTransaction> = {}): TonTransaction => {
  lt += 1000;
  return { hash: `hash-${lt}`, lt: String(lt), utime: 1_780_000_000, source: GUEST, destination: VENUE_AS_API_WRITES, nanotons: '1000', comment: null, ...over };
};

const invoices = new Map([
  ['OM-AAAAAAAA', 'invoice-a'],
  ['OM-BBBBBBBB', 'invoice-b'],
]);

describe('matching a poll against the invoices', () => {
  it('sums each invoice over its transfers, and lists unknown comments for a manager', () => {
    const first = tx({ comment: 'OM-AAAAAAAA', nanotons: '600' });
    const second = tx({ comment: ' om-aaaaaaaa ', nanotons: '400' });
    const other = tx({ comment: 'OM-BBBBBBBB', nanotons: '999' });
    const unknown = tx({ comment: 'dinner for two', nanotons: '5' });
    const silent = tx({ comment: null, nanotons: '7' });
    const result = matchTransactions({ venue, transactions: [silent, unknown, other, second, first], invoicesByComment: invoices, seenHashes: new Set() });
    expect(result.receivedByInvoice).toEqual(new Map([['invoice-a', 1000n], ['invoice-b', 999n]]));
    expect(result.transfers.map((t) => [t.hash, t.invoiceId, t.comment, t.nanotons])).toEqual([
      [first.hash, 'invoice-a', 'OM-AAAAAAAA', 600n],
      [second.hash, 'invoice-a', 'OM-AAAAAAAA', 400n],
      [other.hash, 'invoice-b', 'OM-BBBBBBBB', 999n],
      [unknown.hash, null, 'dinner for two', 5n],
      [silent.hash, null, null, 7n],
    ]);
  });

  it('counts a transaction once: repeated on two pages, or already seen by an earlier poll', () => {
    const paid = tx({ comment: 'OM-AAAAAAAA', nanotons: '1000' });
    const earlier = tx({ comment: 'OM-BBBBBBBB', nanotons: '1000' });
    const result = matchTransactions({ venue, transactions: [paid, paid, earlier], invoicesByComment: invoices, seenHashes: new Set([earlier.hash]) });
    expect(result.receivedByInvoice).toEqual(new Map([['invoice-a', 1000n]]));
    expect(result.transfers).toHaveLength(1);
  });

  it('ignores the right comment sent to another address, unreadable destinations, outgoing and empty messages', () => {
    const result = matchTransactions({
      venue,
      transactions: [
        tx({ comment: 'OM-AAAAAAAA', destination: OTHER }),
        tx({ comment: 'OM-AAAAAAAA', destination: 'garbage' }),
        tx({ comment: 'OM-AAAAAAAA', destination: '' }),
        tx({ comment: 'OM-AAAAAAAA', destination: null }),
        tx({ comment: 'OM-AAAAAAAA', source: null, nanotons: '0' }),
        tx({ comment: 'OM-AAAAAAAA', nanotons: '0' }),
        tx({ comment: 'OM-AAAAAAAA', nanotons: '-5' }),
        tx({ comment: 'OM-AAAAAAAA', nanotons: '1.5' }),
      ],
      invoicesByComment: invoices,
      seenHashes: new Set(),
    });
    expect(result.transfers).toEqual([]);
    expect(result.receivedByInvoice.size).toBe(0);
  });

  it('takes the venue address in any form: raw, bounceable, non-bounceable, standard base64', () => {
    const forms = [VENUE_RAW, venue.toString({ bounceable: false }), venue.toString({ urlSafe: false })];
    const result = matchTransactions({ venue, transactions: forms.map((destination) => tx({ destination, comment: 'OM-AAAAAAAA', nanotons: '1' })), invoicesByComment: invoices, seenHashes: new Set() });
    expect(result.receivedByInvoice.get('invoice-a')).toBe(3n);
  });

  it('orders logical times as numbers', () => {
    expect(compareLt('999', '1000')).toBeLessThan(0);
    expect(compareLt('47000000000002', '47000000000001')).toBeGreaterThan(0);
    expect(compareLt('5', '5')).toBe(0);
  });
});

describe("the comment of toncenter's incoming message", () => {
  const base = { '@type': 'ext.message', source: GUEST, destination: VENUE_AS_API_WRITES, value: '1000' };

  it('reads `message`, else a msg.dataText (base64), else a raw body with the text op', () => {
    expect(commentOfMessage({ ...base, msg_data: { '@type': 'msg.dataText', text: Buffer.from('OM-AAAAAAAA').toString('base64') }, message: 'OM-AAAAAAAA' })).toBe('OM-AAAAAAAA');
    expect(commentOfMessage({ ...base, msg_data: { '@type': 'msg.dataText', text: Buffer.from('Спасибо ☕').toString('base64') }, message: '' })).toBe('Спасибо ☕');
    const body = beginCell().storeUint(0, 32).storeStringTail('OM-BBBBBBBB').endCell().toBoc().toString('base64');
    expect(commentOfMessage({ ...base, msg_data: { '@type': 'msg.dataRaw', body, init_state: '' }, message: '' })).toBe('OM-BBBBBBBB');
    // A long comment continues in referenced cells (snake): read whole.
    const long = 'OM-CCCCCCCC '.padEnd(300, 'x');
    const snake = beginCell().storeUint(0, 32).storeStringTail(long).endCell().toBoc().toString('base64');
    expect(commentOfMessage({ ...base, msg_data: { '@type': 'msg.dataRaw', body: snake }, message: '' })).toBe(long);
  });

  it('finds no comment in other bodies, garbage or missing parts', () => {
    const jettonOp = beginCell().storeUint(0x0f8a7ea5, 32).storeUint(0, 64).endCell().toBoc().toString('base64');
    const empty = beginCell().endCell().toBoc().toString('base64');
    for (const message of [
      { ...base, msg_data: { '@type': 'msg.dataRaw', body: jettonOp }, message: '' },
      { ...base, msg_data: { '@type': 'msg.dataRaw', body: empty }, message: '' },
      { ...base, msg_data: { '@type': 'msg.dataRaw', body: 'not a boc at all' }, message: '' },
      { ...base, msg_data: { '@type': 'msg.dataEncryptedText', text: 'AAAA' }, message: '' },
      { ...base, message: '   ' },
      { ...base },
      null,
      'text',
      [],
    ]) {
      expect(commentOfMessage(message)).toBeNull();
    }
  });
});
