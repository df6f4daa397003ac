/**
 * Travel eSIMs (issue 17): the sales, for everyone who sells them (/admin/esim), and for managers the
 * settings (/admin/esim/settings): the Airalo link, the dollar rate, and the catalogue of what the
 * venue offers at what price. A tab of its own: the catalogue is a long table that fits no other
 * settings page, and the desk reads the sales all day.
 */
import { useState } from 'preact/hooks';
import type { AiraloSettings } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { useVisiblePoll } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import { navigate } from '../router.ts';
import type { StaffRole } from '../types.ts';
import { AIRALO_PATH, AiraloLinkCard, EsimPricingCard } from './airalo-cards.tsx';
import { CatalogueTable } from './catalogue-table.tsx';
import { EsimSales } from './purchase-lists.tsx';
import './esim.css';

const SETTINGS_REFRESH_MS = 5_000;

export function EsimPage({ store, role, sub }: { store: LiveStore; role: StaffRole; sub: string }) {
  const manager = role === 'manager';
  const settings = manager && sub === 'settings';
  return (
    <div class="esim-page">
      <div class="page-head">
        <h1>{settings ? 'eSIM settings' : 'eSIM sales'}</h1>
        {manager && (
          <div class="segmented" role="group" aria-label="eSIM">
            <button type="button" aria-pressed={!settings} onClick={() => navigate('esim')}>
              Sales
            </button>
            <button type="button" aria-pressed={settings} onClick={() => navigate('esim', 'settings')}>
              Settings
            </button>
          </div>
        )}
      </div>
      {settings ? <EsimSettings /> : <EsimSales store={store} role={role} />}
    </div>
  );
}

function EsimSettings() {
  const [settings, setSettings] = useState<AiraloSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useVisiblePoll(async () => {
    try {
      setSettings(await api.get<AiraloSettings>(AIRALO_PATH));
      setError(null);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) setMissing(true);
      else setError(describeError(failure));
    }
  }, SETTINGS_REFRESH_MS);

  if (missing) return <p class="card muted">eSIMs are not sold on this hub.</p>;
  if (!settings) return error ? <p class="form-error">{error}</p> : <p class="muted">Loading…</p>;
  // The catalogue is read again when a refresh lands or the rate changes (floors move with it).
  const version = `${settings.catalogue.syncedAt ?? ''}|${settings.usdRate ?? ''}|${settings.configured}`;
  const reread = () => void api.get<AiraloSettings>(AIRALO_PATH).then(setSettings, () => undefined);
  return (
    <>
      {error && <p class="form-error">{error}</p>}
      <div class="settings-grid esim-settings">
        <AiraloLinkCard settings={settings} onSettings={setSettings} />
        <EsimPricingCard settings={settings} onSettings={setSettings} />
      </div>
      <CatalogueTable version={version} onChanged={reread} />
    </>
  );
}
