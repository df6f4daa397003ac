import { describe, expect, it } from 'vitest';
import { cursorAfter } from './ton-cursor.ts';

const tx = (lt: number, utime: number) => ({ lt: String(lt), hash: `h${lt}`, utime });

describe('the verification cursor', () => {
  it('trails the newest transaction by the settle time', () => {
    const read = [tx(900, 1000), tx(800, 970), tx(700, 939), tx(600, 900)];
    expect(cursorAfter(read, null, 60)).toEqual({ lt: '700', hash: 'h700' });
  });

  it('stays where it was when nothing read is settled, or nothing newer is', () => {
    expect(cursorAfter([tx(900, 1000), tx(800, 990)], null, 60)).toBeNull();
    expect(cursorAfter([tx(900, 1000), tx(800, 990)], { lt: '500', hash: 'h500' }, 60)).toEqual({ lt: '500', hash: 'h500' });
    expect(cursorAfter([tx(400, 100)], { lt: '500', hash: 'h500' }, 0)).toEqual({ lt: '500', hash: 'h500' });
    expect(cursorAfter([], { lt: '500', hash: 'h500' }, 60)).toEqual({ lt: '500', hash: 'h500' });
  });

  it('compares logical times as numbers, not as text', () => {
    expect(cursorAfter([tx(10_000, 50)], { lt: '9999', hash: 'old' }, 0)).toEqual({ lt: '10000', hash: 'h10000' });
  });
});
