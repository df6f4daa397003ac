import { useState } from 'preact/hooks';
import { latestCalls } from '../calls-state.ts';
import { useLocale } from '../locale-context.ts';
import type { GuestCall, RequestKind } from '../types.ts';
import { Icon } from './icons.tsx';
import { Sheet } from './sheet.tsx';

/**
 * "Call the waiter" and "Ask for the bill": a confirmation first, then a word that it reached the
 * staff, and a line under the buttons that stays: when it was asked, then that staff are coming.
 */
export function ServiceButtons(props: {
  calls: readonly GuestCall[];
  send: (kind: RequestKind) => Promise<unknown>;
  /** The request reached the staff (the page then shows the bill, when it can). */
  onSent?: (kind: RequestKind) => void;
  notify: (text: string, tone?: 'ok' | 'error') => void;
}) {
  const { t } = useLocale();
  const [asking, setAsking] = useState<RequestKind | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (kind: RequestKind) => {
    setBusy(true);
    try {
      await props.send(kind);
      props.notify(kind === 'waiter' ? t('waiterCalled') : t('billAsked'), 'ok');
      setAsking(null);
      props.onSent?.(kind);
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
      <CallTraces calls={props.calls} />
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

function CallTraces(props: { calls: readonly GuestCall[] }) {
  const { t, time } = useLocale();
  const shown = latestCalls(props.calls);
  if (shown.length === 0) return null;
  return (
    <ul class="call-traces" aria-live="polite">
      {shown.map((call) => {
        const seen = call.acknowledgedAt !== null;
        const text = seen
          ? t(call.kind === 'waiter' ? 'waiterComing' : 'billComing')
          : t(call.kind === 'waiter' ? 'waiterCalledAt' : 'billAskedAt', { time: time(call.createdAt) });
        return (
          <li key={call.id} class={seen ? 'call-trace call-trace--seen' : 'call-trace'} data-testid={`call-trace-${call.kind}`} data-seen={seen}>
            <Icon name={seen ? 'check' : 'clock'} size={16} />
            <span>{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
