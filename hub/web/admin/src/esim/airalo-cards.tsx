/**
 * The manager's Airalo cards: the link (client id and secret; the hub answers the id masked and never
 * the secret, and the page forgets the secret once it is saved), the dollar rate that turns Airalo's
 * US prices into the venue's, and the catalogue's state with a refresh on demand. The settings are
 * read again every few seconds while the page is shown, so a refresh that lands shows by itself.
 */
import { useState } from 'preact/hooks';
import type { AiraloSettings } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { clockTime, elapsedText, secondsSince } from '../format.ts';
import { useNow } from '../hooks.ts';
import { notify } from '../toasts.tsx';
import { airaloStatusText, checkCredentials, checkUsdRate } from './esim-words.ts';

export const AIRALO_PATH = '/api/admin/integrations/airalo';

interface CardProps {
  settings: AiraloSettings;
  onSettings: (settings: AiraloSettings) => void;
}

/** What failed, said to the person: the hub's sentence, or that it did not answer. */
function refusalOf(failure: unknown): string {
  return failure instanceof ApiError && failure.status === 0 ? 'The hub did not answer. Check the Wi-Fi and try again.' : describeError(failure);
}

export function AiraloLinkCard({ settings, onSettings }: CardProps) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<'save' | 'forget' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);
  const checked = checkCredentials(clientId, clientSecret);

  const run = async (kind: 'save' | 'forget', request: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    setRefusal(null);
    try {
      await request();
    } catch (failure) {
      setRefusal(refusalOf(failure));
    } finally {
      setBusy(null);
    }
  };

  const save = () => {
    setTouched(true);
    if (!checked.ok) return;
    const body = checked.value;
    void run('save', async () => {
      onSettings(await api.request<AiraloSettings>('PUT', AIRALO_PATH, body));
      setClientId('');
      setClientSecret('');
      setTouched(false);
      notify('Airalo saved: the catalogue is being read (see Online tasks if it waits).');
    });
  };

  const forget = () =>
    void run('forget', async () => {
      onSettings(await api.request<AiraloSettings>('DELETE', AIRALO_PATH));
      setConfirmForget(false);
      notify('Airalo disconnected: the client id and secret are forgotten; eSIMs are no longer sold.');
    });

  const fieldError = (field: string) => (touched && !checked.ok && checked.field === field ? checked.problem : null);

  return (
    <section class="card settings-card airalo-card" aria-label="Airalo" data-configured={String(settings.configured)}>
      <h2>Airalo</h2>
      <p class="form-note" data-testid="airalo-status">
        {airaloStatusText(settings)}
      </p>
      {settings.configured && (
        <dl class="esim-facts">
          <dt>Client id</dt>
          <dd class="masked-key" data-testid="airalo-client-id">
            {settings.clientId}
          </dd>
          <dt>Address</dt>
          <dd class="small">{settings.apiUrl}</dd>
        </dl>
      )}
      <form
        class="esim-form"
        aria-label="Airalo credentials"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label class="field">
          {settings.configured ? 'New client id' : 'Client id'}
          <input type="text" name="clientId" autoComplete="off" spellcheck={false} maxLength={200} value={clientId} onInput={(event) => setClientId(event.currentTarget.value)} />
        </label>
        {fieldError('clientId') && <p class="form-error">{fieldError('clientId')}</p>}
        <label class="field">
          Client secret
          <input type="password" name="clientSecret" autoComplete="off" spellcheck={false} maxLength={500} value={clientSecret} onInput={(event) => setClientSecret(event.currentTarget.value)} />
        </label>
        {fieldError('clientSecret') && <p class="form-error">{fieldError('clientSecret')}</p>}
        {refusal && (
          <p class="form-error" role="alert">
            {refusal}
          </p>
        )}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : settings.configured ? 'Save new credentials' : 'Connect'}
          </button>
          {settings.configured && !confirmForget && (
            <button type="button" class="btn btn-danger-quiet" disabled={busy !== null} onClick={() => setConfirmForget(true)}>
              Disconnect…
            </button>
          )}
        </div>
        {confirmForget && (
          <div class="confirm small">
            <p>eSIMs stop being sold; sales already paid still wait for Airalo in Online tasks.</p>
            <div class="panel-actions">
              <button type="button" class="btn btn-small btn-danger" disabled={busy !== null} onClick={forget}>
                Disconnect
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmForget(false)}>
                Keep
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}

