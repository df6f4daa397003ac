import { newId } from '@onemoment/shared/ids';
import type { Transcription } from '@onemoment/shared/schemas/translator';
import { decodeAudio, type AudioLimits, type DecodedAudio } from '../audio/decode-audio.ts';
import { SpeechError } from '../speech-error.ts';
import { isWhisperLanguage } from '../whisper/languages.ts';
import { RecognizerProcess, RecognizerStopped } from '../whisper/recognizer-process.ts';
import { JobQueue, type JobQueueOptions } from './job-queue.ts';
import type { RecognitionRequest, SpeechRecognizer } from './speech-types.ts';

/** The model a recognition runs with: its name (for the log) and its file. */
export interface ModelChoice {
  name: string;
  path: string;
}

/** Where the engine reports a failed recognition (a pino logger fits). */
export interface SpeechLog {
  error(details: Record<string, unknown>, message: string): void;
}

export interface SpeechEngineOptions {
  /** Size and length limits of an upload; see decodeAudio. */
  limits: AudioLimits;
  queue: JobQueueOptions;
  /** CPU threads whisper.cpp uses for one recognition. */
  threads: number;
  /**
   * The model for the next recognition, asked for each time (the choice can change between clips).
   * With none installed it throws the host's own error, which the caller receives before anything is queued.
   */
  model: () => Promise<ModelChoice>;
  log?: SpeechLog;
}

export const recognitionFailed = () =>
  new SpeechError(503, 'recognition_failed', 'The speech model could not process this recording. Try again; if it keeps failing, choose another model.');

/**
 * Speech to text with Whisper: uploads are decoded and checked here, then queued; each running job
 * has a recognizer process of its own (one per allowed concurrent job), which keeps its model loaded
 * between clips.
 */
export class SpeechEngine implements SpeechRecognizer {
  readonly queue: JobQueue;
  private readonly idle: RecognizerProcess[] = [];
  private readonly all: RecognizerProcess[] = [];

  constructor(private readonly options: SpeechEngineOptions) {
    this.queue = new JobQueue(options.queue);
  }

  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio> {
    return decodeAudio(body, contentType, this.options.limits);
  }

  async recognize(request: RecognitionRequest): Promise<Transcription> {
    const model = await this.options.model();
    const jobId = request.jobId ?? newId();
    const durationMs = Math.round(request.audio.durationMs);
    return this.queue.submit({
      id: jobId,
      owner: request.owner,
      onChange: request.onProgress,
      run: async (signal, progress) => {
        const recognizer = this.idle.pop() ?? this.newRecognizer();
        try {
          const output = await recognizer.recognize({
            id: jobId,
            modelPath: model.path,
            pcm: request.audio.pcm,
            task: request.task,
            // An unknown code breaks whisper.cpp's prompt (a conversation side may use a language Whisper lacks).
            language: isWhisperLanguage(request.language) ? request.language : 'auto',
            threads: this.options.threads,
            onProgress: progress,
            signal,
          });
          // Whisper stamps a segment's end at its 30 s window when the speech stops early: clamp to the clip.
          const segments = output.segments
            .map((segment) => ({
              startMs: Math.min(segment.startMs, durationMs),
              endMs: Math.min(Math.max(segment.endMs, segment.startMs), durationMs),
              text: segment.text.trim(),
            }))
            .filter((segment) => segment.text.length > 0);
          return {
            text: segments.map((segment) => segment.text).join(' '),
            language: request.task === 'translate' ? 'en' : output.language,
            segments,
            durationMs,
            processingMs: output.processingMs,
          };
        } catch (error) {
          if (error instanceof RecognizerStopped && error.reason === 'aborted') throw error;
          this.options.log?.error({ err: error, model: model.name }, 'speech recognition failed');
          throw recognitionFailed();
        } finally {
          this.idle.push(recognizer);
        }
      },
    });
  }

  /** Stops running jobs and the recognizer processes (the host is closing). */
  close(): void {
    this.queue.close();
    for (const recognizer of this.all) recognizer.kill();
  }

  private newRecognizer(): RecognizerProcess {
    const recognizer = new RecognizerProcess();
    this.all.push(recognizer);
    return recognizer;
  }
}
