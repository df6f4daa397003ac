import { join } from 'node:path';
import type { Transcription } from '@onemoment/shared/schemas/translator';
import type { DecodedAudio } from '@onemoment/speech/audio/decode-audio';
import { modelsDirOf } from '@onemoment/speech/models/model-files';
import type { JobQueue } from '@onemoment/speech/recognition/job-queue';
import { SpeechEngine } from '@onemoment/speech/recognition/speech-engine';
import type { RecognitionRequest, SpeechRecognizer } from '@onemoment/speech/recognition/speech-types';
import type { HubContext } from '../../context.ts';
import { HubError } from '../../errors.ts';
import { activeModel, type ActiveModel } from '../models/active-model.ts';

// Anyone may read this (a waiter's banner, a guest's failed send): it says who can act and where, not a
// command line. The manager's Translator page has the download buttons and the model choice.
export const MODEL_HELP = 'A manager can install a speech model on the Translator page of the staff app.';

export const modelMissing = () =>
  new HubError(503, 'model_missing', `No speech model is installed, so the translator cannot listen yet. ${MODEL_HELP}`);

/**
 * The hub's speech to text: the speech engine (decoding, the job queue, recognizer processes) with the
 * hub's limits, its models folder and the model chosen in its translator settings.
 */
export class SpeechService implements SpeechRecognizer {
  readonly modelsDir: string;
  readonly queue: JobQueue;
  private readonly engine: SpeechEngine;

  constructor(private readonly context: HubContext) {
    const { translator, dataDir } = context.config;
    this.modelsDir = modelsDirOf(dataDir);
    this.engine = new SpeechEngine({
      limits: { maxBytes: translator.maxAudioBytes, maxSeconds: translator.maxAudioSeconds },
      queue: { concurrency: translator.concurrency, maxWaiting: translator.queueLimit, timeoutMs: translator.timeoutMs },
      threads: translator.threads,
      model: async () => {
        const model = await this.activeModel();
        if (!model) throw modelMissing();
        return { name: model.name, path: join(this.modelsDir, model.file) };
      },
      log: context.log,
    });
    this.queue = this.engine.queue;
  }

  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio> {
    return this.engine.decode(body, contentType);
  }

  activeModel(): Promise<ActiveModel | null> {
    return activeModel(this.context.store.sqlite, this.modelsDir);
  }

  recognize(request: RecognitionRequest): Promise<Transcription> {
    return this.engine.recognize(request);
  }

  /** Stops running jobs and the recognizer processes (the hub is closing). */
  close(): void {
    this.engine.close();
  }
}
