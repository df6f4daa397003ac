/**
 * Paying an invoice with TON: the amount in TON and what it is in the venue's money at the invoice's
 * rate, the comment that ties the transfer to this bill, a big "Open wallet" (the ton:// link opens the
 * wallet app on this phone), copy buttons for the three things a wallet asks, and the QR code of the
 * link for a wallet on another device. The status beside it moves live: waiting, paid, short (send the
 * rest with the same comment), more than asked, or expired (quote again: the rate moves).
 */
import type { TonInvoice } from '@onemoment/shared/schemas/payments';
import { Icon } from '../components/icons.tsx';
import { useLocale } from '../locale-context.ts';
import { copyText } from './copy-text.ts';
import { QrImage } from './qr-image.tsx';
import { linkWithAmount, minorPerTon, tonText } from './ton-format.ts';

export interface TonPayScreenProps {
  invoice: TonInvoice;
  online: boolean;
  busy: boolean;
  onRequote: () => void;
  onBack: () => void;
  /** The guest pays another way: the page forgets this invoice (the hub still matches a transfer that comes). */
  onForget: () => void;
  notify: (text: string, tone?: 'ok' | 'error' | 'info') => void;
}

export function TonPayScreen(props: TonPayScreenProps) {
  const { t, money, time, decimal } = useLocale();
  const invoice = props.invoice;
  const underpaid = invoice.status === 'underpaid';
  const payable = invoice.status === 'awaiting' || underpaid;
  // Nothing of it arrived: the guest may still choose cash, card or another amount.
  const nothingReceived = /^0+$/.test(invoice.receivedNanotons) && invoice.status !== 'paid' && invoice.status !== 'overpaid';
  // Short of the amount: what is asked for now is the rest, to the same address with the same comment.
  const askNanotons = underpaid ? invoice.remainingNanotons : invoice.nanotons;
  const link = underpaid ? linkWithAmount(invoice.link, invoice.remainingNanotons) : invoice.link;
  const rate = t('tonRate', { rate: money(minorPerTon(invoice.nanotonsPerMinor), invoice.currency), time: time(invoice.rateSetAt) });

  const copy = async (value: string) => {
    const copied = await copyText(value);
    props.notify(copied ? t('copied') : t('copyFailed'), copied ? 'ok' : 'error');
  };

  return (
    <div class="ton-pay" data-testid="ton-pay" data-status={invoice.status}>
      <button type="button" class="back-link" onClick={props.onBack} data-testid="ton-back">
        <Icon name="back" size={20} class="back-link__icon" />
        <span>{t('tonBack')}</span>
      </button>
      <h2 class="ton-pay__title">{t('payTonTitle')}</h2>

      <TonStatus invoice={invoice} busy={props.busy} online={props.online} onRequote={props.onRequote} onBack={props.onBack} />

      {payable && (
        <>
          <div class="ton-pay__amount">
            <span class="ton-pay__ton" data-testid="ton-amount">
              {tonText(askNanotons, decimal)} TON
            </span>
            <span class="ton-pay__fiat">
              {underpaid ? t('tonRestOf', { amount: money(invoice.amountMinor, invoice.currency) }) : money(invoice.amountMinor, invoice.currency)}
            </span>
            <span class="ton-pay__rate" data-testid="ton-rate">
              {rate}
            </span>
          </div>

          <a class="button button--primary button--block ton-pay__wallet" href={link} data-testid="ton-open-wallet">
            <Icon name="wallet" size={22} />
            <span>{underpaid ? t('tonOpenWalletRest') : t('tonOpenWallet')}</span>
          </a>
          <p class="ton-pay__hint">{t('tonExactly')}</p>

          <dl class="ton-fields">
            <CopyField label={t('tonAmount')} value={`${tonText(askNanotons)}`} shown={`${tonText(askNanotons, decimal)} TON`} onCopy={copy} testId="copy-amount" />
            <CopyField label={t('tonComment')} value={invoice.comment} onCopy={copy} testId="copy-comment" strong />
            <CopyField label={t('tonAddress')} value={invoice.address} onCopy={copy} testId="copy-address" mono />
          </dl>

          <figure class="ton-pay__qr">
            <QrImage text={link} label={t('tonQrLabel')} size={220} />
            <figcaption>{t('tonQrHint')}</figcaption>
          </figure>
          {invoice.status === 'awaiting' && <p class="ton-pay__expires">{t('tonHoldsUntil', { time: time(invoice.expiresAt) })}</p>}
        </>
      )}
      {nothingReceived && (
        <button type="button" class="button button--secondary button--block" onClick={props.onForget} data-testid="ton-other-way">
          {t('tonOtherWay')}
        </button>
      )}
    </div>
  );
}

