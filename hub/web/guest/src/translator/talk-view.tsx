/**
 * "Talk to staff": the guest's side of a translator conversation. The guest speaks (hold the big button),
 * taps a phrase or types, in their language; staff answers arrive translated. Loaded on demand, so the
 * menu does not pay for it.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import type { TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readJson, writeJson } from '../../../common/storage.ts';
import { conversationToResume } from '../../../common/translator/conversation-state.ts';
import { languageChoices, languageLabel } from '../../../common/translator/languages.ts';
import { createTranslatorApi, MAX_LINE_TEXT, type Phrasebook } from '../../../common/translator/translator-api.ts';
import { openTranslatorSocket } from '../../../common/translator/translator-socket.ts';
import { useConversation } from '../../../common/translator/use-conversation.ts';
import { useHoldToTalk } from '../../../common/translator/use-hold-to-talk.ts';
import { StatusScreen } from '../components/status-screen.tsx';
import { LANGUAGES } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';
import { TalkButton } from './talk-button.tsx';
import { TalkLines } from './talk-lines.tsx';
import { TalkPhrases } from './talk-phrases.tsx';
import './talk-view.css';

export interface TalkViewProps {
  api: ApiClient;
  token: string;
  onBack(): void;
  onUnauthorized(): void;
}

const SPOKEN_KEY = 'om.guest.talkLanguage';
const AUTO = 'auto';

export function TalkView(props: TalkViewProps) {
  const { t, language: uiLanguage } = useLocale();
  const translator = useMemo(
    () => createTranslatorApi(props.api, { token: () => props.token, onUnauthorized: props.onUnauthorized }),
    [props.api, props.token],
  );
  const [status, setStatus] = useState<TranslatorStatus | null>(null);
  const [statusFailed, setStatusFailed] = useState(false);
  const [phrasebook, setPhrasebook] = useState<Phrasebook | null>(null);
  // What the guest speaks: their page language unless they chose another (or "detect").
  const [chosen, setChosen] = useState(() => readJson<string>(SPOKEN_KEY));
  const spoken = chosen ?? uiLanguage;
  const guestLanguage = spoken === AUTO ? uiLanguage : spoken;

  // Opening Talk starts nothing: staff see a conversation once the guest says something. A conversation
  // already open goes on, and follows a change of language.
  const conversation = useConversation({
    api: translator,
    viewer: 'guest',
    load: async () => {
      const open = conversationToResume(await translator.conversations());
      if (!open) return null;
      return open.guestLanguage === guestLanguage ? translator.conversation(open.id) : translator.startConversation({ guestLanguage });
    },
    create: () => translator.startConversation({ guestLanguage }),
    loadKey: guestLanguage,
    sendsSpeaker: false,
  });

  const loadStatus = () =>
    translator.status().then(
      (next) => {
        setStatus(next);
        setStatusFailed(false);
      },
      () => setStatusFailed(true), // the hold button stays off; phrases and typing still work
    );
  const phrasesLoaded = useRef(false);
  const loadPhrases = () => {
    if (phrasesLoaded.current) return;
    translator.phrases().then((next) => {
      phrasesLoaded.current = true;
      setPhrasebook(next);
    }, () => undefined); // tried again after the next reconnect
  };

  useEffect(() => {
    void loadStatus();
    loadPhrases();
    const socket = openTranslatorSocket({
      namespace: '/guest',
      token: props.token,
      onLine: conversation.onLine,
      onProgress: conversation.onProgress,
      onConnected: () => {
        conversation.reload();
        void loadStatus();
        loadPhrases();
      },
      onUnauthorized: props.onUnauthorized,
    });
    return () => socket.close();
  }, [translator]);

  const choose = (next: string) => {
    writeJson(SPOKEN_KEY, next);
    setChosen(next);
  };

  const speechReady = status?.ready === true;
  const speechLanguages = status?.speechLanguages ?? [];
  const speechLanguage = spoken !== AUTO && speechLanguages.includes(spoken) ? spoken : AUTO;
  const talk = useHoldToTalk((wav) => conversation.sendSpeech(wav, 'guest', speechLanguage), !speechReady);
  const choices = languageChoices([...speechLanguages, ...(status?.phrasebookLanguages ?? []), guestLanguage], [uiLanguage, ...LANGUAGES]);

  const [draft, setDraft] = useState('');
  const send = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    conversation.sendText(text, 'guest');
    setDraft('');
  };

  if (!conversation.conversation && (conversation.loading || conversation.loadError)) {
    return conversation.loadError ? (
      <StatusScreen icon="alert" tone="warn" title={t('talkLoadError')}>
        <button type="button" class="button button--secondary" onClick={conversation.reload}>
          {t('tryAgain')}
        </button>
        <button type="button" class="button button--secondary" onClick={props.onBack}>
          {t('talkBack')}
        </button>
      </StatusScreen>
    ) : (
      <StatusScreen busy title={t('talkLoading')} />
    );
  }

  const readLanguages = [conversation.conversation?.guestLanguage ?? guestLanguage, uiLanguage];

  return (
    <section class={`talk ${speechReady ? '' : 'talk--no-bar'}`} aria-labelledby="talk-title" data-testid="talk-view">
      <div class="talk__head">
        <button type="button" class="talk__back" onClick={props.onBack} data-testid="talk-back">
          <span aria-hidden="true" class="talk__back-arrow">‹</span>
          {t('talkBack')}
        </button>
        <h2 id="talk-title" class="talk__title">
          {t('talkToStaff')}
        </h2>
        <label class="talk__language">
          <span>{t('talkLanguage')}</span>
          <select value={spoken} onChange={(event) => choose(event.currentTarget.value)} data-testid="talk-language">
            {speechReady && <option value={AUTO}>{t('talkDetect')}</option>}
            {choices.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageLabel(code)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {(statusFailed || (status && !speechReady)) && (
        <p class="talk__notice" role="status" data-testid="translator-status">
          {t('talkSpeechOff')}
        </p>
      )}

      <TalkLines lines={conversation.lines} pending={conversation.pending} speech={speechReady} onRetry={conversation.retry} onDismiss={conversation.dismiss} />

      {phrasebook && (
        <TalkPhrases
          phrasebook={phrasebook}
          readLanguages={readLanguages}
          onSend={(phrase, values, preview) => conversation.sendPhrase(phrase.id, values, preview, 'guest')}
        />
      )}

      <form class="talk__type" onSubmit={send}>
        <label class="visually-hidden" for="talk-text">
          {t('talkTypeLabel')}
        </label>
        <input
          id="talk-text"
          class="talk__input"
          type="text"
          dir="auto"
          lang={guestLanguage}
          maxLength={MAX_LINE_TEXT}
          autoComplete="off"
          placeholder={t('talkTypePlaceholder')}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
          data-testid="talk-text"
        />
        <button type="submit" class="button button--primary" disabled={!draft.trim()} data-testid="talk-send">
          {t('talkSend')}
        </button>
      </form>

      {/* Hold to talk only where the hub can recognise speech; otherwise the notice above says to tap or type. */}
      {speechReady && <TalkButton talk={talk} />}
    </section>
  );
}
