import type { TranscriptionTask, Transcription, TranslatorJob } from '@onemoment/shared/schemas/translator';
import type { DecodedAudio } from '../audio/decode-audio.ts';

export interface RecognitionRequest {
  /** 16 kHz mono PCM, as decodeAudio returns it. */
  audio: DecodedAudio;
  task: TranscriptionTask;
  /** `auto` lets Whisper detect the spoken language. */
  language: string;
  /** Who asked (a staff id or a visit id): only they may cancel or watch the job. */
  owner: string;
  /** A UUIDv7 from the client, so it can ask for progress or cancel; one is made when absent. */
  jobId?: string;
  /** Called on every change of the job (queued position, running progress, finished). */
  onProgress?: (job: TranslatorJob) => void;
}

/**
 * Speech to text (the SpeechEngine, or a stand-in in tests). Errors carry their HTTP status and code:
 * SpeechErrors 503 translator_busy (the queue is full), 504 recognition_timeout (the job ran past its
 * limit and was stopped), 409 job_cancelled, 503 recognition_failed, the AudioErrors of decodeAudio
 * (400/413/415/422), and the host's own error when no model is installed (the hub's 503 model_missing,
 * whose message says how to get one).
 */
export interface SpeechRecognizer {
  /** Decodes an upload with the configured limits (size, length, silence). */
  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio>;
  /** Queues one recognition and resolves with its result. */
  recognize(request: RecognitionRequest): Promise<Transcription>;
}
