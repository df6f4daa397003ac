/**
 * Mobile data: travel eSIMs the venue sells through Airalo. The guest picks a package (it goes on the
 * bill), pays the bill, and installs the eSIM from the QR code or the codes shown here, or on the
 * thank-you screen when paying closed the visit. Loaded on demand (see esim-entry.tsx), so the menu
 * does not pay for it.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { StatusScreen } from '../components/status-screen.tsx';
import { useLocale } from '../locale-context.ts';
import { EsimPurchaseScreen } from './esim-purchase.tsx';
import { EsimShop } from './esim-shop.tsx';
import './esim.css';
import { useEsim, useOpenPurchase } from './use-esim.ts';

export interface EsimViewProps {
  api: ApiClient;
  /** Raised by the home page on each `esim.sale_changed` and after a resync. */
  changed: number;
  tableCode: string;
  visitId: string;
  notify: (text: string, tone?: 'ok' | 'error' | 'info') => void;
  onBack(): void;
  /** Opens the bill, where the eSIM is paid; absent while the page does not know it shows one. */
  onShowBill?: () => void;
}

export function EsimView(props: EsimViewProps) {
  const { t } = useLocale();
  const esim = useEsim(props.api, props.changed);
  const [openId, setOpenId] = useOpenPurchase(props.tableCode, props.visitId);
  const open = openId ? esim.purchases?.find((purchase) => purchase.id === openId) : undefined;
  useEffect(() => window.scrollTo({ top: 0 }), [openId]);
  // Coming back to a purchase cancelled since, the guest lands on the packages instead.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || !esim.purchases) return;
    landed.current = true;
    if (open?.status === 'cancelled') setOpenId(null);
  }, [esim.purchases]);

  if (!esim.packages || !esim.purchases) {
    if (!esim.failed) return <StatusScreen busy title={t('esimLoading')} />;
    return (
      <StatusScreen icon="alert" tone="warn" title={t('esimLoadError')} body={t('unreachableBody')}>
        <button type="button" class="button button--secondary" onClick={esim.reload}>
          {t('tryAgain')}
        </button>
      </StatusScreen>
    );
  }
  if (open) {
    return <EsimPurchaseScreen purchase={open} esim={esim} onBack={() => setOpenId(null)} onShowBill={props.onShowBill} />;
  }
  return <EsimShop esim={esim} notify={props.notify} onBack={props.onBack} onOpen={setOpenId} />;
}

/** How often the thank-you screen reads an eSIM on its way: a closed visit has no socket to hear it arrive. */
const AFTER_VISIT_POLL_MS = 3000;

/** The eSIMs of a visit that closed (paying the bill closes it, usually before the eSIM arrives). */
export function EsimAfterVisit(props: { api: ApiClient }) {
  const { t } = useLocale();
  const [reads, setReads] = useState(0);
  const esim = useEsim(props.api, reads, false);
  const bought = (esim.purchases ?? []).filter((purchase) => purchase.status !== 'cancelled');
  const waiting = bought.some((purchase) => purchase.notice.waitedMs !== null);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setReads((n) => n + 1), AFTER_VISIT_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting]);
  return (
    <section class="esim-after" data-testid="esim-after-visit">
      <h2 class="section-label">{t('esimYours')}</h2>
      {bought.map((purchase) => (
        <EsimPurchaseScreen key={purchase.id} purchase={purchase} esim={esim} />
      ))}
    </section>
  );
}
