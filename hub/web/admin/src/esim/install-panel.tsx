/**
 * A delivered eSIM as the seller or a manager hands it over: the install QR (drawn in the page from
 * the activation code, so it shows at once), the codes to type by hand on iPhone and Android, the
 * receipt-printer copy, and the data left. Usage is read from Airalo through the outbox, so asking
 * for it queues the read and the page watches the purchase until the new reading lands.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EsimPurchase } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { clockTime } from '../format.ts';
import { CheckInQr } from '../hotel/check-in-qr.tsx';
import { notify } from '../toasts.tsx';
import { usageText } from './esim-words.ts';

/** How often, and how many times, the page looks for the usage Airalo was asked for. */
const USAGE_LOOK_MS = 1_500;
const USAGE_LOOKS = 20;

export function InstallPanel({ purchase, onPurchase }: { purchase: EsimPurchase; onPurchase: (next: EsimPurchase) => void }) {
  const [printing, setPrinting] = useState(false);
  const [asking, setAsking] = useState(false);
  const [usageNote, setUsageNote] = useState<string | null>(null);
  const watching = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The reading's time when usage was asked for; undefined while nothing is asked. */
  const askedOver = useRef<string | null | undefined>(undefined);
  const fetchedAt = purchase.usage?.fetchedAt ?? null;
  const stopWatching = () => {
    if (watching.current) clearTimeout(watching.current);
    watching.current = null;
    askedOver.current = undefined;
    setAsking(false);
  };
  useEffect(() => () => {
    if (watching.current) clearTimeout(watching.current);
  }, []);
  // The new reading arrived, by the page's own look or by the list read again: the ask is answered.
  useEffect(() => {
    if (askedOver.current !== undefined && fetchedAt !== askedOver.current) stopWatching();
  }, [fetchedAt]);
  const install = purchase.install;
  if (!purchase.qr || !install) {
    return <p class="muted small">The install codes show for the person who sold it and for managers.</p>;
  }
  const path = `/api/esim/purchases/${encodeURIComponent(purchase.id)}`;

  const print = async () => {
    setPrinting(true);
    try {
      await api.post(`${path}/print`);
      notify(`${purchase.title}: the install QR and the steps are on their way to the receipt printer`);
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setPrinting(false);
    }
  };

  const watchUsage = (looksLeft: number) => {
    watching.current = setTimeout(async () => {
      watching.current = null;
      try {
        const next = await api.get<EsimPurchase>(path);
        if (askedOver.current !== undefined && (next.usage?.fetchedAt ?? null) !== askedOver.current) {
          onPurchase(next);
          return;
        }
      } catch {
        // The next look tries again; the last one says it is late.
      }
      if (askedOver.current === undefined) return;
      if (looksLeft > 1) watchUsage(looksLeft - 1);
      else {
        setUsageNote('Airalo has not answered yet: the reading waits in Online tasks and shows here once it arrives.');
        stopWatching();
      }
    }, USAGE_LOOK_MS);
  };

  const refreshUsage = async () => {
    setAsking(true);
    setUsageNote(null);
    // Noted before asking: the reading can land (and the list be read again) before the answer does.
    askedOver.current = fetchedAt;
    try {
      await api.post(`${path}/usage`);
      if (askedOver.current !== undefined) watchUsage(USAGE_LOOKS);
    } catch (failure) {
      setUsageNote(failure instanceof ApiError && failure.code === 'too_soon' ? failure.message : describeError(failure));
      stopWatching();
    }
  };

  return (
    <div class="esim-install" data-testid="esim-install">
      <div class="esim-install-qr">
        <CheckInQr url={purchase.qr} label={`Install QR for ${purchase.title}`} size={184} />
        <p class="muted small">Scan with the phone that will use it: Settings → Mobile data → Add eSIM → Use QR code.</p>
      </div>
      <dl class="esim-codes">
        <dt>SM-DP+ address</dt>
        <dd class="esim-code" data-testid="esim-smdp">{install.smdpAddress}</dd>
        <dt>iPhone: activation code</dt>
        <dd class="esim-code" data-testid="esim-ios-code">{install.iosActivationCode}</dd>
        <dt>Android: activation code</dt>
        <dd class="esim-code" data-testid="esim-android-code">{install.androidActivationCode}</dd>
        {install.apn && (
          <>
            <dt>APN</dt>
            <dd class="esim-code">{install.apn}</dd>
          </>
        )}
        {install.roaming !== null && (
          <>
            <dt>Data roaming</dt>
            <dd>{install.roaming ? 'Turn on for this eSIM' : 'Leave off'}</dd>
          </>
        )}
        {purchase.iccid && (
          <>
            <dt>ICCID</dt>
            <dd class="esim-code">{purchase.iccid}</dd>
          </>
        )}
        <dt>iPhone (iOS 17.4 and later)</dt>
        <dd>
          <a href={install.appleInstallUrl} target="_blank" rel="noreferrer">
            Install link
          </a>
        </dd>
      </dl>
      <div class="esim-usage">
        <p class="small" data-testid="esim-usage">
          {usageText(purchase.usage)}
          {purchase.usage && <span class="muted"> (read {clockTime(purchase.usage.fetchedAt)})</span>}
        </p>
        {usageNote && <p class="form-note small">{usageNote}</p>}
      </div>
      <div class="panel-actions">
        <button type="button" class="btn btn-small" disabled={printing} onClick={() => void print()}>
          {printing ? 'Sending…' : 'Print'}
        </button>
        <button type="button" class="btn btn-small btn-quiet" disabled={asking} onClick={() => void refreshUsage()}>
          {asking ? 'Asking Airalo…' : 'Refresh usage'}
        </button>
      </div>
    </div>
  );
}
