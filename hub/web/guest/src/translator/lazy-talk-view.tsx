/**
 * The guest home's door to the translator: the "Talk to staff" button (always in the bundle, it is small)
 * and the conversation view, fetched as its own chunk the first time the guest opens it.
 */
import { useEffect, useState } from 'preact/hooks';
import { StatusScreen } from '../components/status-screen.tsx';
import { useLocale } from '../locale-context.ts';
import type { TalkViewProps } from './talk-view.tsx';
import '../components/service-door.css';

type TalkModule = typeof import('./talk-view.tsx');
let loading: Promise<TalkModule> | null = null;

function loadTalkView(): Promise<TalkModule> {
  loading ??= import('./talk-view.tsx').catch((error: unknown) => {
    loading = null; // a Wi-Fi blip must not break the door for good
    throw error;
  });
  return loading;
}

export function LazyTalkView(props: TalkViewProps) {
  const { t } = useLocale();
  const [module, setModule] = useState<TalkModule | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    loadTalkView().then(
      (loaded) => !cancelled && setModule(loaded),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (module) return <module.TalkView {...props} />;
  if (!failed) return <StatusScreen busy title={t('talkLoading')} />;
  return (
    <StatusScreen icon="alert" tone="warn" title={t('talkLoadError')} body={t('unreachableBody')}>
      <button type="button" class="button button--secondary" onClick={() => setAttempt((n) => n + 1)}>
        {t('tryAgain')}
      </button>
    </StatusScreen>
  );
}

export function TalkEntry(props: { unseen: number; onOpen(): void }) {
  const { t } = useLocale();
  return (
    <button type="button" class="service-door" onClick={props.onOpen} data-testid="open-translator">
      <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="M4 5h11a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM17 9h3a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-1v3l-4-3h-3" />
      </svg>
      <span class="service-door__text">
        <span class="service-door__title">{t('talkToStaff')}</span>
        <span class="service-door__hint">{t('talkToStaffHint')}</span>
      </span>
      {props.unseen > 0 && (
        <span class="badge" aria-label={t('talkNewMessage')} data-testid="talk-unseen">
          {props.unseen}
        </span>
      )}
    </button>
  );
}
