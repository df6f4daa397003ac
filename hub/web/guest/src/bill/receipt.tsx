/**
 * The e-receipt on the thank-you screen: the bill of the visit that just closed, read with the visit's
 * own token (the hub answers it for some hours after the close) and kept on the phone, so a reload, or
 * no Wi-Fi, still shows it with the time it was read.
 */
import { createApiClient } from '@onemoment/shared/client/api-client';
import type { BillView } from '@onemoment/shared/schemas/payments';
import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../components/icons.tsx';
import { useLocale } from '../locale-context.ts';
import type { GuestSession } from '../session.ts';
import { BillBreakdown } from './bill-breakdown.tsx';
import './bill.css';
import { keepBill, keptBill, type KeptBill } from './bill-memory.ts';

export function Receipt({ session }: { session: GuestSession }) {
  const { t, time } = useLocale();
  const [kept, setKept] = useState<KeptBill | null>(() => keptBill(session.tableCode, session.visitId));
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    let cancelled = false;
    createApiClient({ token: () => session.token })
      .get<BillView>('/api/guest/bill')
      .then(
        (bill) => {
          if (cancelled || bill.visitId !== session.visitId) return;
          const at = new Date().toISOString();
          keepBill(session.tableCode, bill, at);
          setKept({ bill, at });
          setFresh(true);
        },
        () => undefined, // past the hub's receipt hours, or no Wi-Fi: what the phone kept stands
      );
    return () => {
      cancelled = true;
    };
  }, [session.token]);

  if (!kept || (kept.bill.lines.length === 0 && kept.bill.payments.length === 0)) return null;
  const lastPayment = kept.bill.payments[kept.bill.payments.length - 1];
  return (
    <section class="receipt" aria-label={t('receiptTitle')} data-testid="receipt">
      <header class="receipt__head">
        <h2 class="receipt__title">
          <Icon name="receipt" size={20} />
          {t('receiptTitle')}
        </h2>
        <span class="receipt__where">
          {kept.bill.tableName}
          {lastPayment && ` · ${time(lastPayment.createdAt)}`}
        </span>
      </header>
      {!fresh && <p class="receipt__as-of">{t('billAsOf', { time: time(kept.at) })}</p>}
      <BillBreakdown bill={kept.bill} />
    </section>
  );
}
