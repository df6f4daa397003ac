/**
 * One conversation on the staff tablet. Two hold buttons, because at the front desk the guest speaks
 * into this same tablet: "Guest speaks" records the guest (in their language, or detected), "I speak"
 * records the staff member. Guest lines show the translation big and the guest's words small.
 */
import type { ConversationLineEvent, TranslatorProgressEvent, TranslatorStatus } from '@onemoment/shared/schemas/translator';
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { LineView, PendingView } from '../../../common/translator/conversation-state.ts';
import { HighlightedText } from '../../../common/translator/highlighted-text.tsx';
import { languageLabel } from '../../../common/translator/languages.ts';
import { lineSegments } from '../../../common/translator/line-highlights.ts';
import { MAX_LINE_TEXT, type Phrasebook, type TranslatorApi } from '../../../common/translator/translator-api.ts';
import { useConversation } from '../../../common/translator/use-conversation.ts';
import { formatElapsed, useHoldToTalk, type HoldToTalk } from '../../../common/translator/use-hold-to-talk.ts';
import { clockTime } from '../format.ts';
import { MICROPHONE_PROBLEMS, conversationTitle, pendingLabel, sendErrorLabel } from './labels.ts';
import { PhrasePanel } from './phrase-panel.tsx';

/** How the page hands this panel the socket's events and reconnects. */
export interface ConversationRoutes {
  onLine(event: ConversationLineEvent): void;
  onProgress(event: TranslatorProgressEvent): void;
  reload(): void;
}

export interface ConversationPanelProps {
  conversationId: string;
  api: TranslatorApi;
  status: TranslatorStatus | null;
  phrasebook: Phrasebook | null;
  routes: MutableRef<ConversationRoutes | null>;
  onClose(): void;
}

// Each language by its own name, as in every language list of the translator.
const named = languageLabel;
const HIGHLIGHTS = { untranslated: 'word-untranslated', allergen: 'word-allergen' };
const allergenTitle = (allergen: string) => `Allergen: ${allergen}`;

export function ConversationPanel(props: ConversationPanelProps) {
  const conversation = useConversation({
    api: props.api,
    viewer: 'staff',
    load: () => props.api.conversation(props.conversationId),
    loadKey: props.conversationId,
    sendsSpeaker: true,
  });
  useEffect(() => {
    props.routes.current = { onLine: conversation.onLine, onProgress: conversation.onProgress, reload: conversation.reload };
    return () => {
      props.routes.current = null;
    };
  }, []);

  const [detectGuest, setDetectGuest] = useState(false);
  const [draft, setDraft] = useState('');
  const [guestTyping, setGuestTyping] = useState(false);
  const current = conversation.conversation;
  const speechLanguages = props.status?.speechLanguages ?? [];
  const speechFor = (language: string) => (speechLanguages.includes(language) ? language : 'auto');
  const off = props.status?.ready !== true || !current;
  const guestTalk = useHoldToTalk((wav) => current && conversation.sendSpeech(wav, 'guest', detectGuest ? 'auto' : speechFor(current.guestLanguage)), off);
  const staffTalk = useHoldToTalk((wav) => current && conversation.sendSpeech(wav, 'staff', speechFor(current.staffLanguage)), off);

  if (!current) {
    return (
      <section class="panel translator-panel" aria-busy={conversation.loading}>
        {conversation.loadError ? (
          <>
            <p class="form-error" role="alert">
              {describeError(conversation.loadError)}
            </p>
            <div class="panel-actions">
              <button type="button" class="btn" onClick={conversation.reload}>
                Try again
              </button>
              <button type="button" class="btn btn-quiet" onClick={props.onClose}>
                Close
              </button>
            </div>
          </>
        ) : (
          <p class="muted">Opening the conversation…</p>
        )}
      </section>
    );
  }

  const send = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    conversation.sendText(text, guestTyping ? 'guest' : 'staff');
    setDraft('');
  };

  return (
    <section class="panel translator-panel" aria-labelledby="conversation-title" data-testid="conversation-panel" data-conversation-id={current.id}>
      <div class="panel-head">
        <div>
          <h2 id="conversation-title">{conversationTitle(current)}</h2>
          <p class="muted small">
            Guest speaks {named(current.guestLanguage)} · you speak {named(current.staffLanguage)}
          </p>
        </div>
        <button type="button" class="btn btn-quiet" onClick={props.onClose} aria-label="Close the conversation">
          Close
        </button>
      </div>

      <Lines lines={conversation.lines} pending={conversation.pending} onRetry={conversation.retry} onDismiss={conversation.dismiss} />

      <div class="talk-buttons">
        <TalkButton talk={guestTalk} testId="talk-guest" label="Guest speaks" detail={detectGuest ? 'language detected' : named(current.guestLanguage)} />
        <TalkButton talk={staffTalk} testId="talk-staff" label="I speak" detail={named(current.staffLanguage)} />
      </div>
      <label class="detect-toggle small">
        <input type="checkbox" checked={detectGuest} onChange={(event) => setDetectGuest(event.currentTarget.checked)} />
        Detect the guest's language (when it is not {named(current.guestLanguage)})
      </label>
      <p class="muted small">Hold a button while the person speaks and let go when they finish. Keyboard: hold Space, or press Enter to start and again to stop.</p>

      <form class="reply" onSubmit={send}>
        <label class="field reply-field">
          {guestTyping ? `The guest types (${named(current.guestLanguage)})` : 'Reply'}
          <span class="reply-row">
            <input
              type="text"
              dir="auto"
              maxLength={MAX_LINE_TEXT}
              autoComplete="off"
              value={draft}
              placeholder={guestTyping ? 'The guest types here…' : 'Type a reply; the guest reads it in their language'}
              onInput={(event) => setDraft(event.currentTarget.value)}
              data-testid="reply-text"
            />
            <button type="submit" class="btn btn-primary" disabled={!draft.trim()} data-testid="reply-send">
              Send
            </button>
          </span>
        </label>
        <label class="detect-toggle small">
          <input type="checkbox" checked={guestTyping} onChange={(event) => setGuestTyping(event.currentTarget.checked)} data-testid="guest-typing" />
          The guest is typing on this tablet
        </label>
      </form>

      {props.phrasebook && (
        <PhrasePanel
          phrasebook={props.phrasebook}
          staffLanguage={current.staffLanguage}
          guestLanguage={current.guestLanguage}
          onSend={(phrase, values, preview, speaker) => conversation.sendPhrase(phrase.id, values, preview, speaker)}
        />
      )}
    </section>
  );
}

