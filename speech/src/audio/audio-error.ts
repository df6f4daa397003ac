import { SpeechError } from '../speech-error.ts';

export type AudioErrorCode =
  | 'unsupported_media_type'
  | 'audio_too_large'
  | 'invalid_audio'
  | 'truncated_audio'
  | 'audio_too_long'
  | 'audio_too_short'
  | 'silent_audio';

const STATUS: Record<AudioErrorCode, number> = {
  unsupported_media_type: 415,
  audio_too_large: 413,
  invalid_audio: 400,
  truncated_audio: 400,
  audio_too_long: 422,
  audio_too_short: 422,
  silent_audio: 422,
};

/**
 * Why an upload could not become speech for Whisper. A SpeechError, so the hub's error handler sends
 * it as `{ error: code, message }` with its status and no extra wiring in the route.
 */
export class AudioError extends SpeechError {
  declare readonly code: AudioErrorCode;

  constructor(code: AudioErrorCode, message: string, details?: Record<string, unknown>) {
    super(STATUS[code], code, message, details);
    this.name = 'AudioError';
  }
}

export const invalidAudio = (message: string) => new AudioError('invalid_audio', message);
export const truncatedAudio = (message: string) => new AudioError('truncated_audio', message);
