// The recognizer process: whisper.cpp (through smart-whisper) with one model loaded, recognising one
// clip at a time for the hub. It lives in its own process because whisper.cpp cannot be interrupted
// mid-run: the hub stops a job past its time limit (or cancelled) by killing this process, and a crash
// in native code takes down only this process, never the hub.
import { existsSync } from 'node:fs';
import { Whisper } from 'smart-whisper';
import type { RecognizeMessage, RecognizerReply, RecognizedSegment } from './recognizer-protocol.ts';

interface DetailSegment {
  from: number;
  to: number;
  text: string;
  lang?: string;
}

let loaded: { path: string; whisper: Whisper } | null = null;

function reply(message: RecognizerReply): void {
  process.send?.(message);
}

async function modelFor(id: string, path: string): Promise<Whisper> {
  if (loaded?.path === path) return loaded.whisper;
  // whisper.cpp crashes on a missing file instead of reporting it.
  if (!existsSync(path)) throw new Error(`model file ${path} not found`);
  await loaded?.whisper.free();
  const started = performance.now();
  // smart-whisper frees a model after `offload` idle seconds; a venue wants it ready for the next guest.
  const whisper = new Whisper(path, { gpu: false, offload: 7 * 24 * 3600 });
  await whisper.load();
  loaded = { path, whisper };
  reply({ kind: 'loaded', id, modelPath: path, loadMs: Math.round(performance.now() - started) });
  return whisper;
}

async function recognize(message: RecognizeMessage): Promise<void> {
  const whisper = await modelFor(message.id, message.modelPath);
  const samples = new Float32Array(message.pcm.length);
  for (let i = 0; i < samples.length; i++) samples[i] = (message.pcm[i] ?? 0) / 32768;
  const durationMs = (samples.length / 16_000) * 1000;
  const started = performance.now();
  const task = await whisper.transcribe(samples, {
    language: message.language,
    translate: message.task === 'translate',
    n_threads: message.threads,
    format: 'detail',
  });
  task.on('transcribed', (segment: DetailSegment) => {
    // Progress is how far into the clip the recognised text has reached.
    const progress = durationMs > 0 ? Math.min(99, Math.round((segment.to / durationMs) * 100)) : 0;
    reply({ kind: 'progress', id: message.id, progress });
  });
  const results = (await task.result) as DetailSegment[];
  const segments: RecognizedSegment[] = Array.from(results, (segment) => ({
    startMs: Math.max(0, Math.round(segment.from)),
    endMs: Math.max(0, Math.round(segment.to)),
    text: segment.text,
  }));
  const language = results[0]?.lang ?? (message.language === 'auto' ? 'und' : message.language);
  reply({ kind: 'done', id: message.id, language, segments, processingMs: Math.round(performance.now() - started) });
}

process.on('message', (message: RecognizeMessage) => {
  if (message.kind !== 'recognize') return;
  recognize(message).catch((error: unknown) => {
    reply({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  });
});

// The hub going away (even killed) closes the IPC channel: follow it instead of living on as an orphan.
process.on('disconnect', () => process.exit(0));
