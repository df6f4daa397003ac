/**
 * The running conversation as the guest reads it: their own words as said; staff lines in the guest's
 * language, big, with the staff's words small beneath; lines on their way with their progress.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LineView, PendingView } from '../../../common/translator/conversation-state.ts';
import { HighlightedText } from '../../../common/translator/highlighted-text.tsx';
import { lineSegments } from '../../../common/translator/line-highlights.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';
import { sendErrorText } from './talk-messages.ts';

export function TalkLines(props: { lines: LineView[]; pending: PendingView[]; speech: boolean; onRetry(id: string): void; onDismiss(id: string): void }) {
  const { t } = useLocale();
  const end = useRef<HTMLLIElement>(null);
  const count = props.lines.length + props.pending.length;
  // A pending line grows when it fails (reason and buttons): keep that in view too.
  const shape = `${count}:${props.pending.map((item) => item.phase).join()}`;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shape]);

  if (count === 0) return <p class="talk__intro">{props.speech ? t('talkIntro') : t('talkIntroNoSpeech')}</p>;

  return (
    <ol class="talk-lines" aria-live="polite" aria-label={t('talkToStaff')}>
      {props.lines.map((line) => (
        <TalkLine key={line.id} line={line} />
      ))}
      {props.pending.map((item) => (
        <li
          key={item.id}
          class={`talk-line ${item.own ? 'talk-line--own' : 'talk-line--other'} talk-line--pending`}
          data-testid="pending-line"
          data-speaker={item.speaker}
          data-phase={item.phase}
        >
          <span class="talk-line__who">{item.own ? t('talkYou') : t('talkStaff')}</span>
          {item.preview && (
            <p class="talk-line__main" dir="auto">
              {item.preview}
            </p>
          )}
          <PendingStatus item={item} />
          {item.error && item.local && (
            <div class="talk-line__actions">
              {item.error.retriable && (
                <button type="button" class="button button--secondary talk-line__action" onClick={() => props.onRetry(item.id)}>
                  {t('talkRetry')}
                </button>
              )}
              <button type="button" class="button button--secondary talk-line__action" onClick={() => props.onDismiss(item.id)}>
                {t('talkDismiss')}
              </button>
            </div>
          )}
        </li>
      ))}
      <li ref={end} class="talk-lines__end" aria-hidden="true" />
    </ol>
  );
}

const HIGHLIGHTS = { untranslated: 'talk-word--untranslated', allergen: 'talk-word--allergen' };

/**
 * One line. A partly translated staff line is flagged and not set large as if complete; the staff's own
 * words stand beside it, and untranslated and allergen words are highlighted.
 */
function TalkLine({ line }: { line: LineView }) {
  const { t } = useLocale();
  const highlight = (text: string, untranslatedWords: readonly string[]) => (
    <HighlightedText
      segments={lineSegments(text, { untranslatedWords, languages: line.languages })}
      classes={HIGHLIGHTS}
      allergenTitle={(allergen) => t(`allergen_${allergen}` as MessageKey)}
      untranslatedTitle={t('talkUntranslated')}
    />
  );
  return (
    <li
      class={`talk-line ${line.own ? 'talk-line--own' : 'talk-line--other'} ${line.partial ? 'talk-line--partial' : ''}`}
      data-testid="conversation-line"
      data-speaker={line.speaker}
      data-line-id={line.id}
      data-partial={line.partial ? 'true' : undefined}
    >
      <span class="talk-line__who">{line.own ? t('talkYou') : t('talkStaff')}</span>
      <p class="talk-line__main" lang={line.main.language} dir="auto">
        {highlight(line.main.text, line.own ? [] : line.untranslatedWords)}
      </p>
      {line.original && (
        <p class="talk-line__original" lang={line.original.language} dir="auto" data-testid="line-original">
          {highlight(line.original.text, [])}
        </p>
      )}
      {line.partial && (
        <span class="talk-line__flag" data-testid="line-partial">
          {line.own ? t('talkPartialOwn') : t('talkPartial')}
        </span>
      )}
      {line.untranslated && !line.own && <span class="talk-line__flag">{t('talkUntranslated')}</span>}
    </li>
  );
}

function PendingStatus({ item }: { item: PendingView }) {
  const { t } = useLocale();
  if (item.phase === 'failed' && item.error) {
    return (
      <p class="talk-line__error" role="alert">
        {sendErrorText(item.error, t)}
      </p>
    );
  }
  const text = !item.own
    ? t('talkStaffSpeaking')
    : item.phase === 'queued'
      ? t('talkQueued', { n: item.position })
      : item.phase === 'recognising'
        ? t('talkRecognising', { percent: item.progress })
        : t('talkSending');
  return (
    <p class="talk-line__status">
      <span class="spinner spinner--small" aria-hidden="true" />
      <span>{text}</span>
      {item.phase === 'recognising' && (
        <span class="talk-line__progress" aria-hidden="true">
          <span style={{ width: `${item.progress}%` }} />
        </span>
      )}
    </p>
  );
}
