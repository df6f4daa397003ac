/**
 * The translator routes as the guest and staff pages call them. JSON goes through the app's ApiClient;
 * speech is a WAV body, which that client does not send, so it has its own small fetch with the same
 * bearer token and the same `ApiError { status, code, message }` on failure.
 */
import { ApiError, type ApiClient } from '@onemoment/shared/client/api-client';
import type {
  AddLineBody,
  Conversation,
  ConversationLine,
  ConversationWithLines,
  ModelDownload,
  ModelDownloadList,
  PhrasebookPhrase,
  Speaker,
  StartConversationBody,
  TRANSLATOR_LIMITS,
  TranslatorStatus,
} from '@onemoment/shared/schemas/translator';
import type { SendError } from './conversation-state.ts';

// The shared limits, repeated as values (importing them would bring TypeBox into the bundle); the types
// make the type check fail if the schema's numbers change.
export const MAX_LINE_TEXT: (typeof TRANSLATOR_LIMITS)['maxTextLength'] = 1000;
export const MAX_PLACEHOLDER_VALUE: (typeof TRANSLATOR_LIMITS)['maxPlaceholderValueLength'] = 60;

export interface Phrasebook {
  languages: string[];
  categories: string[];
  phrases: PhrasebookPhrase[];
}

export interface SpeechUpload {
  lineId: string;
  speaker: Speaker;
  /** `auto` lets Whisper detect the language; a code is faster and surer when it is known. */
  language: string;
}

export interface TranslatorApi {
  status(): Promise<TranslatorStatus>;
  setActiveModel(name: string): Promise<TranslatorStatus>;
  /** Managers: the model downloads started since the hub began, and starting or cancelling one. */
  modelDownloads(): Promise<ModelDownload[]>;
  startModelDownload(name: string): Promise<ModelDownload>;
  cancelModelDownload(name: string): Promise<ModelDownload>;
  phrases(): Promise<Phrasebook>;
  startConversation(body: StartConversationBody): Promise<ConversationWithLines>;
  conversations(): Promise<Conversation[]>;
  conversation(id: string): Promise<ConversationWithLines>;
  addLine(conversationId: string, body: AddLineBody): Promise<ConversationLine>;
  sendSpeech(conversationId: string, upload: SpeechUpload, wav: Blob): Promise<ConversationLine>;
}

export interface SpeechAuth {
  token(): string | null;
  onUnauthorized?(): void;
  /** Where the hub is; empty for the page's own origin. */
  origin?: string;
  /** Recognition waits its turn on a small box: minutes, not the 8 s of a JSON call. */
  timeoutMs?: number;
}

const SPEECH_TIMEOUT_MS = 180_000;
const BASE = '/api/translator';

export function speechPath(conversationId: string, upload: SpeechUpload): string {
  const query = new URLSearchParams({ lineId: upload.lineId, speaker: upload.speaker, language: upload.language });
  return `${BASE}/conversations/${encodeURIComponent(conversationId)}/speech?${query.toString()}`;
}

export async function postSpeech(auth: SpeechAuth, conversationId: string, upload: SpeechUpload, wav: Blob): Promise<ConversationLine> {
  const headers: Record<string, string> = { 'content-type': 'audio/wav' };
  const token = auth.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), auth.timeoutMs ?? SPEECH_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${auth.origin ?? ''}${speechPath(conversationId, upload)}`, { method: 'POST', headers, body: wav, signal: controller.signal });
  } catch {
    throw new ApiError(0, 'network', 'The hub did not answer. Check the Wi-Fi and try again.');
  } finally {
    clearTimeout(timer);
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) auth.onUnauthorized?.();
    const problem = (data ?? {}) as { error?: string; message?: string };
    throw new ApiError(response.status, problem.error ?? 'error', problem.message ?? `The hub answered ${response.status}.`);
  }
  return data as ConversationLine;
}

export function createTranslatorApi(api: ApiClient, auth: SpeechAuth): TranslatorApi {
  const conversationPath = (id: string) => `${BASE}/conversations/${encodeURIComponent(id)}`;
  const downloadPath = (name: string) => `${BASE}/models/${encodeURIComponent(name)}/download`;
  return {
    status: () => api.get<TranslatorStatus>(`${BASE}/status`),
    setActiveModel: (name) => api.request<TranslatorStatus>('PUT', `${BASE}/active-model`, { name }),
    modelDownloads: async () => (await api.get<ModelDownloadList>(`${BASE}/model-downloads`)).downloads,
    startModelDownload: (name) => api.post<ModelDownload>(downloadPath(name)),
    cancelModelDownload: (name) => api.request<ModelDownload>('DELETE', downloadPath(name)),
    phrases: () => api.get<Phrasebook>(`${BASE}/phrases`),
    startConversation: (body) => api.post<ConversationWithLines>(`${BASE}/conversations`, body),
    conversations: async () => (await api.get<{ conversations: Conversation[] }>(`${BASE}/conversations`)).conversations,
    conversation: (id) => api.get<ConversationWithLines>(conversationPath(id)),
    addLine: (conversationId, body) => api.post<ConversationLine>(`${conversationPath(conversationId)}/lines`, body),
    sendSpeech: (conversationId, upload, wav) => postSpeech(auth, conversationId, upload, wav),
  };
}

/**
 * A failed send as the conversation keeps it. No connection, a busy recogniser (429, or 503 other than a
 * missing model) and server errors may pass on a second try with the same line id; the rest will not.
 */
export function sendErrorOf(error: unknown): SendError {
  if (!(error instanceof ApiError)) return { status: 0, code: 'error', message: error instanceof Error ? error.message : String(error), retriable: true };
  const busy = error.status === 429 || (error.status === 503 && error.code !== 'model_missing');
  const retriable = error.status === 0 || busy || (error.status >= 500 && error.status !== 503);
  return { status: error.status, code: error.code, message: error.message, retriable };
}
