import { describe, expect, it } from 'vitest';
import { amountText, apportion, checkAmounts, checkItems, equalParts, keepPeople, parseAmount, splitBody, togglePick } from './split-plan.ts';
import { linkWithAmount, minorPerTon, tonText } from './ton-format.ts';

describe('splitting on the phone', () => {
  it('splits equally to the cent, the spare cents to the first people (as the hub does)', () => {
    expect(equalParts(1000, 3)).toEqual([334, 333, 333]);
    expect(equalParts(3350, 2)).toEqual([1675, 1675]);
    expect(equalParts(101, 4)).toEqual([26, 25, 25, 25]);
    expect(equalParts(0, 2)).toEqual([0, 0]);
  });

  it('apportions by weights with the largest remainder, ties to the earlier part', () => {
    expect(apportion(100, [1n, 1n, 1n])).toEqual([34, 33, 33]);
    expect(apportion(100, [2n, 1n])).toEqual([67, 33]);
    expect(apportion(5, [0n, 0n])).toEqual([0, 0]);
  });

  it('reads money as guests type it, in either decimal sign, and refuses what is not an amount', () => {
    expect(parseAmount('12.5', 2)).toBe(1250);
    expect(parseAmount(' 12,50 ', 2)).toBe(1250);
    expect(parseAmount('12', 2)).toBe(1200);
    expect(parseAmount('12.', 2)).toBe(1200);
    expect(parseAmount('0.05', 2)).toBe(5);
    expect(parseAmount('1 200', 0)).toBe(1200);
    expect(parseAmount('12.345', 2)).toBeNull();
    expect(parseAmount('-3', 2)).toBeNull();
    expect(parseAmount('abc', 2)).toBeNull();
    expect(parseAmount('', 2)).toBeNull();
    expect(parseAmount('1.5', 0)).toBeNull();
    expect(amountText(1675, 2)).toBe('16.75');
    expect(amountText(5, 2, ',')).toBe('0,05');
    expect(amountText(-120, 2)).toBe('-1.20');
    expect(amountText(800, 0)).toBe('800');
  });

  it('says what is left to assign as amounts are typed, and is ready only when they add up', () => {
    expect(checkAmounts(['20', ''], 3350, 2)).toEqual({ amounts: [2000, null], leftMinor: 1350, ready: false });
    expect(checkAmounts(['20', '13.50'], 3350, 2)).toMatchObject({ leftMinor: 0, ready: true });
    expect(checkAmounts(['30', '13.50'], 3350, 2)).toMatchObject({ leftMinor: -1000, ready: false });
    expect(checkAmounts(['33.50', '0'], 3350, 2)).toMatchObject({ leftMinor: 0, ready: false });
  });

  it('by items: each taps their dishes, a shared dish is split among those who tapped it', () => {
    const lines = [
      { itemId: 'burgers', totalMinor: 2900 },
      { itemId: 'lemonade', totalMinor: 450 },
      { itemId: 'wine', totalMinor: 1800 },
    ];
    let picks = togglePick({}, 'burgers', 0);
    picks = togglePick(picks, 'lemonade', 1);
    let check = checkItems(lines, picks, 2, 5150);
    expect(check).toMatchObject({ untaken: ['wine'], empty: [], ready: false });
    picks = togglePick(togglePick(picks, 'wine', 1), 'wine', 0);
    expect(picks.wine).toEqual([0, 1]);
    check = checkItems(lines, picks, 2, 5150);
    expect(check).toMatchObject({ untaken: [], empty: [], ready: true, preview: [3800, 1350] });
    // What is due is shared as the dishes are (here after €10 was paid): the parts still add up.
    expect(checkItems(lines, picks, 2, 4150).preview.reduce((a, b) => a + b)).toBe(4150);
    // A third person with nothing is not ready; leaving drops their picks.
    expect(checkItems(lines, togglePick(picks, 'wine', 2), 3, 5150)).toMatchObject({ empty: [], ready: true, preview: [3500, 1050, 600] });
    expect(checkItems(lines, picks, 3, 5150)).toMatchObject({ empty: [2], ready: false });
    expect(keepPeople(togglePick(picks, 'wine', 2), 2).wine).toEqual([0, 1]);
    // Tapping again takes the dish back.
    expect(togglePick(picks, 'burgers', 0).burgers).toEqual([]);

    expect(splitBody('id-1', { kind: 'items', lines, picks, people: 2 })).toEqual({
      id: 'id-1',
      kind: 'items',
      shares: [
        [
          { lineId: 'burgers', numerator: 1, denominator: 1 },
          { lineId: 'wine', numerator: 1, denominator: 2 },
        ],
        [
          { lineId: 'lemonade', numerator: 1, denominator: 1 },
          { lineId: 'wine', numerator: 1, denominator: 2 },
        ],
      ],
    });
    expect(splitBody('id-2', { kind: 'equal', people: 3 })).toEqual({ id: 'id-2', kind: 'equal', parts: 3 });
    expect(splitBody('id-3', { kind: 'amounts', amountsMinor: [2000, 1350] })).toEqual({ id: 'id-3', kind: 'amounts', amountsMinor: [2000, 1350] });
  });
});

describe('TON amounts', () => {
  it('shows nanotons as TON with up to 9 decimals, trimmed', () => {
    expect(tonText('3221153846')).toBe('3.221153846');
    expect(tonText('5000000000')).toBe('5');
    expect(tonText('1500000000', ',')).toBe('1,5');
    expect(tonText('1')).toBe('0.000000001');
    expect(tonText('0')).toBe('0');
    expect(tonText('123456789012345678901234567890')).toBe('123456789012345678901.23456789');
    expect(tonText('-5')).toBe('?');
  });

  it('turns the rate into what one TON is worth, and asks a link for the rest', () => {
    expect(minorPerTon('1923077')).toBe(520);
    expect(minorPerTon('3300000')).toBe(303);
    expect(minorPerTon('0')).toBe(0);
    const link = 'ton://transfer/EQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG?amount=3221153846&text=OM-7K2Q';
    expect(linkWithAmount(link, '1000')).toBe('ton://transfer/EQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG?amount=1000&text=OM-7K2Q');
    expect(linkWithAmount('ton://transfer/EQB?text=x', '7')).toBe('ton://transfer/EQB?text=x&amount=7');
  });
});
