/** The staff translator page's words: microphone problems, send failures, progress, sizes. */
import type { Conversation } from '@onemoment/shared/schemas/translator';
import type { MicrophoneProblem } from '../../../common/recorder.ts';
import type { PendingView, SendError } from '../../../common/translator/conversation-state.ts';

export const MICROPHONE_PROBLEMS: Record<MicrophoneProblem, string> = {
  insecure:
    'This browser opens the microphone only on https or on the hub itself (localhost). Use the phrases or the reply box, or open this page on the hub.',
  unsupported: 'This browser cannot record. Use the phrases or the reply box.',
  denied: 'Microphone access is blocked. Allow it for this page in the browser settings, then hold the button again.',
  'no-microphone': 'No microphone was found. Plug one in, or use a tablet that has one.',
  busy: 'Another app is using the microphone. Close it and try again.',
  'no-audio': 'The microphone sent no sound. Check that it is not muted.',
  failed: 'The microphone could not be opened. Try again.',
};

/** The hub's own sentence, except when no answer came back at all. */
export function sendErrorLabel(error: SendError): string {
  if (error.status === 0) return 'No answer from the hub. Check the Wi-Fi, then try again.';
  return error.message;
}

export function pendingLabel(item: PendingView): string {
  const who = item.speaker === 'guest' ? 'Guest' : item.own ? 'You' : 'Staff';
  if (item.phase === 'failed') return `${who}: not sent`;
  if (item.phase === 'queued') return `${who}: waiting to be recognised (${item.position} ahead)…`;
  if (item.phase === 'recognising') return `${who}: recognising… ${item.progress}%`;
  return item.kind === 'speech' ? `${who}: sending the recording…` : `${who}: sending…`;
}

export function conversationTitle(conversation: Conversation): string {
  return conversation.tableName ?? 'Front desk';
}

export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1).replace(/[-_]/g, ' ');
}

/** "142 MB", "1.5 GB". */
export function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1024) return `${(megabytes / 1024).toFixed(1)} GB`;
  return megabytes >= 100 ? `${Math.round(megabytes)} MB` : `${megabytes.toFixed(1)} MB`;
}

/** "Download the base model (141 MB)": the name and the size the manager is agreeing to fetch. */
export function downloadButtonLabel(model: { name: string; sizeBytes: number }): string {
  return `Download the ${model.name} model (${formatBytes(model.sizeBytes)})`;
}

/** "12.0 MB of 141 MB". */
export function downloadProgressLabel(download: { receivedBytes: number; totalBytes: number }): string {
  return `${formatBytes(download.receivedBytes)} of ${formatBytes(download.totalBytes)}`;
}
