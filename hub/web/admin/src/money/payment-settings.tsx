/**
 * Payment settings (managers): how the venue bills (VAT in the prices or added on top, a service
 * charge) and the TON wallet (its address, the network it is on, and the rate typed the way people say
 * it, "1 TON = €5.20", with when it was set). The TON review below it (ton-review.tsx) handles
 * transfers and overpaid invoices that need a person.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api.ts';
import { clockTime, parsePercent, percentText } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillingSettings, TonSettingsView } from '../types.ts';
import { nanotonsPerMinorFromPrice, priceText, rateText } from './ton-words.ts';

export function BillingCard() {
  const [saved, setSaved] = useState<BillingSettings | null>(null);
  const [taxMode, setTaxMode] = useState<BillingSettings['taxMode']>('included');
  const [serviceText, setServiceText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (settings: BillingSettings) => {
    setSaved(settings);
    setTaxMode(settings.taxMode);
    setServiceText(settings.serviceChargeBp === 0 ? '' : percentText(settings.serviceChargeBp).replace(' %', ''));
  };
  useEffect(() => {
    api.get<BillingSettings>('/api/admin/billing').then(show, (failure: unknown) => setError(describeError(failure)));
  }, []);

  const serviceChargeBp = serviceText.trim() === '' ? 0 : parsePercent(serviceText);
  const valid = serviceChargeBp !== null && serviceChargeBp <= 5_000;
  const changed = saved !== null && (saved.taxMode !== taxMode || saved.serviceChargeBp !== serviceChargeBp);

  const save = async () => {
    if (!valid || busy) return;
    setBusy(true);
    try {
      show(await api.request<BillingSettings>('PUT', '/api/admin/billing', { taxMode, serviceChargeBp }));
      notify('Billing saved: new bills use it');
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card settings-card"
      aria-label="Billing"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>Billing</h2>
      {error && <p class="form-error">{error}</p>}
      <div class="field">
        VAT on the menu prices
        <div class="segmented" role="group" aria-label="VAT on the menu prices">
          <button type="button" aria-pressed={taxMode === 'included'} onClick={() => setTaxMode('included')}>
            Included in the prices
          </button>
          <button type="button" aria-pressed={taxMode === 'added'} onClick={() => setTaxMode('added')}>
            Added on top
          </button>
        </div>
      </div>
      <label class="field field-short">
        Service charge, % <small class="muted">(empty: none)</small>
        <input type="text" name="serviceCharge" inputMode="decimal" placeholder="0" value={serviceText} onInput={(event) => setServiceText(event.currentTarget.value)} />
      </label>
      {!valid && <p class="form-error">A service charge is a percentage from 0 to 50, like 10 or 12.5.</p>}
      <p class="form-note">{taxMode === 'included' ? 'Bills show the VAT contained in each price ("incl. VAT 7 %").' : 'Bills add the VAT of each rate to the prices.'}</p>
      <button type="submit" class="btn btn-primary" disabled={!valid || !changed || busy}>
        {busy ? 'Saving…' : 'Save billing'}
      </button>
    </form>
  );
}

export function TonWalletCard({ currency }: { currency: string }) {
  /** undefined: loading; null: no wallet set yet. */
  const [settings, setSettings] = useState<TonSettingsView | null | undefined>(undefined);
  const [address, setAddress] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (view: TonSettingsView | null) => {
    setSettings(view);
    setAddress(view?.addressFriendly ?? '');
    setPrice(view ? priceText(view.nanotonsPerMinor, currency) : '');
  };
  useEffect(() => {
    api.get<TonSettingsView>('/api/admin/payments/ton').then(show, (failure: unknown) => {
      // 404: no wallet set yet.
      if (failure instanceof ApiError && failure.status === 404) show(null);
      else setError(describeError(failure));
    });
  }, [currency]);

  const nanotonsPerMinor = nanotonsPerMinorFromPrice(price, currency);
  const valid = address.trim().length >= 48 && nanotonsPerMinor !== null;

  const save = async () => {
    if (!valid || busy) return;
    setBusy(true);
    try {
      show(await api.request<TonSettingsView>('PUT', '/api/admin/payments/ton', { address: address.trim(), rate: { nanotonsPerMinor } }));
      notify('TON wallet saved');
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card settings-card"
      aria-label="TON wallet"
      data-ton-set={settings ? 'true' : 'false'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>TON wallet</h2>
      {error && <p class="form-error">{error}</p>}
      {settings === undefined && !error && <p class="muted">Loading…</p>}
      {settings === null && <p class="form-note">No wallet yet: guests cannot pay in TON until one is set.</p>}
      {settings && (
        <p class="ton-now">
          <span class={`network network-${settings.network}`}>{settings.network === 'mainnet' ? 'Mainnet' : 'Testnet: not real money'}</span> {rateText(settings.nanotonsPerMinor, currency)}, set{' '}
          {clockTime(settings.rateSetAt)} {settings.rateSource === 'hq' ? 'by HQ' : 'here'}.
          {settings.lastPollAt && <span class="muted small"> Last checked for payments at {clockTime(settings.lastPollAt)}.</span>}
          {settings.lastPollError && <span class="form-error small"> Last check failed: {settings.lastPollError}</span>}
        </p>
      )}
      <label class="field">
        Receiving wallet address
        <input type="text" name="address" spellcheck={false} autoComplete="off" placeholder="UQ… or 0:…" value={address} onInput={(event) => setAddress(event.currentTarget.value)} />
      </label>
      <label class="field field-short">
        1 TON is worth, in {currency}
        <input type="text" name="tonPrice" inputMode="decimal" autoComplete="off" placeholder="5.20" value={price} onInput={(event) => setPrice(event.currentTarget.value)} />
      </label>
      {price.trim() !== '' && nanotonsPerMinor === null && <p class="form-error">Type the price of one TON, like 5.20.</p>}
      {nanotonsPerMinor !== null && <p class="form-note">Invoices will use {rateText(nanotonsPerMinor, currency)}. Update it when the market moves.</p>}
      <button type="submit" class="btn btn-primary" disabled={!valid || busy}>
        {busy ? 'Saving…' : 'Save wallet and rate'}
      </button>
    </form>
  );
}