export function EsimPricingCard({ settings, onSettings }: CardProps) {
  const currency = settings.currency;
  const [rate, setRate] = useState(settings.usdRate ?? '');
  const [busy, setBusy] = useState<'rate' | 'refresh' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(15_000);
  const inDollars = currency === 'USD';
  const checked = checkUsdRate(rate, currency);
  const { catalogue } = settings;

  const saveRate = async () => {
    if (busy) return;
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setBusy('rate');
    setProblem(null);
    try {
      const next = await api.request<AiraloSettings>('PUT', '/api/admin/esim/pricing', { usdRate: checked.value });
      onSettings(next);
      setRate(next.usdRate ?? checked.value);
      notify(`Dollar rate saved: 1 US dollar = ${checked.value} ${currency}. Floors and prices at the floor follow it.`);
    } catch (failure) {
      setProblem(refusalOf(failure));
    } finally {
      setBusy(null);
    }
  };

  const refresh = async () => {
    if (busy) return;
    setBusy('refresh');
    setProblem(null);
    try {
      await api.post('/api/admin/esim/catalogue/refresh');
      notify('Catalogue refresh queued: new and changed packages arrive in a moment (see Online tasks if it waits).');
    } catch (failure) {
      setProblem(refusalOf(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card settings-card esim-pricing-card" aria-label="eSIM prices and catalogue" data-synced-at={catalogue.syncedAt ?? ''}>
      <h2>Prices and catalogue</h2>
      {inDollars ? (
        <p class="form-note">The venue sells in US dollars: Airalo's prices are used as they are.</p>
      ) : (
        <form
          class="esim-form"
          aria-label="Dollar rate"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void saveRate();
          }}
        >
          <label class="field field-short">
            How many {currency} one US dollar costs
            <input type="text" name="usdRate" inputMode="decimal" autoComplete="off" placeholder="0.92" value={rate} onInput={(event) => setRate(event.currentTarget.value)} />
          </label>
          <p class="form-note small">
            Airalo prices in US dollars. Each package's floor is Airalo's retail price at this rate, rounded up: the venue may not sell below it.
            {settings.usdRate === null && <strong> No rate yet: nothing can be priced or offered.</strong>}
          </p>
          <button type="submit" class="btn" disabled={busy !== null || rate.trim() === (settings.usdRate ?? '')}>
            {busy === 'rate' ? 'Saving…' : 'Save rate'}
          </button>
        </form>
      )}
      <dl class="esim-facts" data-testid="catalogue-state">
        <dt>Packages</dt>
        <dd data-testid="catalogue-packages">{catalogue.packages.toLocaleString('en')}</dd>
        <dt>Offered</dt>
        <dd data-testid="catalogue-offered">{catalogue.offered.toLocaleString('en')}</dd>
        <dt>Last read</dt>
        <dd>{catalogue.syncedAt ? `${clockTime(catalogue.syncedAt)}, ${elapsedText(secondsSince(catalogue.syncedAt, now))} ago` : 'never'}</dd>
        {catalogue.problem && (
          <>
            <dt>Problem</dt>
            <dd class="form-error" data-testid="catalogue-problem">
              {catalogue.problem}
            </dd>
          </>
        )}
      </dl>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="btn" disabled={busy !== null || !settings.configured} onClick={() => void refresh()}>
        {busy === 'refresh' ? 'Queuing…' : 'Refresh catalogue now'}
      </button>
    </section>
  );
}
