import type { ApiClient } from '@onemoment/shared/client/api-client';
import { useState } from 'preact/hooks';
import { useLocale } from '../locale-context.ts';
import type { RequestKind } from '../types.ts';
import { Icon } from './icons.tsx';
import { Sheet } from './sheet.tsx';

/** "Call the waiter" and "Ask for the bill": a confirmation first, then a word that it reached the staff. */
export function ServiceButtons(props: { api: ApiClient; notify: (text: string, tone?: 'ok' | 'error') => void }) {
  const { t } = useLocale();
  const [asking, setAsking] = useState<RequestKind | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (kind: RequestKind) => {
    setBusy(true);
    try {
      await props.api.post('/api/guest/requests', { kind });
      props.notify(kind === 'waiter' ? t('waiterCalled') : t('billAsked'), 'ok');
      setAsking(null);
    } catch {
      props.notify(t('requestFailed'), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="service">
        <button type="button" class="service__button" onClick={() => setAsking('waiter')} data-testid="call-waiter">
          <Icon name="bell" />
          <span>{t('callWaiter')}</span>
        </button>
        <button type="button" class="service__button" onClick={() => setAsking('bill')} data-testid="ask-bill">
          <Icon name="receipt" />
          <span>{t('askBill')}</span>
        </button>
      </div>
      {asking && (
        <Sheet
          title={asking === 'waiter' ? t('confirmWaiter') : t('confirmBill')}
          label={asking === 'waiter' ? t('callWaiter') : t('askBill')}
          onClose={() => setAsking(null)}
          footer={
            <div class="sheet-actions">
              <button type="button" class="button button--secondary button--grow" onClick={() => setAsking(null)}>
                {t('cancel')}
              </button>
              <button type="button" class="button button--primary button--grow" disabled={busy} onClick={() => void send(asking)} data-testid="confirm-request">
                {t('confirmYes')}
              </button>
            </div>
          }
        >
          <div class="confirm-icon">
            <Icon name={asking === 'waiter' ? 'bell' : 'receipt'} size={40} />
          </div>
        </Sheet>
      )}
    </>
  );
}
