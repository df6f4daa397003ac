/**
 * The translator for staff (any role): the open conversations (a table's guests, or a walk-up guest at
 * the front desk), starting a new one, and the conversation itself. A banner says when speech is not
 * ready and why; managers choose the speech model. The list and the open conversation stay live through
 * the translator's socket, and are fetched again after every reconnect.
 */
import type { Conversation, TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, describeError, getToken } from '../api.ts';
import { age } from '../format.ts';
import { useNow } from '../hooks.ts';
import type { LiveSnapshot } from '../live-store.ts';
import { isManager } from '../session.ts';
import type { StaffRole, Table } from '../types.ts';
import { entriesFromList, markSeen, noteLine, type ConversationEntry } from '../../../common/translator/conversation-state.ts';
import { languageChoices, languageLabel } from '../../../common/translator/languages.ts';
import { createTranslatorApi, type Phrasebook, type TranslatorApi } from '../../../common/translator/translator-api.ts';
import { openTranslatorSocket } from '../../../common/translator/translator-socket.ts';
import { ConversationPanel, type ConversationRoutes } from './conversation-panel.tsx';
import { conversationTitle } from './labels.ts';
import { conversationIdFromPath, translatorPath } from './paths.ts';
import { SpeechModelCard } from './speech-model-card.tsx';
import './translator-page.css';

const STATUS_REFRESH_MS = 15_000;

