// npm run models:synthetic -- <folder>
// Writes the synthetic tiny model (real architecture, random weights: nonsense words, real timings)
// for tests and benchmarks, and prints its path. Never a model for a venue: see models:download.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeSyntheticModel } from './synthetic-model.ts';

const folder = process.argv[2];
if (!folder || folder === '--help') {
  console.error('Usage: npm run models:synthetic -- <folder>\nWrites ggml-synthetic-tiny.bin (about 78 MB) there and prints its path.');
  process.exit(folder ? 0 : 2);
}
mkdirSync(resolve(folder), { recursive: true });
const { path } = writeSyntheticModel(resolve(folder));
console.log(path);
