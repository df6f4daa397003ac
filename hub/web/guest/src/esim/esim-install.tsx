/**
 * A delivered eSIM: its install QR code (for a phone that can scan this screen), the iPhone install
 * link, the codes Android and a by-hand install ask for, each with a copy button, and the data left,
 * which the guest may ask the hub to check again (at most once a minute). What a tap did is said beside
 * it, not in a toast: the thank-you screen, where this shows too, has none.
 */
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import { useEffect, useRef, useState } from 'preact/hooks';
import { copyText } from '../bill/copy-text.ts';
import { QrImage } from '../bill/qr-image.tsx';
import { Icon } from '../components/icons.tsx';
import { useLocale } from '../locale-context.ts';
import { daysLeft, formatDataMb, formatDays, secondsLeft } from './esim-rules.ts';
import { useNow, type EsimState } from './use-esim.ts';

export function EsimInstall(props: { purchase: EsimPurchase; esim: EsimState }) {
  const { t } = useLocale();
  const { qr, install } = props.purchase;

  return (
    <>
      {qr && install ? (
        <>
          <figure class="esim-qr">
            <QrImage text={qr} label={t('esimQrLabel')} size={240} testId="esim-qr" />
            <figcaption>{t('esimQrHint')}</figcaption>
          </figure>
          <a class="button button--primary button--block esim-link" href={install.appleInstallUrl} target="_blank" rel="noopener noreferrer" data-testid="esim-ios-install">
            {t('esimInstallIos')}
          </a>
          <p class="esim-hint">{t('esimIosHint')}</p>
          <section class="esim-codes">
            <h3 class="section-label">Android</h3>
            <p class="esim-hint">{t('esimAndroidHint')}</p>
            <CodeField label={t('esimActivationCode')} value={install.androidActivationCode} testId="esim-android-code" />
          </section>
          <section class="esim-codes">
            <h3 class="section-label">{t('esimManual')}</h3>
            <p class="esim-hint">{t('esimManualHint')}</p>
            <CodeField label={t('esimSmdp')} value={install.smdpAddress} testId="esim-smdp" />
            <CodeField label={t('esimActivationCode')} value={install.iosActivationCode} testId="esim-ios-code" />
            {install.apn && <CodeField label="APN" value={install.apn} testId="esim-apn" />}
          </section>
          {install.roaming && <p class="esim-hint">{t('esimRoaming')}</p>}
        </>
      ) : (
        // Sold at the desk: the codes are with the staff member who sold it.
        <p class="esim-hint">{t('esimCodesWithStaff')}</p>
      )}
      <UsagePanel purchase={props.purchase} esim={props.esim} />
    </>
  );
}

const COPIED_SHOWN_MS = 2500;

function CodeField(props: { label: string; value: string; testId: string }) {
  const { t } = useLocale();
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <div class="esim-code">
      <span class="esim-code__label">{props.label}</span>
      <span class="esim-code__row">
        <code class="esim-code__value" dir="ltr" data-testid={props.testId}>
          {props.value}
        </code>
        <button type="button" class="esim-copy" onClick={() => void copyText(props.value).then(setCopied)} aria-label={t('copyNamed', { what: props.label })}>
          <Icon name={copied ? 'check' : 'copy'} size={18} />
          <span aria-live="polite">{copied ? t('copied') : t('copy')}</span>
        </button>
      </span>
      {copied === false && <span class="esim-problem">{t('copyFailed')}</span>}
    </div>
  );
}

/** How long "Checking…" waits for the answer the outbox fetches, read again every POLL_MS. */
const CHECK_MS = 30_000;
const POLL_MS = 2_000;

function UsagePanel(props: { purchase: EsimPurchase; esim: EsimState }) {
  const { t, time } = useLocale();
  const { purchase, esim } = props;
  const usage = purchase.usage ?? null;
  const numberLocale = t('numberLocale');
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const now = useNow(1000, retryAt !== null);
  const waiting = retryAt !== null && now < retryAt;
  useEffect(() => {
    if (retryAt !== null && !waiting) setRetryAt(null);
  }, [retryAt, waiting]);
  const left = usage ? daysLeft(usage.expiresAt, Date.now()) : null;

  // Asked: the outbox fetches the usage; the purchase is read until it carries a newer one.
  const fetchedAt = usage?.fetchedAt ?? '';
  const asked = useRef(fetchedAt);
  const checking = asking && fetchedAt === asked.current;
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => esim.reloadPurchase(purchase.id), POLL_MS);
    const giveUp = setTimeout(() => setAsking(false), CHECK_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(giveUp);
    };
  }, [checking, purchase.id]);

  const refresh = async () => {
    const outcome = await esim.askUsage(purchase.id);
    setProblem(outcome.kind === 'network' ? t('requestFailed') : outcome.kind === 'refused' ? outcome.message : null);
    if (outcome.kind === 'queued') {
      asked.current = fetchedAt;
      setAsking(true);
    } else if (outcome.kind === 'too_soon') setRetryAt(outcome.retryAt);
  };

  return (
    <section class="esim-usage" data-testid="esim-usage">
      <h3 class="section-label">{t('esimUsage')}</h3>
      {usage ? (
        <>
          <p class="esim-usage__left" data-testid="esim-usage-left">
            {usage.remainingMb === null ? t('esimUnlimited') : t('esimUsageLeft', { left: formatDataMb(usage.remainingMb, numberLocale), total: formatDataMb(usage.totalMb ?? usage.remainingMb, numberLocale) })}
          </p>
          {left !== null && <p class="esim-usage__days">{t('esimDaysLeft', { days: formatDays(left, numberLocale) })}</p>}
          <p class="esim-hint">{t('esimUsageAsOf', { time: time(usage.fetchedAt) })}</p>
        </>
      ) : null}
      <button type="button" class="button button--secondary button--block" disabled={checking || waiting} onClick={() => void refresh()} data-testid="esim-usage-refresh">
        {checking ? t('esimChecking') : waiting ? t('esimTryIn', { n: secondsLeft(retryAt ?? now, now) }) : t('esimRefresh')}
      </button>
      {problem && (
        <p class="esim-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