export function TranslatorPage(props: { live: LiveSnapshot; role: StaffRole; onExpired(): void }) {
  const translator = useMemo(() => createTranslatorApi(api, { token: getToken, onUnauthorized: props.onExpired }), []);
  const [status, setStatus] = useState<TranslatorStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [phrasebook, setPhrasebook] = useState<Phrasebook | null>(null);
  const [entries, setEntries] = useState<ConversationEntry[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(() => conversationIdFromPath(location.pathname));
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const routes = useRef<ConversationRoutes | null>(null);
  const phrasesLoaded = useRef(false);
  const now = useNow();

  const loadStatus = async () => {
    try {
      setStatus(await translator.status());
      setStatusError(null);
    } catch (failure) {
      setStatusError(describeError(failure));
    }
  };
  const loadList = async () => {
    try {
      const conversations = await translator.conversations();
      setEntries((previous) => entriesFromList(conversations, previous ?? []));
      setListError(null);
    } catch (failure) {
      setListError(describeError(failure));
    }
  };
  const loadPhrases = () => {
    if (phrasesLoaded.current) return;
    translator.phrases().then((next) => {
      phrasesLoaded.current = true;
      setPhrasebook(next);
    }, () => undefined); // tried again after the next reconnect; the page works without it
  };

  useEffect(() => {
    void loadStatus();
    void loadList();
    loadPhrases();
    const token = getToken();
    const socket = token
      ? openTranslatorSocket({
          namespace: '/staff',
          token,
          onLine: (event) => {
            setEntries((list) => noteLine(list ?? [], event.conversation, event.line, selected.current));
            routes.current?.onLine(event);
          },
          onProgress: (event) => routes.current?.onProgress(event),
          onConnected: () => {
            void loadList();
            void loadStatus();
            loadPhrases();
            routes.current?.reload();
          },
          onUnauthorized: props.onExpired,
        })
      : null;
    const timer = setInterval(() => void loadStatus(), STATUS_REFRESH_MS);
    return () => {
      socket?.close();
      clearInterval(timer);
    };
  }, []);

  const open = (id: string | null) => {
    setSelectedId(id);
    if (id) setEntries((list) => list && markSeen(list, id));
    history.replaceState(null, '', translatorPath(id));
  };

  const started = (conversation: Conversation) => {
    setEntries((list) => entriesFromList([conversation, ...(list ?? []).map((entry) => entry.conversation).filter((c) => c.id !== conversation.id)], list ?? []));
    open(conversation.id);
  };

  const languages = languageChoices(
    [...(status?.speechLanguages ?? []), ...(status?.phrasebookLanguages ?? phrasebook?.languages ?? ['en'])],
    status?.phrasebookLanguages ?? [],
  );

  return (
    <div class="translator-page">
      <div class="page-head">
        <h1>Translator</h1>
      </div>
      {statusError ? (
        <div class="banner banner-error translator-banner" role="alert" data-testid="translator-status">
          {statusError}
        </div>
      ) : (
        status &&
        !status.ready && (
          <div class="banner banner-warn translator-banner" role="status" data-testid="translator-status">
            {status.message}
          </div>
        )
      )}
      <div class={`translator ${selectedId ? 'translator-with-panel' : ''}`}>
        <div class="translator-side">
          <ConversationList entries={entries} error={listError} selectedId={selectedId} now={now} onOpen={open} onRetry={() => void loadList()} />
          <NewConversation api={translator} tables={props.live.tables ?? []} languages={languages} onStarted={started} />
          {isManager(props.role) && status && <SpeechModelCard status={status} api={translator} onStatus={setStatus} />}
        </div>
        {selectedId && (
          <ConversationPanel
            key={selectedId}
            conversationId={selectedId}
            api={translator}
            status={status}
            phrasebook={phrasebook}
            routes={routes}
            onClose={() => open(null)}
          />
        )}
      </div>
    </div>
  );
}

function ConversationList(props: {
  entries: ConversationEntry[] | null;
  error: string | null;
  selectedId: string | null;
  now: number;
  onOpen(id: string): void;
  onRetry(): void;
}) {
  return (
    <section class="card conversations" aria-labelledby="conversations-title">
      <h2 id="conversations-title">Open conversations</h2>
      {props.error && (
        <p class="form-error" role="alert">
          {props.error}{' '}
          <button type="button" class="link-button" onClick={props.onRetry}>
            Try again
          </button>
        </p>
      )}
      {!props.entries ? (
        !props.error && <p class="muted">Loading…</p>
      ) : props.entries.length === 0 ? (
        <p class="muted">No open conversations. A guest can start one from their table's page, or start one here.</p>
      ) : (
        <ul class="conversation-list">
          {props.entries.map(({ conversation, lastActivityAt, unseen }) => {
            const current = conversation.id === props.selectedId;
            return (
              <li key={conversation.id}>
                <button
                  type="button"
                  class={`conversation-item ${current ? 'conversation-item-on' : ''}`}
                  aria-current={current ? 'true' : undefined}
                  onClick={() => props.onOpen(conversation.id)}
                  data-testid="conversation-item"
                  data-conversation-id={conversation.id}
                >
                  <span class="conversation-item-main">
                    <span class="conversation-item-title">{conversationTitle(conversation)}</span>
                    <span class="muted small">
                      {languageLabel(conversation.guestLanguage)} · {age(lastActivityAt, props.now)}
                    </span>
                  </span>
                  {unseen > 0 && (
                    <span class="badge" aria-label={`${unseen} new from the guest`}>
                      {unseen}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const FRONT_DESK = '';

function NewConversation(props: { api: TranslatorApi; tables: Table[]; languages: string[]; onStarted(conversation: Conversation): void }) {
  const [where, setWhere] = useState(FRONT_DESK);
  const [language, setLanguage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seated = props.tables.filter((table) => table.visit);

  const start = async (event: Event) => {
    event.preventDefault();
    if (!language) return;
    setBusy(true);
    setError(null);
    try {
      const { conversation } = await props.api.startConversation({ guestLanguage: language, ...(where !== FRONT_DESK ? { visitId: where } : {}) });
      props.onStarted(conversation);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card new-conversation" onSubmit={(event) => void start(event)} aria-labelledby="new-conversation-title" data-testid="new-conversation">
      <h2 id="new-conversation-title">{where === FRONT_DESK ? 'New front-desk conversation' : 'New conversation with a table'}</h2>
      <label class="field">
        With
        <select value={where} onChange={(event) => setWhere(event.currentTarget.value)} data-testid="new-conversation-where">
          <option value={FRONT_DESK}>Front desk (walk-up guest)</option>
          {seated.map((table) => (
            <option key={table.id} value={table.visit!.id}>
              {table.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        The guest's language
        <select required value={language} onChange={(event) => setLanguage(event.currentTarget.value)} data-testid="new-conversation-language">
          <option value="" disabled>
            Choose…
          </option>
          {props.languages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageLabel(code)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy || !language} data-testid="start-conversation">
        {busy ? 'Starting…' : 'Start'}
      </button>
    </form>
  );
}
