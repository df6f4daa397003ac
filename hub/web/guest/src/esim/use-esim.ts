/**
 * What the Mobile data view reads and does: the packages on offer (all of them, and those of the chosen
 * country, which the hub answers with the regional packages that work there too), this visit's
 * purchases, and buying, cancelling and asking for the data left. `changed` is a count raised on each
 * `esim.sale_changed` and after a resync: the purchases are read again. After the visit closed
 * (`browse` false) only the purchases are read: its token no longer buys.
 */
import { ApiError, type ApiClient } from '@onemoment/shared/client/api-client';
import type { EsimPackage, EsimPurchase } from '@onemoment/shared/schemas/esim';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { readJson, writeJson } from '../../../common/storage.ts';

const PACKAGES = '/api/guest/esim/packages';
const PURCHASES = '/api/guest/esim/purchases';

export type BuyOutcome =
  | { kind: 'bought'; purchase: EsimPurchase }
  /** Nothing was written: the hub's price is `priceMinor` now, the guest confirms it or not. */
  | { kind: 'price_changed'; priceMinor: number }
  | { kind: 'refused'; message: string }
  /** The hub did not answer: the purchase may exist; trying again with the same id is safe. */
  | { kind: 'network' };

export type UsageOutcome = { kind: 'queued' } | { kind: 'too_soon'; retryAt: number } | { kind: 'refused'; message: string } | { kind: 'network' };

export interface EsimState {
  /** Every package on offer; null until the first answer. */
  packages: EsimPackage[] | null;
  purchases: EsimPurchase[] | null;
  /** Nothing to show, and the last read failed. */
  failed: boolean;
  reload(): void;
  country: string;
  chooseCountry(code: string): void;
  /** The packages of the chosen country (all of them when none is chosen). */
  shown: EsimPackage[];
  buy(item: EsimPackage, id: string, priceMinor: number): Promise<BuyOutcome>;
  cancel(purchaseId: string): Promise<boolean>;
  reloadPurchase(purchaseId: string): void;
  askUsage(purchaseId: string): Promise<UsageOutcome>;
}

export function useEsim(api: ApiClient, changed: number, browse = true): EsimState {
  const [packages, setPackages] = useState<EsimPackage[] | null>(null);
  const [purchases, setPurchases] = useState<EsimPurchase[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [country, chooseCountry] = useState('');
  const [countryPackages, setCountryPackages] = useState<EsimPackage[] | null>(null);

  const upsert = useCallback((purchase: EsimPurchase) => {
    setPurchases((list) => [purchase, ...(list ?? []).filter((p) => p.id !== purchase.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }, []);

  const loadPackages = useCallback(async () => {
    const list = browse ? await api.get<EsimPackage[]>(PACKAGES) : [];
    setPackages(list);
    return list;
  }, [api, browse]);

  const loadPurchases = useCallback(async () => setPurchases(await api.get<EsimPurchase[]>(PURCHASES)), [api]);

  const reload = useCallback(() => {
    Promise.all([loadPackages(), loadPurchases()]).then(
      () => setFailed(false),
      () => setFailed(true),
    );
  }, [loadPackages, loadPurchases]);
  useEffect(reload, [reload]);

  // The view opened with the count as it stood: only later raises mean a sale changed since.
  const seenChanged = useRef(changed);
  useEffect(() => {
    if (changed === seenChanged.current) return;
    seenChanged.current = changed;
    loadPurchases().catch(() => undefined);
  }, [changed, loadPurchases]);

  // A country is asked of the hub (it knows which regional packages cover it); until it answers, or if
  // it cannot, the local packages of that country stand in.
  useEffect(() => {
    setCountryPackages(null);
    if (!country) return;
    let current = true;
    api.get<EsimPackage[]>(`${PACKAGES}?country=${encodeURIComponent(country)}`).then(
      (list) => current && setCountryPackages(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, country, packages]);

  const shown = !country ? (packages ?? []) : (countryPackages ?? (packages ?? []).filter((item) => item.country?.toUpperCase() === country));

  const buy = async (item: EsimPackage, id: string, priceMinor: number): Promise<BuyOutcome> => {
    try {
      const purchase = await api.post<EsimPurchase>(PURCHASES, { id, packageId: item.id, priceMinor });
      upsert(purchase);
      return { kind: 'bought', purchase };
    } catch (error) {
      if (!(error instanceof ApiError) || error.isNetwork) return { kind: 'network' };
      // The list was behind the hub (a new price, a package no longer sold): read it again.
      const fresh = await loadPackages().catch(() => null);
      const now = error.details.priceMinor ?? fresh?.find((p) => p.id === item.id)?.priceMinor;
      if (error.code === 'price_changed' && typeof now === 'number') return { kind: 'price_changed', priceMinor: now };
      return { kind: 'refused', message: error.message };
    }
  };

  const reloadPurchase = (purchaseId: string) => {
    api.get<EsimPurchase>(`${PURCHASES}/${purchaseId}`).then(upsert, () => undefined);
  };

  const cancel = async (purchaseId: string): Promise<boolean> => {
    try {
      upsert(await api.post<EsimPurchase>(`${PURCHASES}/${purchaseId}/cancel`));
      return true;
    } catch {
      // It may have been paid meanwhile: what it is now is what the guest sees.
      reloadPurchase(purchaseId);
      return false;
    }
  };

  const askUsage = async (purchaseId: string): Promise<UsageOutcome> => {
    try {
      await api.post(`${PURCHASES}/${purchaseId}/usage`);
      return { kind: 'queued' };
    } catch (error) {
      if (!(error instanceof ApiError) || error.isNetwork) return { kind: 'network' };
      const wait = error.details.retryAfterMs;
      if (error.status === 429 && typeof wait === 'number') return { kind: 'too_soon', retryAt: Date.now() + wait };
      return { kind: 'refused', message: error.message };
    }
  };

  return { packages, purchases, failed: failed && (!packages || !purchases), reload, country, chooseCountry, shown, buy, cancel, reloadPurchase, askUsage };
}

/** The time now, read again every `everyMs` while `running` (a clock on screen). */
export function useNow(everyMs: number, running: boolean): number {
  const [, setTicks] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTicks((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, running]);
  return Date.now();
}

/** The purchase the guest last had open, per table (a new visit there starts on the package list). */
export function useOpenPurchase(tableCode: string, visitId: string): [string | null, (purchaseId: string | null) => void] {
  const key = `om.guest.esim.${tableCode}`;
  const [open, setOpen] = useState(() => {
    const kept = readJson<{ visitId: string; purchaseId: string }>(key);
    return kept?.visitId === visitId ? kept.purchaseId : null;
  });
  const choose = (purchaseId: string | null) => {
    writeJson(key, purchaseId ? { visitId, purchaseId } : null);
    setOpen(purchaseId);
  };
  return [open, choose];
}
