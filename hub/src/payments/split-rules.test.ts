import { describe, expect, it } from 'vitest';
import { refusal, seededRandom } from './test-support.ts';
import { splitByAmounts, splitByItems, splitEqually, type LineShare, type SplitLine } from './split-rules.ts';

const sum = (values: readonly number[]) => values.reduce((acc, value) => acc + value, 0);
const whole = (lineId: string): LineShare => ({ lineId, numerator: 1, denominator: 1 });
const third = (lineId: string): LineShare => ({ lineId, numerator: 1, denominator: 3 });

describe('splitEqually', () => {
  it('splits €10.00 by 3 into 334, 333, 333: the spare cent to the first part', () => {
    expect(splitEqually(1000, 3)).toEqual([334, 333, 333]);
    expect(splitEqually(1001, 3)).toEqual([334, 334, 333]);
    expect(splitEqually(1, 3)).toEqual([1, 0, 0]);
    expect(splitEqually(999, 1)).toEqual([999]);
  });

  it('refuses a number of parts that is not a whole number from 1 to 100, and fractions of a cent', () => {
    for (const parts of [0, -2, 1.5, 101, Number.NaN]) expect(refusal(() => splitEqually(1000, parts)).code).toBe('bad_split');
    expect(refusal(() => splitEqually(10.5, 2)).code).toBe('bad_split');
    expect(refusal(() => splitEqually(-10, 2)).statusCode).toBe(400);
  });
});

describe('splitByItems', () => {
  const lines: SplitLine[] = [
    { id: 'wine', name: 'Bottle of wine', totalMinor: 3000 },
    { id: 'fish', name: 'Fish', totalMinor: 1200 },
    { id: 'steak', name: 'Steak', totalMinor: 1500 },
    { id: 'salad', name: 'Salad', totalMinor: 900 },
  ];

  it('shares a bottle by three and leaves each main with its eater', () => {
    const parts = splitByItems(lines, [
      [third('wine'), whole('fish')],
      [third('wine'), whole('steak')],
      [third('wine'), whole('salad')],
    ]);
    expect(parts).toEqual([2200, 2500, 1900]);
  });

  it('rounds once over each person, not once per shared line', () => {
    // Two bottles of 1000 shared by three: each person owes 666.67. Per line the first person would
    // take the spare cent of both bottles (668, 666, 666); over the whole, two people take one each.
    const bottles: SplitLine[] = [
      { id: 'a', name: 'Red', totalMinor: 1000 },
      { id: 'b', name: 'White', totalMinor: 1000 },
    ];
    const parts = splitByItems(bottles, [
      [third('a'), third('b')],
      [third('a'), third('b')],
      [third('a'), third('b')],
    ]);
    expect(parts).toEqual([667, 667, 666]);
  });

  it('takes uneven fractions: 1/2, 1/4, 1/4', () => {
    const bottle: SplitLine[] = [{ id: 'w', name: 'Wine', totalMinor: 1001 }];
    const parts = splitByItems(bottle, [[{ lineId: 'w', numerator: 1, denominator: 2 }], [{ lineId: 'w', numerator: 1, denominator: 4 }], [{ lineId: 'w', numerator: 1, denominator: 4 }]]);
    // Exact 500.5, 250.25, 250.25: floors 500 + 250 + 250 = 1000, the cent to the 0.5 remainder.
    expect(parts).toEqual([501, 250, 250]);
  });

  it('splits the bill total (service, tax added, tips) in the same proportions when given it', () => {
    const two: SplitLine[] = [
      { id: 'x', name: 'X', totalMinor: 2000 },
      { id: 'y', name: 'Y', totalMinor: 1000 },
    ];
    expect(splitByItems(two, [[whole('x')], [whole('y')]], 3301)).toEqual([2201, 1100]);
  });

  it('refuses a line not fully assigned, naming it', () => {
    const error = refusal(() =>
      splitByItems(lines, [
        [third('wine'), whole('fish'), whole('steak')],
        [third('wine'), whole('salad')],
      ]),
    );
    expect(error.code).toBe('line_not_fully_assigned');
    expect(error.details).toMatchObject({ lineId: 'wine', assigned: '2/3' });
    expect(error.message).toContain('Bottle of wine');
    const forgotten = refusal(() => splitByItems(lines, [[whole('wine'), whole('fish'), whole('steak')]]));
    expect(forgotten.details).toMatchObject({ lineId: 'salad', assigned: '0/1' });
  });

  it('refuses a line shared out more than once, unknown lines and fractions that are not shares', () => {
    const all = [whole('fish'), whole('steak'), whole('salad')];
    expect(refusal(() => splitByItems(lines, [[whole('wine'), ...all], [third('wine')]])).code).toBe('bad_split');
    expect(refusal(() => splitByItems(lines, [[whole('wine'), ...all, whole('cake')]])).code).toBe('bad_split');
    for (const [numerator, denominator] of [[0, 3], [4, 3], [1, 0], [1.5, 3], [-1, 3]] as const) {
      expect(refusal(() => splitByItems(lines, [[{ lineId: 'wine', numerator, denominator }, ...all]])).code).toBe('bad_split');
    }
    expect(refusal(() => splitByItems(lines, [])).code).toBe('bad_split');
  });
});

