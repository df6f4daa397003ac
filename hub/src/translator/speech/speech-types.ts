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
 * Speech to text on the hub. Errors are HubErrors with their HTTP status: 503 model_missing (no model
 * installed: the message says how to get one), 503 translator_busy (the queue is full), 504
 * recognition_timeout (the job ran past its limit and was stopped), 409 job_cancelled, and the audio
 * errors of decodeAudio (400/413/415/422).
 */
export interface SpeechRecognizer {
  /** Decodes an upload with the configured limits (size, length, silence). */
  decode(body: Buffer, contentType: string | undefined): Promise<DecodedAudio>;
  /** Queues one recognition and resolves with its result. */
  recognize(request: RecognitionRequest): Promise<Transcription>;
}
