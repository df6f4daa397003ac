/**
 * A bill laid out as a receipt: the dishes, discounts, service, tax (contained in the prices, or added),
 * the total, the payments with their tips, and what is still due. The bill view and the thank-you
 * screen's e-receipt both show it.
 */
import type { BillView, Payment } from '@onemoment/shared/schemas/payments';
import { Icon } from '../components/icons.tsx';
import { useLocale } from '../locale-context.ts';

/** A line's name in the guest's language when the page knows the order item; else the hub's. */
export type LineName = (line: Pick<BillView['lines'][number], 'itemId' | 'name'>) => string;

export function BillBreakdown({ bill, lineName }: { bill: BillView; lineName?: LineName }) {
  const { t, money, percent } = useLocale();
  const m = (minor: number) => money(minor, bill.currency);
  const adjusted = bill.discounts.length > 0 || bill.serviceChargeMinor > 0 || bill.taxAddedMinor > 0;
  return (
    <div class="bill-breakdown" data-testid="bill-breakdown">
      <ul class="bill-lines">
        {bill.lines.map((line) => (
          <li key={line.itemId} class="bill-line">
            <span class="bill-line__qty">{line.quantity}×</span>
            <span class="bill-line__name">{lineName ? lineName(line) : line.name}</span>
            <span class="bill-line__amount">{m(line.totalMinor)}</span>
          </li>
        ))}
      </ul>
      <dl class="bill-sums">
        {adjusted && <Row label={t('billSubtotal')} value={m(bill.subtotalMinor)} />}
        {bill.discounts.map((discount) => (
          <Row
            key={discount.id}
            label={discount.kind === 'percent' && discount.rateBp !== null ? t('billDiscountRate', { rate: percent(discount.rateBp) }) : t('billDiscount')}
            value={`−${m(discount.amountMinor)}`}
            tone="ok"
          />
        ))}
        {bill.serviceChargeMinor > 0 && <Row label={t('billService', { rate: percent(bill.serviceChargeBp) })} value={m(bill.serviceChargeMinor)} />}
        {bill.taxMode === 'added' &&
          bill.taxLines.map((line) => <Row key={line.rateBp} label={t('billTaxAdded', { rate: percent(line.rateBp) })} value={m(line.taxMinor)} />)}
        <Row label={t('billTotal')} value={m(bill.totalMinor)} strong testId="bill-total" />
        {bill.taxMode === 'included' &&
          bill.taxLines.map((line) => <Row key={line.rateBp} label={t('billTaxIncluded', { rate: percent(line.rateBp) })} value={m(line.taxMinor)} quiet testId="bill-tax" />)}
      </dl>
      {bill.payments.length > 0 && (
        <>
          <h3 class="section-label bill-breakdown__label">{t('billPayments')}</h3>
          <ul class="bill-payments" data-testid="bill-payments">
            {bill.payments.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} />
            ))}
          </ul>
        </>
      )}
      <dl class="bill-sums">
        {bill.tipsMinor > 0 && <Row label={t('billTips')} value={m(bill.tipsMinor)} />}
        {bill.paidMinor > 0 && <Row label={t('billPaid')} value={m(bill.paidMinor)} testId="bill-paid" />}
        {bill.writtenOffMinor > 0 && <Row label={t('billWrittenOff')} value={m(bill.writtenOffMinor)} />}
        {bill.dueMinor > 0 && <Row label={t('billDue')} value={m(bill.dueMinor)} strong testId="bill-due" />}
      </dl>
      {bill.owedBackMinor > 0 && (
        <p class="bill-note bill-note--warn" data-testid="bill-owed-back">
          {t('billOwedBack', { amount: m(bill.owedBackMinor) })}
        </p>
      )}
    </div>
  );
}

function Row(props: { label: string; value: string; strong?: boolean; quiet?: boolean; tone?: 'ok'; testId?: string }) {
  const classes = ['bill-sum', props.strong && 'bill-sum--strong', props.quiet && 'bill-sum--quiet', props.tone && `bill-sum--${props.tone}`].filter(Boolean).join(' ');
  return (
    <div class={classes} data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

function PaymentRow({ payment }: { payment: Payment }) {
  const { t, money, time } = useLocale();
  const method = payment.method === 'cash' ? t('methodCash') : payment.method === 'card' ? t('methodCard') : payment.method === 'room' ? t('methodRoom') : t('methodTon');
  return (
    <li class="bill-payment" data-method={payment.method}>
      <Icon name="check" size={16} />
      <span class="bill-payment__what">
        <span>
          {method}
          {payment.last4 && ` ·${payment.last4}`}
        </span>
        <span class="bill-payment__time">{time(payment.createdAt)}</span>
        {payment.tipMinor > 0 && <span class="bill-payment__tip">{t('billTipOf', { amount: money(payment.tipMinor, payment.currency) })}</span>}
      </span>
      <span class="bill-payment__amount">{money(payment.amountMinor + payment.tipMinor, payment.currency)}</span>
    </li>
  );
}
