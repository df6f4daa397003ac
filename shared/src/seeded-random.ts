// A small seeded generator for the property-style tests: the same seed gives the same bills and
// splits on every run, so a failure can be replayed by its seed.

/** mulberry32: 32-bit state, good enough spread for test data, not for anything secret. */
export function seededRandom(seed: number): { int(min: number, max: number): number; pick<T>(values: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { int, pick: <T>(values: readonly T[]): T => values[int(0, values.length - 1)]! };
}
