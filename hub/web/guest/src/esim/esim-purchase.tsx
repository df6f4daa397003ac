/**
 * One eSIM the guest bought: where it stands (the hub's notice in the guest's language, with the wait
 * running while it is on its way), cancel and the way to the bill while it is unpaid, and once
 * delivered how to install it and how much data is left.
 */
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import { useMemo, useState } from 'preact/hooks';
import { Icon } from '../components/icons.tsx';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';
import { EsimInstall } from './esim-install.tsx';
import { formatDataMb, formatDays, waitClock } from './esim-rules.ts';
import { useNow, type EsimState } from './use-esim.ts';

/** The notice keys of shared/src/esim/purchase-lifecycle.ts (`buyerNotice`), as this page words them. */
const NOTICES: Record<string, readonly [MessageKey, MessageKey]> = {
  'esim.awaiting_payment': ['esimAwaitingTitle', 'esimAwaitingBody'],
  'esim.on_its_way': ['esimOnItsWayTitle', 'esimOnItsWayBody'],
  'esim.delayed': ['esimDelayedTitle', 'esimDelayedBody'],
  'esim.ready': ['esimReadyTitle', 'esimReadyBody'],
  'esim.refunded': ['esimRefundedTitle', 'esimRefundedBody'],
  'esim.cancelled': ['esimCancelledTitle', 'esimCancelledBody'],
};

/** The notice in the guest's language; a key this page does not know yet keeps the hub's English. */
export function noticeText(notice: EsimPurchase['notice'], t: Translate): { title: string; body: string } {
  const keys = NOTICES[notice.key];
  return keys ? { title: t(keys[0]), body: t(keys[1]) } : { title: notice.title, body: notice.body };
}

const TONES: Partial<Record<EsimPurchase['status'], string>> = { delivered: 'ok', needs_person: 'warn', refunded: 'warn', cancelled: 'warn' };

export interface EsimPurchaseScreenProps {
  purchase: EsimPurchase;
  esim: EsimState;
  /** Back to the packages; absent on the thank-you screen. */
  onBack?: () => void;
  onShowBill?: () => void;
}

export function EsimPurchaseScreen(props: EsimPurchaseScreenProps) {
  const { t, money } = useLocale();
  const { purchase, esim } = props;
  const numberLocale = t('numberLocale');
  const notice = noticeText(purchase.notice, t);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState(false);

  const cancel = async () => {
    setCancelling(true);
    // Cancelled, the notice says so; refused (paid meanwhile), the purchase is read again and shows what it is.
    setProblem(!(await esim.cancel(purchase.id)));
    setCancelling(false);
  };

  return (
    <div class="esim-view" data-testid="esim-purchase" data-status={purchase.status}>
      {props.onBack && (
        <button type="button" class="back-link" onClick={props.onBack} data-testid="esim-back">
          <Icon name="back" class="back-link__icon" />
          <span>{t('esimBackToList')}</span>
        </button>
      )}
      <header>
        <h2 class="esim-view__title">{purchase.title}</h2>
        <p class="esim-hint">
          {purchase.unlimited || purchase.dataMb === null ? t('esimUnlimited') : formatDataMb(purchase.dataMb, numberLocale)} · {formatDays(purchase.days, numberLocale)} ·{' '}
          {money(purchase.priceMinor, purchase.currency)}
        </p>
      </header>

      <div class={`esim-notice esim-notice--${TONES[purchase.status] ?? 'neutral'}`} role="status" data-testid="esim-notice">
        <p class="esim-notice__title">
          {purchase.notice.waitedMs !== null && <span class="spinner spinner--small" aria-hidden="true" />}
          <span>{notice.title}</span>
        </p>
        <p class="esim-notice__body">{notice.body}</p>
        {purchase.notice.waitedMs !== null && <WaitClock waitedMs={purchase.notice.waitedMs} />}
      </div>

      {purchase.status === 'awaiting_payment' && (
        <div class="esim-actions">
          {props.onShowBill && (
            <button type="button" class="button button--primary button--block" onClick={props.onShowBill} data-testid="esim-pay-bill">
              {t('esimGoToBill')}
            </button>
          )}
          <button type="button" class="button button--secondary button--block" disabled={cancelling} onClick={() => void cancel()} data-testid="esim-cancel">
            {t('esimCancel')}
          </button>
          {problem && (
            <p class="esim-problem" role="alert">
              {t('requestFailed')}
            </p>
          )}
        </div>
      )}

      {purchase.status === 'delivered' && <EsimInstall purchase={purchase} esim={esim} />}
    </div>
  );
}

/** The wait so far, running: it starts from what the hub measured (its clock), counted on the phone's. */
function WaitClock(props: { waitedMs: number }) {
  const { t } = useLocale();
  const since = useMemo(() => Date.now() - props.waitedMs, [props.waitedMs]);
  const now = useNow(1000, true);
  return (
    <p class="esim-notice__wait" data-testid="esim-wait">
      <span>{t('esimWaitingFor')}</span> <time dir="ltr">{waitClock(now - since)}</time>
    </p>
  );
}
