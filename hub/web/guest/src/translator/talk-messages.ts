/** The guest's words for what went wrong: the hub's codes and the microphone's problems, translated. */
import type { MicrophoneProblem } from '../../../common/recorder.ts';
import type { SendError } from '../../../common/translator/conversation-state.ts';
import type { Translate } from '../i18n/index.ts';

export function sendErrorText(error: SendError, t: Translate): string {
  if (error.code === 'silent_audio') return t('talkSilent');
  if (error.code === 'model_missing') return t('talkSpeechOff');
  if (error.status === 413) return t('talkTooLong');
  if (error.status === 0) return t('talkNoConnection');
  if (error.status === 429 || error.status === 503) return t('talkBusy');
  // Anything else is rare and specific: the hub's own sentence says more than a generic one.
  return t('talkNotSent', { message: error.message });
}

const MICROPHONE_MESSAGES = {
  insecure: 'micInsecure',
  unsupported: 'micUnsupported',
  denied: 'micDenied',
  'no-microphone': 'micMissing',
  busy: 'micBusy',
  'no-audio': 'micNoAudio',
  failed: 'micFailed',
} as const satisfies Record<MicrophoneProblem, string>;

export function microphoneText(problem: MicrophoneProblem, t: Translate): string {
  return t(MICROPHONE_MESSAGES[problem]);
}
