import { useState } from 'preact/hooks';
import { Receipt } from '../bill/receipt.tsx';
import { ClosedEsims } from '../esim/esim-entry.tsx';
import { useLocale } from '../locale-context.ts';
import type { GuestSession } from '../session.ts';
import { StatusScreen } from './status-screen.tsx';

/**
 * The thank-you screen of a visit that closed (staff closed it, or its last payment did), with the
 * eSIMs it bought (one paid with the bill usually arrives after the close) and its e-receipt when the
 * hub had a bill for it. What the guest had not sent yet stays on the phone and goes nowhere by
 * itself: only "Start a new order", confirmed, opens a new visit (and only then does a kept order go
 * to the kitchen, which the confirmation says).
 */
export function ClosedScreen(props: { session: GuestSession | null; cartCount: number; unsentCount: number; onStart: () => void }) {
  const { t } = useLocale();
  const [confirming, setConfirming] = useState(false);
  return (
    <StatusScreen icon="check" tone="ok" title={t('closedTitle')} body={t('closedBody')}>
      {props.session && <ClosedEsims session={props.session} />}
      {props.session && <Receipt session={props.session} />}
      {(props.cartCount > 0 || props.unsentCount > 0) && (
        <ul class="screen__kept" data-testid="kept">
          {props.unsentCount > 0 && <li>{t('keptUnsent', { n: props.unsentCount })}</li>}
          {props.cartCount > 0 && <li>{t('keptCart', { n: props.cartCount })}</li>}
        </ul>
      )}
      {confirming ? (
        <div class="screen__confirm" role="group" aria-label={t('startAgain')}>
          <p class="screen__body">{props.unsentCount > 0 ? t('startConfirmUnsent') : t('startConfirm')}</p>
          <div class="screen__actions">
            <button type="button" class="button button--secondary" onClick={() => setConfirming(false)}>
              {t('notNow')}
            </button>
            <button type="button" class="button button--primary" onClick={props.onStart} data-testid="confirm-start">
              {t('startYes')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="button button--secondary" onClick={() => setConfirming(true)} data-testid="start-again">
          {t('startAgain')}
        </button>
      )}
    </StatusScreen>
  );
}
