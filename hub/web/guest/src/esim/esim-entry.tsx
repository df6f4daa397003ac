/**
 * The doors to Mobile data in the main bundle: whether the venue sells eSIMs to this visit (packages on
 * offer, or one already bought here), the "Mobile data" button, the view, and the eSIMs of a visit
 * that closed on the thank-you screen. The views are their own chunk, fetched when first needed.
 */
import { createApiClient, type ApiClient } from '@onemoment/shared/client/api-client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { StatusScreen } from '../components/status-screen.tsx';
import { useLocale } from '../locale-context.ts';
import type { GuestSession } from '../session.ts';
import '../components/service-door.css';
import type { EsimViewProps } from './esim-view.tsx';

type EsimModule = typeof import('./esim-view.tsx');
let loading: Promise<EsimModule> | null = null;

function loadEsimView(): Promise<EsimModule> {
  loading ??= import('./esim-view.tsx').catch((error: unknown) => {
    loading = null; // a Wi-Fi blip must not close the door for good
    throw error;
  });
  return loading;
}

/** The chunk once it is in; `failed` until a retry (`attempt` raised) fetches it. */
function useEsimModule(wanted: boolean): { module: EsimModule | null; failed: boolean; retry(): void } {
  const [module, setModule] = useState<EsimModule | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    setFailed(false);
    loadEsimView().then(
      (loaded) => !cancelled && setModule(loaded),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, attempt]);
  return { module, failed, retry: () => setAttempt((n) => n + 1) };
}

/**
 * Shown when the hub runs the esim module and answers a non-empty list, or the visit already has an
 * eSIM (its codes stay reachable when the venue stops offering packages). A 404 (the module is not
 * loaded) or no answer hides the door; `reload` asks again (after a resync, or a sale staff made).
 */
export function useEsimOffer(api: ApiClient, enabled: boolean): { offered: boolean; reload(): void } {
  const [offered, setOffered] = useState(false);
  const ticket = useRef(0);
  const reload = useCallback(() => {
    const mine = ++ticket.current;
    if (!enabled) {
      setOffered(false);
      return;
    }
    const ask = async () => {
      if ((await api.get<unknown[]>('/api/guest/esim/packages')).length > 0) return true;
      return (await api.get<unknown[]>('/api/guest/esim/purchases')).length > 0;
    };
    ask().then(
      (answer) => mine === ticket.current && setOffered(answer),
      () => mine === ticket.current && setOffered(false),
    );
  }, [api, enabled]);
  useEffect(reload, [reload]);
  return { offered, reload };
}

export function EsimEntry(props: { onOpen(): void }) {
  const { t } = useLocale();
  return (
    <button type="button" class="service-door" onClick={props.onOpen} data-testid="open-esim">
      <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="M8 2.5h6l4 4v15H6v-17a2 2 0 0 1 2-2zM9.5 11h5v6.5h-5zM12 11v6.5M9.5 14.25h5" />
      </svg>
      <span class="service-door__text">
        <span class="service-door__title">{t('esimEntry')}</span>
        <span class="service-door__hint">{t('esimEntryHint')}</span>
      </span>
    </button>
  );
}

export function LazyEsimView(props: EsimViewProps) {
  const { t } = useLocale();
  const { module, failed, retry } = useEsimModule(true);
  if (module) return <module.EsimView {...props} />;
  if (!failed) return <StatusScreen busy title={t('esimLoading')} />;
  return (
    <StatusScreen icon="alert" tone="warn" title={t('esimLoadError')} body={t('unreachableBody')}>
      <button type="button" class="button button--secondary" onClick={retry}>
        {t('tryAgain')}
      </button>
    </StatusScreen>
  );
}

/**
 * On the thank-you screen: the closed visit's token still reads what it bought for some days, so an
 * eSIM paid with the bill that closed the visit is installed from here. Nothing shows without one
 * (or when the hub has no esim module: the route answers 404).
 */
export function ClosedEsims({ session }: { session: GuestSession }) {
  const api = useMemo(() => createApiClient({ token: () => session.token }), [session.token]);
  const [bought, setBought] = useState(false);
  useEffect(() => {
    api.get<Array<{ status: string }>>('/api/guest/esim/purchases').then(
      (list) => setBought(list.some((purchase) => purchase.status !== 'cancelled')),
      () => undefined,
    );
  }, [api]);
  const { module } = useEsimModule(bought);
  return bought && module ? <module.EsimAfterVisit api={api} /> : null;
}