function TalkButton(props: { talk: HoldToTalk; testId: string; label: string; detail: string }) {
  const { talk } = props;
  const note = talk.problem ? MICROPHONE_PROBLEMS[talk.problem] : talk.hint === 'too-short' ? 'Hold the button while speaking.' : talk.hint === 'auto-stopped' ? 'Stopped at 30 s: hold again to go on.' : null;
  return (
    <div class="talk-slot">
      <button
        {...talk.buttonProps}
        class={`hold-button hold-${talk.state}`}
        aria-label={`${props.label}: hold to talk`}
        data-testid={props.testId}
        data-state={talk.state}
      >
        <span class="hold-label">{props.label}</span>
        <span class="hold-detail">
          {talk.state === 'recording' ? `Listening… ${formatElapsed(talk.elapsedMs)}` : talk.state === 'starting' ? 'Opening the microphone…' : props.detail}
        </span>
        {talk.state === 'recording' && <span class="hold-level" style={{ transform: `scaleX(${talk.level.toFixed(2)})` }} aria-hidden="true" />}
      </button>
      {note && (
        <p class={talk.problem ? 'form-error small' : 'form-note small'} role={talk.problem ? 'alert' : 'status'}>
          {note}
        </p>
      )}
    </div>
  );
}

function Lines(props: { lines: LineView[]; pending: PendingView[]; onRetry(id: string): void; onDismiss(id: string): void }) {
  const list = useRef<HTMLOListElement>(null);
  const count = props.lines.length + props.pending.length;
  // A pending line grows when it fails (reason and buttons): keep that in view too.
  const shape = `${count}:${props.pending.map((item) => item.phase).join()}`;
  // The newest line in view, scrolling the list only (the page stays where the reply box is).
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [shape]);
  if (count === 0) {
    return <p class="muted conversation-empty">Nothing said yet. Hold a button, tap a phrase or type a reply.</p>;
  }
  return (
    <ol class="conversation-lines" aria-live="polite" aria-label="Conversation" ref={list} tabIndex={0}>
      {props.lines.map((line) => (
        <Line key={line.id} line={line} />
      ))}
      {props.pending.map((item) => (
        <li key={item.id} class={`conversation-line line-${item.speaker} line-pending`} data-testid="pending-line" data-speaker={item.speaker} data-phase={item.phase}>
          <span class="line-meta">{pendingLabel(item)}</span>
          {item.preview && (
            <span class="line-main" dir="auto">
              {item.preview}
            </span>
          )}
          {item.phase === 'recognising' && (
            <span class="line-progress" aria-hidden="true">
              <span style={{ width: `${item.progress}%` }} />
            </span>
          )}
          {item.error && (
            <span class="form-error" role="alert">
              {sendErrorLabel(item.error)}
            </span>
          )}
          {item.error && item.local && (
            <span class="panel-actions">
              {item.error.retriable && (
                <button type="button" class="btn btn-small" onClick={() => props.onRetry(item.id)}>
                  Try again
                </button>
              )}
              <button type="button" class="btn btn-small btn-quiet" onClick={() => props.onDismiss(item.id)}>
                Dismiss
              </button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * One line. A partial translation is flagged, not set in bold as if complete, and shows the guest's own
 * words beside it; untranslated words and allergen words (in either language) are highlighted.
 */
function Line({ line }: { line: LineView }) {
  const highlight = (text: string, untranslatedWords: readonly string[]) => (
    <HighlightedText
      segments={lineSegments(text, { untranslatedWords, languages: line.languages })}
      classes={HIGHLIGHTS}
      allergenTitle={allergenTitle}
      untranslatedTitle="Not translated"
    />
  );
  return (
    <li
      class={`conversation-line line-${line.speaker} ${line.partial ? 'line-partial' : ''}`}
      data-testid="conversation-line"
      data-speaker={line.speaker}
      data-line-id={line.id}
      data-partial={line.partial ? 'true' : undefined}
    >
      <span class="line-meta">
        {line.speaker === 'guest' ? 'Guest' : 'Staff'} · {clockTime(line.createdAt)}
        {line.source === 'phrase' && ' · phrase'}
      </span>
      <span class="line-texts">
        <span class="line-main" lang={line.main.language} dir="auto">
          {highlight(line.main.text, line.own ? [] : line.untranslatedWords)}
        </span>
        {line.original && (
          <span class="line-original" lang={line.original.language} dir="auto" data-testid="line-original">
            {highlight(line.original.text, [])}
          </span>
        )}
      </span>
      {line.partial && (
        <span class="line-flag" data-testid="line-partial">
          {line.own ? 'Partly translated: the guest sees the marked words as you said them' : 'Partly translated: check the guest’s own words beside it'}
        </span>
      )}
      {line.untranslated && <span class="line-flag">{line.own ? 'Not translated: the guest sees these words as they are' : 'Not translated'}</span>}
    </li>
  );
}
