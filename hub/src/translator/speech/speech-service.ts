import { join } from 'node:path';
import { newId } from '@onemoment/shared/ids';
import type { Transcription } from '@onemoment/shared/schemas/translator';
import type { HubContext } from '../../context.ts';
import { HubError } from '../../errors.ts';
import { decodeAudio, type DecodedAudio } from '../audio/decode-audio.ts';
import { activeModel, type ActiveModel } from '../models/active-model.ts';
import { modelsDirOf } from '../models/model-files.ts';
import { isWhisperLanguage } from '../whisper/languages.ts';
import { RecognizerProcess, RecognizerStopped } from '../whisper/recognizer-process.ts';
import { JobQueue } from './job-queue.ts';
import type { RecognitionRequest, SpeechRecognizer } from './speech-types.ts';

export const MODEL_HELP =
  'On the hub, run: npm run models:download -- base (or tiny on a small box). One installed model is used at once; with several, choose on the admin Translator page.';

export const modelMissing = () =>
  new HubError(503, 'model_missing', `No speech model is installed, so the translator cannot listen yet. ${MODEL_HELP}`);

/**
 * Speech to text with Whisper: uploads are decoded and checked here, then queued; each running job
 * has a recognizer process of its own (one per allowed concurrent job), which keeps its model loaded
 * between clips.
 */
export class SpeechService implements SpeechRecognizer {
  readonly modelsDir: string;
  readonly queue: JobQueue;
  private readonly idle: RecognizerProcess[] = [];
  private readonly all: RecognizerProcess[] = [];

  constructor(private readonly context: HubContext) {
    const { translator, dataDir } = context.config;
    this.modelsDir = modelsDirOf(dataDir);
    this.queue = new JobQueue({ concurrency: translator.concurrency, maxWaiting: translator.queueLimit, timeoutMs: translator.timeoutMs });
  }

  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio> {
    const { maxAudioBytes, maxAudioSeconds } = this.context.config.translator;
    return decodeAudio(body, contentType, { maxBytes: maxAudioBytes, maxSeconds: maxAudioSeconds });
  }

  activeModel(): Promise<ActiveModel | null> {
    return activeModel(this.context.store.sqlite, this.modelsDir);
  }

  async recognize(request: RecognitionRequest): Promise<Transcription> {
    const model = await this.activeModel();
    if (!model) throw modelMissing();
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
            modelPath: join(this.modelsDir, model.file),
            pcm: request.audio.pcm,
            task: request.task,
            // An unknown code breaks whisper.cpp's prompt (a conversation side may use a language Whisper lacks).
            language: isWhisperLanguage(request.language) ? request.language : 'auto',
            threads: this.context.config.translator.threads,
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
          this.context.log.error({ err: error, model: model.name }, 'speech recognition failed');
          throw new HubError(503, 'recognition_failed', 'The speech model could not process this recording. Try again; if it keeps failing, choose another model.');
        } finally {
          this.idle.push(recognizer);
        }
      },
    });
  }

  /** Stops running jobs and the recognizer processes (the hub is closing). */
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
