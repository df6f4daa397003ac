// A SpeechRecognizer for the conversation tests. Whisper cannot run in them (no model is installed on
// a test machine, and a real recognition takes seconds to minutes), so this one is real about audio and
// scripted about words: `decode` is the speech engine's own decodeAudio on the uploaded bytes (a silent
// or broken recording fails exactly as it would in production), while `recognize` answers from a table
// the test writes, keyed by the decoded samples of each recording it means to send.
import { createHash } from 'node:crypto';
import type { Transcription, TranslatorJob } from '@onemoment/shared/schemas/translator';
import { decodeAudio, type AudioLimits, type DecodedAudio } from '@onemoment/speech/audio/decode-audio';
import type { RecognitionRequest, SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';

export interface ScriptedWords {
  /** What the `transcribe` task hears. */
  transcribe: { text: string; language: string };
  /** What the `translate` task (speech to English) writes; a test that expects no such run leaves it out. */
  translate?: string;
}

/** A recognition as the test saw it asked for (the audio itself is left out). */
export interface RecognitionCall {
  task: RecognitionRequest['task'];
  language: string;
  owner: string;
  jobId: string | undefined;
  durationMs: number;
}

export const SCRIPTED_AUDIO_LIMITS: AudioLimits = { maxBytes: 8 * 1024 * 1024, maxSeconds: 60 };

interface Gate {
  reached: () => void;
  opened: Promise<void>;
}

export class ScriptedSpeech implements SpeechRecognizer {
  readonly calls: RecognitionCall[] = [];
  private readonly script = new Map<string, ScriptedWords | Error>();
  private gate: Gate | null = null;

  constructor(private readonly limits: AudioLimits = SCRIPTED_AUDIO_LIMITS) {}

  /** Scripts what Whisper "hears" in this recording. */
  async say(recording: Buffer, words: ScriptedWords, contentType = 'audio/wav'): Promise<void> {
    this.script.set(fingerprint(await this.decode(recording, contentType)), words);
  }

  /** Scripts a recognition failure for this recording (a HubError, as the real recognizer throws). */
  async fail(recording: Buffer, error: Error, contentType = 'audio/wav'): Promise<void> {
    this.script.set(fingerprint(await this.decode(recording, contentType)), error);
  }

  /**
   * Holds the next recognition until `open()`: `reached` resolves once it is waiting, so a test can
   * act while a line is being recognised without guessing at timing.
   */
  hold(): { reached: Promise<void>; open: () => void } {
    let open!: () => void;
    let reached!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    this.gate = { reached, opened };
    return { reached: reachedPromise, open };
  }

  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio> {
    return decodeAudio(body, contentType, this.limits);
  }

  async recognize(request: RecognitionRequest): Promise<Transcription> {
    const durationMs = Math.round(request.audio.durationMs);
    this.calls.push({ task: request.task, language: request.language, owner: request.owner, jobId: request.jobId, durationMs });
    const job = (state: TranslatorJob['state'], position: number, progress: number): TranslatorJob => ({
      id: request.jobId ?? 'scripted-job',
      state,
      position,
      progress,
    });
    request.onProgress?.(job('queued', 1, 0));
    const gate = this.gate;
    if (gate) {
      this.gate = null;
      gate.reached();
      await gate.opened;
    }
    request.onProgress?.(job('running', 0, 50));
    const scripted = this.script.get(fingerprint(request.audio));
    if (scripted === undefined) throw new Error('ScriptedSpeech: this recording was not scripted; call say() with it first');
    if (scripted instanceof Error) {
      request.onProgress?.(job('failed', 0, 50));
      throw scripted;
    }
    request.onProgress?.(job('done', 0, 100));
    const words =
      request.task === 'translate'
        ? { text: scripted.translate ?? unscriptedTranslation(), language: 'en' }
        : scripted.transcribe;
    return {
      text: words.text,
      language: words.language,
      segments: [{ startMs: 0, endMs: durationMs, text: words.text }],
      durationMs,
      processingMs: 1,
    };
  }
}

function unscriptedTranslation(): never {
  throw new Error('ScriptedSpeech: a translate run was asked for, but the script has no translation for this recording');
}

function fingerprint(audio: DecodedAudio): string {
  const { pcm } = audio;
  return createHash('sha256').update(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)).digest('hex');
}