describe('splitByAmounts', () => {
  it('keeps amounts that add up exactly', () => {
    expect(splitByAmounts(1000, [600, 400])).toEqual([600, 400]);
  });

  it('refuses amounts that do not add up, with the difference', () => {
    const short = refusal(() => splitByAmounts(1000, [600, 300]));
    expect(short.code).toBe('split_does_not_add_up');
    expect(short.details).toMatchObject({ differenceMinor: -100 });
    expect(short.message).toContain('100 minor units short');
    const over = refusal(() => splitByAmounts(1000, [600, 401]));
    expect(over.details).toMatchObject({ differenceMinor: 1 });
  });

  it('refuses parts that are not whole amounts above zero', () => {
    expect(refusal(() => splitByAmounts(1000, [600.5, 399.5])).code).toBe('bad_split');
    expect(refusal(() => splitByAmounts(1000, [1000, 0])).code).toBe('bad_split');
    expect(refusal(() => splitByAmounts(1000, [1100, -100])).code).toBe('bad_split');
  });
});

describe('splits always add up (seeded)', () => {
  it('equal splits: sum exact, no part negative, parts differ by at most a cent, larger first', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 3000; round += 1) {
      const total = random.int(0, 5_000_000);
      const parts = splitEqually(total, random.int(1, 100));
      expect(sum(parts)).toBe(total);
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      expect([...parts].sort((a, b) => b - a)).toEqual(parts);
    }
  });

  it('item splits: sum exact, each person within a cent of their exact share', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 1000; round += 1) {
      const people = random.int(1, 8);
      const lines: SplitLine[] = Array.from({ length: random.int(1, 10) }, (_, index) => ({ id: `l${index}`, name: `Line ${index}`, totalMinor: random.int(0, 20_000) }));
      const shares: LineShare[][] = Array.from({ length: people }, () => []);
      for (const line of lines) {
        // Cut each line into `denominator` slices and hand them out at random.
        const denominator = random.int(1, 12);
        const slices = new Map<number, number>();
        for (let slice = 0; slice < denominator; slice += 1) {
          const person = random.int(0, people - 1);
          slices.set(person, (slices.get(person) ?? 0) + 1);
        }
        for (const [person, numerator] of slices) shares[person]!.push({ lineId: line.id, numerator, denominator });
      }
      const lineSum = sum(lines.map((line) => line.totalMinor));
      const total = random.int(0, 1) === 1 ? lineSum : lineSum + random.int(0, 3000);
      if (lineSum === 0 && total > 0) {
        expect(refusal(() => splitByItems(lines, shares, total)).code).toBe('bad_split');
        continue;
      }
      const parts = splitByItems(lines, shares, total);
      expect(parts).toHaveLength(people);
      expect(sum(parts)).toBe(total);
      // Exact share of person p = total × Σ(amount × n / d) / lineSum; check |part − exact| < 1 over 27720 = lcm(1..12).
      const scale = 27_720n;
      parts.forEach((part, person) => {
        expect(part).toBeGreaterThanOrEqual(0);
        if (lineSum === 0) return;
        const owed = shares[person]!.reduce((acc, share) => {
          const amount = BigInt(lines.find((line) => line.id === share.lineId)!.totalMinor);
          return acc + (amount * BigInt(share.numerator) * scale) / BigInt(share.denominator);
        }, 0n);
        const gap = BigInt(part) * BigInt(lineSum) * scale - BigInt(total) * owed;
        const bound = BigInt(lineSum) * scale;
        expect(gap < bound && -gap < bound).toBe(true);
      });
    }
  });

  it('amount splits: any parts that add up are kept, any that do not are refused', () => {
    const random = seededRandom(3);
    for (let round = 0; round < 1000; round += 1) {
      const amounts = Array.from({ length: random.int(1, 10) }, () => random.int(1, 100_000));
      const total = sum(amounts);
      expect(splitByAmounts(total, amounts)).toEqual(amounts);
      const off = random.int(1, 50) * (random.int(0, 1) === 1 ? 1 : -1);
      expect(refusal(() => splitByAmounts(total + off, amounts)).details).toMatchObject({ differenceMinor: -off });
    }
  });
});
