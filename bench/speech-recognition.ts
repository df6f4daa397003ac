/**
 * Speech recognition figures on the synthetic tiny model (the real tiny architecture with random
 * weights: whisper.cpp does all the work a real tiny model needs). The real-time factor is the
 * recogniser's time over the clip's length for a 10 s clip — the baseline is real time itself — with
 * the language given and with Whisper detecting it. Then the whole hub path (HTTP upload, decoding,
 * queue, recognizer process) for the same clip, beside the recognizer process alone.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeAudio } from '@onemoment/speech/audio/decode-audio';
import { encodeWav } from '@onemoment/speech/audio/wav';
import { RecognizerProcess } from '@onemoment/speech/whisper/recognizer-process';
import { writeSyntheticModel } from '@onemoment/speech/whisper/synthetic-model';
import { startTestHub } from '../hub/test/harness.ts';
import { speakToWav } from '../speech/test/support/audio.ts';

export const SPEECH_TARGET_RTF = 0.3;
const CLIP_SECONDS = 10;
const RUNS = 3;

export interface SpeechReport {
  threads: number;
  rtfLanguageGiven: number;
  rtfLanguageDetected: number;
  directMs: number;
  hubMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** espeak-ng speech, repeated or cut to exactly CLIP_SECONDS at 16 kHz. */
async function tenSecondsOfSpeech(): Promise<Int16Array> {
  const wav = speakToWav('Good evening. Could we have a table for four near the window, and is the fish today fresh? One of us cannot eat nuts.');
  const { pcm } = await decodeAudio(wav, 'audio/wav', { maxBytes: 1e8, maxSeconds: 60 });
  const clip = new Int16Array(16_000 * CLIP_SECONDS);
  for (let i = 0; i < clip.length; i++) clip[i] = pcm[i % pcm.length]!;
  return clip;
}

export async function runSpeechRecognition(): Promise<SpeechReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-bench-speech-'));
  const recognizer = new RecognizerProcess();
  try {
    mkdirSync(join(dataDir, 'models'));
    const { path: modelPath } = writeSyntheticModel(join(dataDir, 'models'));
    const pcm = await tenSecondsOfSpeech();
    const hub = await startTestHub({ dataDir });
    const threads = hub.hub.context.config.translator.threads;

    const timeDirect = async (language: string) => {
      const started = performance.now();
      const output = await recognizer.recognize({ id: `bench-${language}-${started}`, modelPath, pcm, task: 'transcribe', language, threads });
      if (output.segments.length === 0) throw new Error('the recogniser returned no segments');
      return performance.now() - started;
    };
    try {
      await timeDirect('en'); // loads the model: not counted
      const given: number[] = [];
      const detected: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        given.push(await timeDirect('en'));
        detected.push(await timeDirect('auto'));
      }

      const staff = await hub.login('1111');
      const wav = encodeWav(pcm, 16_000);
      const upload = async () => {
        const started = performance.now();
        const response = await fetch(`${hub.baseUrl}/api/translator/transcriptions?language=en`, {
          method: 'POST',
          headers: { authorization: `Bearer ${staff}`, 'content-type': 'audio/wav' },
          body: wav,
        });
        const body = (await response.json()) as { segments?: unknown[] };
        if (response.status !== 200 || !body.segments?.length) throw new Error(`the hub answered ${response.status} ${JSON.stringify(body)}`);
        return performance.now() - started;
      };
      await upload(); // the hub's own recognizer process loads the model: not counted
      const viaHub: number[] = [];
      for (let run = 0; run < RUNS; run++) viaHub.push(await upload());

      return {
        threads,
        rtfLanguageGiven: median(given) / (CLIP_SECONDS * 1000),
        rtfLanguageDetected: median(detected) / (CLIP_SECONDS * 1000),
        directMs: median(given),
        hubMs: median(viaHub),
      };
    } finally {
      await hub.close();
    }
  } finally {
    recognizer.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await runSpeechRecognition();
  console.log(`real-time factor, ${CLIP_SECONDS} s clip, ${report.threads} threads: language given ${report.rtfLanguageGiven.toFixed(2)}, detected ${report.rtfLanguageDetected.toFixed(2)} (target < ${SPEECH_TARGET_RTF})`);
  console.log(`through the hub (upload, decode, queue, recognise): ${report.hubMs.toFixed(0)} ms; recognizer alone ${report.directMs.toFixed(0)} ms`);
}
