import type { BillView, TonInvoice } from '@onemoment/shared/schemas/payments';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choosePart, chosenPart, keepBill, keepInvoice, keptBill, keptInvoice } from './bill-memory.ts';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  get size() {
    return this.items.size;
  }
}

const bill = (visitId: string) => ({ visitId, lines: [], payments: [] }) as unknown as BillView;

describe('what the phone keeps of the bill', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = storage;
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('keeps the last bill of the visit with its time, and never shows another visit’s', () => {
    keepBill('abc', bill('v1'), '2025-01-01T20:00:00.000Z');
    expect(keptBill('abc', 'v1')).toEqual({ bill: bill('v1'), at: '2025-01-01T20:00:00.000Z' });
    expect(keptBill('abc', 'v2')).toBeNull();
    expect(keptBill('other', 'v1')).toBeNull();
    // The next visit at the table replaces it: one entry per table, nothing piles up.
    keepBill('abc', bill('v2'), '2025-01-02T20:00:00.000Z');
    expect(keptBill('abc', 'v1')).toBeNull();
    expect(storage.size).toBe(1);
  });

  it('remembers the part the guest took, for that split only', () => {
    choosePart('abc', 'split-1', 'split-1:2');
    expect(chosenPart('abc', 'split-1')).toBe('split-1:2');
    expect(chosenPart('abc', 'split-2')).toBeNull();
    choosePart('abc', 'split-1', null);
    expect(chosenPart('abc', 'split-1')).toBeNull();
  });

  it('keeps the TON invoice being paid, for its visit', () => {
    const invoice = { id: 'inv-1', visitId: 'v1', status: 'awaiting' } as TonInvoice;
    keepInvoice('abc', invoice);
    expect(keptInvoice('abc', 'v1')).toEqual(invoice);
    expect(keptInvoice('abc', 'v2')).toBeNull();
    keepInvoice('abc', null);
    expect(keptInvoice('abc', 'v1')).toBeNull();
  });

  it('without storage (private browsing), remembers nothing and breaks nothing', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    keepBill('abc', bill('v1'), '2025-01-01T20:00:00.000Z');
    expect(keptBill('abc', 'v1')).toBeNull();
  });
});