function TonStatus(props: { invoice: TonInvoice; busy: boolean; online: boolean; onRequote: () => void; onBack: () => void }) {
  const { t, decimal } = useLocale();
  const { invoice } = props;
  const offlineNote = !invoice.verifiedOnline && (invoice.status === 'awaiting' || invoice.status === 'underpaid') && (
    <p class="ton-status__calm" data-testid="ton-offline">
      {t('tonConfirmLater')}
    </p>
  );
  switch (invoice.status) {
    case 'awaiting':
      return (
        <div class="ton-status" role="status" data-testid="ton-status">
          <p class="ton-status__line">
            <span class="spinner spinner--small" aria-hidden="true" />
            <span>{t('tonAwaiting')}</span>
          </p>
          {offlineNote}
        </div>
      );
    case 'underpaid':
      return (
        <div class="ton-status ton-status--warn" role="status" data-testid="ton-status">
          <p class="ton-status__line">
            <Icon name="alert" size={20} />
            <span>{t('tonUnderpaid', { received: tonText(invoice.receivedNanotons, decimal), remaining: tonText(invoice.remainingNanotons, decimal) })}</span>
          </p>
          {offlineNote}
        </div>
      );
    case 'paid':
    case 'overpaid':
      return (
        <div class="ton-status ton-status--ok" role="status" data-testid="ton-status">
          <Icon name="check" size={44} class="ton-status__big" />
          <p class="ton-status__title">{t('tonPaid')}</p>
          {invoice.status === 'overpaid' && <p class="ton-status__more">{t('tonOverpaid')}</p>}
          <button type="button" class="button button--secondary" onClick={props.onBack}>
            {t('tonBack')}
          </button>
        </div>
      );
    case 'expired':
      return (
        <div class="ton-status ton-status--warn" role="status" data-testid="ton-status">
          <p class="ton-status__line">
            <Icon name="clock" size={20} />
            <span>{t('tonExpired')}</span>
          </p>
          <button type="button" class="button button--primary button--block" disabled={props.busy || !props.online} onClick={props.onRequote} data-testid="ton-requote">
            {t('tonRequote')}
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <div class="ton-status ton-status--warn" role="status" data-testid="ton-status">
          <p class="ton-status__line">
            <Icon name="alert" size={20} />
            <span>{t('tonCancelled')}</span>
          </p>
        </div>
      );
  }
}

function CopyField(props: { label: string; value: string; shown?: string; onCopy: (value: string) => void; testId: string; mono?: boolean; strong?: boolean }) {
  const { t } = useLocale();
  return (
    <div class="ton-field">
      <dt class="ton-field__label">{props.label}</dt>
      <dd class="ton-field__row">
        <span class={`ton-field__value${props.mono ? ' ton-field__value--mono' : ''}${props.strong ? ' ton-field__value--strong' : ''}`} dir="ltr">
          {props.shown ?? props.value}
        </span>
        <button type="button" class="copy-button" onClick={() => props.onCopy(props.value)} aria-label={t('copyNamed', { what: props.label })} data-testid={props.testId}>
          <Icon name="copy" size={18} />
          <span>{t('copy')}</span>
        </button>
      </dd>
    </div>
  );
}
