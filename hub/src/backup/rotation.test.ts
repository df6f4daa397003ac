import { describe, expect, it } from 'vitest';
import { backupsToDelete } from './rotation.ts';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 7, 12, 0);
const at = (hoursAgo: number, name = `b-${hoursAgo}`) => ({ name, createdAtMs: now - hoursAgo * HOUR });

describe('backup rotation', () => {
  it('keeps every backup of the last day', () => {
    expect(backupsToDelete([at(0), at(1), at(23)], now)).toEqual([]);
  });

  it('keeps the newest backup of each older day for a fortnight, and deletes the rest oldest first', () => {
    // 12:00 now: 30 h and 33 h ago are yesterday (06:00, 03:00); 58 h and 60 h ago the day before (02:00, 00:00).
    const entries = [at(30), at(33), at(58), at(60), at(24 * 13 + 1), at(24 * 15)];
    expect(backupsToDelete(entries, now)).toEqual(['b-360', 'b-60', 'b-33']);
  });

  it('deletes nothing from an empty folder, and takes the policy it is given', () => {
    expect(backupsToDelete([], now)).toEqual([]);
    expect(backupsToDelete([at(2), at(5)], now, { recentHours: 3, dailyDays: 0 })).toEqual(['b-5']);
  });
});
