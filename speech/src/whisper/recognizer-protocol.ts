// Messages between the hub and its recognizer process (Node IPC with the structured-clone
// serialization, so PCM travels as a typed array, not as JSON numbers).
import type { TranscriptionTask } from '@onemoment/shared/schemas/translator';

export interface RecognizeMessage {
  kind: 'recognize';
  id: string;
  modelPath: string;
  /** 16 kHz mono. */
  pcm: Int16Array;
  task: TranscriptionTask;
  /** `auto` or an ISO 639-1 code. */
  language: string;
  threads: number;
}

export interface RecognizedSegment {
  startMs: number;
  endMs: number;
  text: string;
}

export type RecognizerReply =
  | { kind: 'loaded'; id: string; modelPath: string; loadMs: number }
  | { kind: 'progress'; id: string; progress: number }
  | { kind: 'done'; id: string; language: string; segments: RecognizedSegment[]; processingMs: number }
  | { kind: 'failed'; id: string; message: string };
