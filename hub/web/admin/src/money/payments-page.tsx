/**
 * Payments (managers): the day's close, and the settings (billing, the TON wallet, TON payments that
 * need a person). /admin/payments is the day; /admin/payments/settings the settings.
 */
import type { LiveStore } from '../live-store.ts';
import { navigate } from '../router.ts';
import { DayClose } from './day-close.tsx';
import { BillingCard, TonWalletCard } from './payment-settings.tsx';
import { TonReview } from './ton-review.tsx';
import './money-pages.css';

export function PaymentsPage({ store, sub, currency }: { store: LiveStore; sub: string; currency: string }) {
  const settings = sub === 'settings';
  return (
    <div class="payments-page">
      <div class="page-head">
        <h1>{settings ? 'Payment settings' : 'Day close'}</h1>
        <div class="segmented" role="group" aria-label="Payments">
          <button type="button" aria-pressed={!settings} onClick={() => navigate('payments')}>
            Day close
          </button>
          <button type="button" aria-pressed={settings} onClick={() => navigate('payments', 'settings')}>
            Settings
          </button>
        </div>
      </div>
      {settings ? (
        <div class="settings-grid">
          <BillingCard />
          <TonWalletCard currency={currency} />
          <TonReview />
        </div>
      ) : (
        <DayClose store={store} />
      )}
    </div>
  );
}
