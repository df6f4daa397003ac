/** The big hold-to-talk button at the bottom of the guest's screen, with its meter, clock and hints. */
import { formatElapsed, type HoldToTalk } from '../../../common/translator/use-hold-to-talk.ts';
import { useLocale } from '../locale-context.ts';
import { microphoneText } from './talk-messages.ts';

export function TalkButton({ talk }: { talk: HoldToTalk }) {
  const { t } = useLocale();
  const note = talk.problem
    ? { text: microphoneText(talk.problem, t), tone: 'problem' }
    : talk.hint === 'too-short'
      ? { text: t('talkTooShort'), tone: 'hint' }
      : talk.hint === 'auto-stopped'
        ? { text: t('talkAutoStopped'), tone: 'hint' }
        : null;
  const label =
    talk.state === 'recording' ? t('talkListening', { time: formatElapsed(talk.elapsedMs) }) : talk.state === 'starting' ? t('talkStarting') : t('talkHold');

  return (
    <div class="talk-bar">
      {note && (
        <p class={`talk-bar__note talk-bar__note--${note.tone}`} role={note.tone === 'problem' ? 'alert' : 'status'} data-testid="talk-note">
          {note.text}
        </p>
      )}
      <button
        {...talk.buttonProps}
        class={`talk-button talk-button--${talk.state}`}
        aria-label={t('talkHold')}
        aria-describedby="talk-help"
        data-testid="talk"
        data-state={talk.state}
      >
        <svg class="talk-button__icon" width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" aria-hidden="true">
          <path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
        </svg>
        <span class="talk-button__label" aria-hidden="true">
          {label}
        </span>
        {talk.state === 'recording' && <span class="talk-button__level" style={{ transform: `scaleX(${talk.level.toFixed(2)})` }} aria-hidden="true" />}
      </button>
      <p id="talk-help" class="visually-hidden">
        {t('talkHoldHelp')}
      </p>
    </div>
  );
}
