import { describe, expect, it } from 'vitest';
import { apportion, checkAmounts, checkEqual, checkItems, setPortions, shareEverything, shareText, startItemsPlan, togglePerson, withPeople } from './split-plan.ts';

const lines = [
  { itemId: 'soup', name: 'Tomato soup', totalMinor: 1300 },
  { itemId: 'beer', name: 'Beer', totalMinor: 1500 },
];

describe('sharing an amount', () => {
  it('adds up to the cent, the spare cents to the earlier guests', () => {
    expect(apportion(1000, [1n, 1n, 1n])).toEqual([334, 333, 333]);
    expect(apportion(575, [1n, 1n, 1n])).toEqual([192, 192, 191]);
    expect(apportion(100, [0n, 0n])).toEqual([0, 0]);
  });
});

describe('splitting equally', () => {
  it('shows each part and asks the hub for N parts', () => {
    expect(checkEqual(3, 575)).toEqual({ ok: true, request: { kind: 'equal', parts: 3 }, partsMinor: [192, 192, 191] });
    expect(checkEqual(1, 575)).toMatchObject({ ok: false });
  });
});

describe('splitting by amounts', () => {
  it('says what is left to give out as amounts are typed', () => {
    const half = checkAmounts(['2.00', ''], 575, 'EUR');
    expect(half.leftMinor).toBe(375);
    expect(half.result).toMatchObject({ ok: false, problem: '€3.75 is still to give out.' });
    const over = checkAmounts(['2.00', '4.00'], 575, 'EUR');
    expect(over.leftMinor).toBe(-25);
    expect(over.result).toMatchObject({ ok: false, problem: 'The amounts come to €0.25 more than is due.' });
    expect(checkAmounts(['2.00', '3.75'], 575, 'EUR').result).toEqual({ ok: true, request: { kind: 'amounts', amountsMinor: [200, 375] }, partsMinor: [200, 375] });
  });

  it('refuses what is not an amount, and a guest with nothing to pay', () => {
    expect(checkAmounts(['2.00', 'abc'], 575, 'EUR').result).toMatchObject({ ok: false, problem: 'Guest 2: type an amount like 12.50.' });
    expect(checkAmounts(['5.75', '0', ''], 575, 'EUR').result).toMatchObject({ ok: false, problem: 'Guest 2 has nothing to pay: take them out, or give them an amount.' });
  });
});

describe('splitting by items', () => {
  it('gives each line to a guest and shares the due amount by what they had', () => {
    let plan = startItemsPlan(lines, 2);
    plan = togglePerson(plan, 'soup', 0);
    expect(checkItems(plan, lines, 2800)).toMatchObject({ ok: false, problem: 'Give Beer to someone.' });
    plan = togglePerson(plan, 'beer', 1);
    expect(checkItems(plan, lines, 2800)).toEqual({
      ok: true,
      request: { kind: 'items', shares: [[{ lineId: 'soup', numerator: 1, denominator: 1 }], [{ lineId: 'beer', numerator: 1, denominator: 1 }]] },
      partsMinor: [1300, 1500],
    });
    // What is due now (after a discount or a payment) is shared in the same proportions.
    expect(checkItems(plan, lines, 1400).partsMinor).toEqual([650, 750]);
  });

  it('shares a line in portions: two of three beers to one guest, one to the other', () => {
    let plan = startItemsPlan(lines, 2);
    plan = setPortions(plan, 'beer', 0, 2);
    plan = setPortions(plan, 'beer', 1, 1);
    plan = togglePerson(plan, 'soup', 0);
    expect(shareText(plan, 'beer', 0)).toBe('2/3');
    expect(shareText(plan, 'soup', 0)).toBe('all');
    expect(shareText(plan, 'soup', 1)).toBeNull();
    const checked = checkItems(plan, lines, 2800);
    expect(checked).toMatchObject({ ok: true, partsMinor: [2300, 500] });
    expect(checked.ok && checked.request.kind === 'items' && checked.request.shares[0]).toEqual([
      { lineId: 'soup', numerator: 1, denominator: 1 },
      { lineId: 'beer', numerator: 2, denominator: 3 },
    ]);
  });

  it('needs every guest to have something, and keeps portions when guests are added', () => {
    let plan = shareEverything(startItemsPlan(lines, 2));
    expect(checkItems(plan, lines, 2800)).toMatchObject({ ok: true, partsMinor: [1400, 1400] });
    plan = withPeople(plan, 3);
    expect(plan.portions.soup).toEqual([1, 1, 0]);
    expect(checkItems(plan, lines, 2800)).toMatchObject({ ok: false, problem: 'Guest 3 has nothing yet: give them something, or split between fewer people.' });
    plan = togglePerson(plan, 'soup', 2);
    expect(checkItems(plan, lines, 2800)).toMatchObject({ ok: true, partsMinor: [1184, 1183, 433] });
  });

  it('stops at the hub\'s limit of portions per line', () => {
    const plan = setPortions(startItemsPlan(lines, 2), 'soup', 0, 100);
    expect(setPortions(plan, 'soup', 1, 1)).toBe(plan);
  });
});
