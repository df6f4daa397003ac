/**
 * Which backups a rotation keeps: every backup of the last `recentHours`, then the newest of each day
 * for `dailyDays` days, and nothing older. Pure: the folder's listing and the time come in.
 */
export interface RotationPolicy {
  recentHours: number;
  dailyDays: number;
}

/** An hour's worth of backups for a day, then a fortnight of nights: what a venue needs to undo a bad day. */
export const DEFAULT_ROTATION: RotationPolicy = { recentHours: 24, dailyDays: 14 };

export interface BackupEntry {
  name: string;
  createdAtMs: number;
}

/** The names to delete, oldest first. */
export function backupsToDelete(entries: readonly BackupEntry[], nowMs: number, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const newestFirst = [...entries].sort((a, b) => b.createdAtMs - a.createdAtMs || a.name.localeCompare(b.name));
  const keptDays = new Set<string>();
  const remove: string[] = [];
  for (const entry of newestFirst) {
    const ageMs = nowMs - entry.createdAtMs;
    if (ageMs < policy.recentHours * 3_600_000) continue;
    const day = new Date(entry.createdAtMs).toISOString().slice(0, 10);
    if (ageMs < policy.dailyDays * 86_400_000 && !keptDays.has(day)) {
      keptDays.add(day);
      continue;
    }
    remove.push(entry.name);
  }
  return remove.reverse();
}
