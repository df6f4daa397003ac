import { useLocale } from '../locale-context.ts';
import { Icon } from './icons.tsx';

export interface Notice {
  id: number;
  text: string;
  tone: 'ok' | 'error' | 'info';
}

/** Short messages above the cart bar; they leave by themselves and can be dismissed. */
export function Notices(props: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  const { t } = useLocale();
  return (
    <div class="notices" role="status" aria-live="polite">
      {props.notices.map((notice) => (
        <div key={notice.id} class={`notice notice--${notice.tone}`}>
          <Icon name={notice.tone === 'error' ? 'alert' : notice.tone === 'ok' ? 'check' : 'clock'} size={18} />
          <span class="notice__text">{notice.text}</span>
          <button type="button" class="icon-button icon-button--quiet" aria-label={t('close')} onClick={() => props.onDismiss(notice.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
