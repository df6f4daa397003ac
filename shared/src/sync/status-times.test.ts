import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { effectiveItemStatus, effectiveOrderStatus, readiness, readinessWrites } from './status-times.ts';

const t = (minute: number) => `2026-06-01T12:${String(minute).padStart(2, '0')}:00.000Z`;

describe('effective status from first-reached times', () => {
  it('takes the furthest state reached, whatever order the keys arrived in', () => {
    expect(effectiveOrderStatus({})).toBe('placed');
    expect(effectiveOrderStatus({ placed: t(0), accepted: t(1) })).toBe('accepted');
    expect(effectiveOrderStatus({ served: t(9), placed: t(0), ready: t(5), accepted: t(1) })).toBe('served');
    expect(effectiveOrderStatus({ placed: t(0), ready: t(5) })).toBe('ready');
  });

  it('lets void and cancel win over everything, void over cancel', () => {
    expect(effectiveOrderStatus({ placed: t(0), ready: t(5), served: t(6), voided: t(7) })).toBe('voided');
    expect(effectiveOrderStatus({ placed: t(0), cancelled: t(1), accepted: t(2) })).toBe('cancelled');
    expect(effectiveOrderStatus({ cancelled: t(1), voided: t(2) })).toBe('voided');
    expect(effectiveItemStatus({ ready: t(1), served: t(2), voided: t(3) })).toBe('voided');
  });

  it('counts a recalled readiness as being prepared again, and a new round as ready again', () => {
    const recalled = { placed: t(0), ready: t(5), recalled: t(6) };
    expect(effectiveOrderStatus(recalled)).toBe('preparing');
    expect(effectiveItemStatus({ ready: t(5), recalled: t(6) })).toBe('pending');
    expect(effectiveItemStatus({ ready: t(5), recalled: t(6), 'ready.2': t(8) })).toBe('ready');
    expect(readiness({ ready: t(5), recalled: t(6), 'ready.2': t(8) })).toEqual({ readyRound: 2, recalledRound: 1, ready: true, readyAt: t(8) });
    // Served wins over a concurrent recall: the plate has left the kitchen.
    expect(effectiveItemStatus({ ready: t(5), recalled: t(6), served: t(6) })).toBe('served');
  });

  it('ignores keys it does not know', () => {
    expect(effectiveItemStatus({ ready: t(1), 'ready.x': t(2), 'recalled.0': t(3), 'recalled.01': t(4) })).toBe('ready');
  });

  it('reads a Y.Map as well as plain data', () => {
    const doc = new Y.Doc();
    const times = doc.getMap<string>('t');
    times.set('placed', t(0));
    times.set('ready', t(3));
    expect(effectiveOrderStatus(times)).toBe('ready');
  });
});

describe('readiness writes', () => {
  it('opens a new round after a recall and closes the current one on recall', () => {
    expect(readinessWrites({}, true, t(1))).toEqual([['ready', t(1)]]);
    expect(readinessWrites({ ready: t(1) }, true, t(2))).toEqual([]);
    expect(readinessWrites({ ready: t(1) }, false, t(2))).toEqual([['recalled', t(2)]]);
    expect(readinessWrites({ ready: t(1), recalled: t(2) }, false, t(3))).toEqual([]);
    expect(readinessWrites({ ready: t(1), recalled: t(2) }, true, t(3), t(3))).toEqual([['ready.2', t(3)]]);
  });

  it('sees a recall and re-bump it was not told about in a new bump time', () => {
    expect(readinessWrites({ ready: t(1) }, true, t(4), t(4))).toEqual([
      ['recalled', t(4)],
      ['ready.2', t(4)],
    ]);
    expect(readinessWrites({ ready: t(1) }, true, t(4), t(1))).toEqual([]);
  });
});
