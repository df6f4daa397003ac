import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, type Summary } from './stats.ts';

/**
 * The disk's floor under every durable commit: the time to append 4 KiB and fsync it, in the folder
 * the hub writes to. Without group commit a hub can never commit more often than once per fsync.
 */
export function probeFsync(dir: string, samples = 50): Summary {
  const file = join(dir, 'fsync-probe.bin');
  const block = Buffer.alloc(4096, 1);
  const fd = openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let index = 0; index < samples; index += 1) {
      const start = performance.now();
      writeSync(fd, block);
      fsyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return summarize(times);
}
