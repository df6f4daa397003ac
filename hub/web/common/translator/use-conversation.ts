/**
 * One conversation on screen: loads it, applies the socket's events the page routes here, and sends
 * lines with ids made on this device, so a retry (after no answer, or a busy recogniser) can never add
 * a line twice. Shared by the guest page and the staff page.
 */
import type { ConversationLine, ConversationLineEvent, ConversationWithLines, Speaker, TranslatorProgressEvent } from '@onemoment/shared/schemas/translator';
import { newId } from '@onemoment/shared/ids';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { EMPTY_CONVERSATION, conversationReducer, lineView, pendingViews, type LineView, type PendingView, type Viewer } from './conversation-state.ts';
import { sendErrorOf, type TranslatorApi } from './translator-api.ts';

export interface ConversationOptions {
  api: TranslatorApi;
  viewer: Viewer;
  /**
   * Fetches the conversation; called again after every reconnect. Null: there is none yet, and the
   * first line sent makes one with `create` (a guest who only opens Talk starts nothing for staff).
   */
  load(): Promise<ConversationWithLines | null>;
  /** Starts the conversation for the first line sent, when `load` found none. */
  create?(): Promise<ConversationWithLines>;
  /** A new key loads afresh (for a guest: another language). */
  loadKey: string;
  /** The staff tablet says who is talking (a walk-up guest speaks into it); a guest's phone leaves it to the hub. */
  sendsSpeaker: boolean;
}

export interface ConversationControls {
  conversation: ConversationWithLines['conversation'] | null;
  lines: LineView[];
  pending: PendingView[];
  loading: boolean;
  loadError: unknown;
  reload(): void;
  sendText(text: string, speaker: Speaker): void;
  sendPhrase(phraseId: string, values: Record<string, string>, preview: string, speaker: Speaker): void;
  sendSpeech(wav: Blob, speaker: Speaker, language: string): void;
  retry(id: string): void;
  dismiss(id: string): void;
  /** For the page's socket. */
  onLine(event: ConversationLineEvent): void;
  onProgress(event: TranslatorProgressEvent): void;
}

export function useConversation(options: ConversationOptions): ConversationControls {
  const [state, dispatch] = useReducer(conversationReducer, EMPTY_CONVERSATION);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const latest = useRef(options);
  latest.current = options;
  const stateRef = useRef(state);
  stateRef.current = state;
  const attempts = useRef(new Map<string, () => Promise<void>>());
  const loadTicket = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++loadTicket.current; // only the newest answer counts
    try {
      const data = await latest.current.load();
      if (ticket !== loadTicket.current) return;
      if (data) dispatch({ type: 'loaded', data });
      setLoadError(null);
    } catch (error) {
      if (ticket === loadTicket.current) setLoadError(error);
    } finally {
      if (ticket === loadTicket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    void reload();
    return () => {
      loadTicket.current += 1;
    };
  }, [options.loadKey]);

  // One start for however many lines are sent before it answers; a failed start is tried again with
  // the line's retry.
  const creating = useRef<Promise<string> | null>(null);
  const conversationFor = (): Promise<string> => {
    const known = stateRef.current.conversation?.id;
    if (known) return Promise.resolve(known);
    const create = latest.current.create;
    if (!create) return Promise.reject(new Error('The conversation is still loading: try again in a moment.'));
    creating.current ??= create().then(
      (data) => {
        dispatch({ type: 'loaded', data });
        stateRef.current = conversationReducer(stateRef.current, { type: 'loaded', data });
        return data.conversation.id;
      },
      (error: unknown) => {
        creating.current = null;
        throw error;
      },
    );
    return creating.current;
  };

  const deliver = (id: string, work: () => Promise<ConversationLine>) => {
    const attempt = async () => {
      try {
        dispatch({ type: 'line', line: await work() });
        attempts.current.delete(id);
      } catch (error) {
        dispatch({ type: 'send-failed', id, error: sendErrorOf(error) });
      }
    };
    attempts.current.set(id, attempt);
    void attempt();
  };

  const speakerField = (speaker: Speaker) => (latest.current.sendsSpeaker ? { speaker } : {});

  return {
    conversation: state.conversation,
    ...useMemo(() => ({ lines: state.lines.map((line) => lineView(line, options.viewer)), pending: pendingViews(state, options.viewer) }), [state, options.viewer]),
    loading,
    loadError,
    reload: () => void reload(),
    sendText(text, speaker) {
      const id = newId();
      dispatch({ type: 'sending', line: { id, speaker, kind: 'text', preview: text, error: null } });
      deliver(id, async () => latest.current.api.addLine(await conversationFor(), { id, text, ...speakerField(speaker) }));
    },
    sendPhrase(phraseId, values, preview, speaker) {
      const id = newId();
      const filled = Object.keys(values).length > 0 ? { values } : {};
      dispatch({ type: 'sending', line: { id, speaker, kind: 'phrase', preview, error: null } });
      deliver(id, async () => latest.current.api.addLine(await conversationFor(), { id, phraseId, ...filled, ...speakerField(speaker) }));
    },
    sendSpeech(wav, speaker, language) {
      const id = newId();
      dispatch({ type: 'sending', line: { id, speaker, kind: 'speech', preview: null, error: null } });
      deliver(id, async () => latest.current.api.sendSpeech(await conversationFor(), { lineId: id, speaker, language }, wav));
    },
    retry(id) {
      const attempt = attempts.current.get(id);
      const line = stateRef.current.outgoing.find((candidate) => candidate.id === id);
      if (!attempt || !line) return;
      dispatch({ type: 'sending', line: { ...line, error: null } });
      void attempt();
    },
    dismiss(id) {
      attempts.current.delete(id);
      dispatch({ type: 'dismiss', id });
    },
    onLine: (event) => {
      // Staff spoke first to a guest who has no conversation on screen yet: fetch the one they started.
      if (!stateRef.current.conversation) void reload();
      dispatch({ type: 'line', line: event.line });
    },
    onProgress: (event) => dispatch({ type: 'progress', event }),
  };
}
