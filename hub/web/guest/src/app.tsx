/**
 * The guest page at `/t/<code>`: joins the table's visit, then shows the menu, the cart and the visit's
 * live orders. Orders leave through an outbox that survives reloads and bad Wi-Fi. When staff close
 * the visit, the cart and any unsent order stay on the phone until the guest starts a new visit.
 */
import { createApiClient } from '@onemoment/shared/client/api-client';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { applyDocumentLanguage } from '../../common/i18n.ts';
import { readJson, writeJson } from '../../common/storage.ts';
import { addToCart, cartReducer, type Cart } from './cart.ts';
import { ClosedScreen } from './components/closed-screen.tsx';
import type { Notice } from './components/notices.tsx';
import { StatusScreen } from './components/status-screen.tsx';
import { createGuestApi } from './guest-api.ts';
import { GuestHome } from './guest-home.tsx';
import { initialLanguage, rememberLanguage } from './i18n/index.ts';
import { LocaleContext, makeLocale } from './locale-context.ts';
import { upsertOrder } from './orders-state.ts';
import { tableCodeFromPath } from './session.ts';
import type { Order, Venue } from './types.ts';
import { useOutbox } from './use-outbox.ts';
import { useSession } from './use-session.ts';

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (text: string, tone: Notice['tone'] = 'info') => {
      const id = nextId.current++;
      setNotices((list) => [...list.filter((n) => n.text !== text), { id, text, tone }].slice(-3));
      setTimeout(() => dismiss(id), tone === 'ok' ? 3500 : 8000);
    },
    [dismiss],
  );
  return { notices, notify, dismiss };
}

function useCart(tableCode: string) {
  const key = `om.guest.cart.${tableCode}`;
  const [cart, dispatch] = useReducer(cartReducer, [] as Cart, () => readJson<Cart>(key) ?? []);
  useEffect(() => void writeJson(key, cart), [cart, key]);
  return { cart, dispatch };
}

export function App() {
  const tableCode = useMemo(() => tableCodeFromPath(location.pathname), []);
  const [language, setLanguage] = useState(() => initialLanguage(browserLanguages()));
  const [venue, setVenue] = useState<Venue | null>(null);
  const locale = useMemo(() => makeLocale(language, venue?.timezone), [language, venue?.timezone]);
  const { t } = locale;
  useEffect(() => applyDocumentLanguage(language), [language]);
  const changeLanguage = (next: string) => {
    rememberLanguage(next);
    setLanguage(next);
  };

  const { phase, invalidate, close, rejoin, moveTo } = useSession(tableCode);
  const session = phase.kind === 'ready' ? phase.session : null;
  const api = useMemo(() => (session ? createGuestApi(session.token, (code) => invalidate(session.token, code)) : null), [session?.token]);
  // A 401 that came without its code (the socket, the talk view): ask the hub why, and the answer's
  // code (visit closed, or the token dead) then moves the session on.
  const checkSession = useCallback(() => void api?.get('/api/guest/visit').catch(() => undefined), [api]);

  useEffect(() => {
    if (!session || venue) return;
    createApiClient({ token: () => null })
      .get<Venue>('/api/venue')
      .then(setVenue, () => undefined);
  }, [session?.token]);

  // Orders belong to one visit: a new visit (after a 401 and rejoin) starts from an empty list.
  const [visitOrders, setVisitOrders] = useState<{ visitId: string | null; list: Order[] }>({ visitId: null, list: [] });
  const currentVisit = useRef<string | null>(null);
  currentVisit.current = session?.visitId ?? currentVisit.current;
  const orders = visitOrders.visitId === currentVisit.current ? visitOrders.list : [];
  const setOrders = useCallback((update: (list: Order[]) => Order[]) => {
    setVisitOrders((state) => {
      const visitId = currentVisit.current;
      return { visitId, list: update(state.visitId === visitId ? state.list : []) };
    });
  }, []);

  const { notices, notify, dismiss } = useNotices();
  const [refusals, setRefusals] = useState(0);
  const { cart, dispatch } = useCart(tableCode ?? '');
  const cartRef = useRef(cart);
  cartRef.current = cart;
  const { outbox, pending } = useOutbox(tableCode ?? '', api, {
    onDelivered: (order) => {
      setOrders((list) => upsertOrder(list, order));
      notify(t('orderSent'), 'ok');
    },
    onRejected: (refused, error) => {
      setRefusals((n) => n + 1);
      notify(t('orderRejected', { message: error.message }), 'error');
      // Give the guest their choices back; the menu refresh then removes whatever cannot be ordered.
      // (What does not fit beside the cart's own lines is left out, and said.)
      let leftOut = 0;
      let working = cartRef.current;
      refused.body.items.forEach((line, index) => {
        const action = {
          type: 'add' as const,
          menuItemId: line.menuItemId,
          name: refused.summary[index]?.name ?? line.menuItemId,
          quantity: line.quantity,
          modifierIds: line.modifierIds ?? [],
          note: line.note ?? '',
        };
        const result = addToCart(working, action);
        working = result.cart;
        leftOut += result.leftOut;
        dispatch(action);
      });
      if (leftOut > 0) notify(t('returnedPartly', { n: leftOut }), 'error');
    },
  });
  const cartCount = cart.reduce((n, line) => n + line.quantity, 0);

  return <LocaleContext.Provider value={locale}>{render()}</LocaleContext.Provider>;

  function render() {
    switch (phase.kind) {
      case 'joining':
        return <StatusScreen busy title={t('opening')} />;
      case 'not-open':
        return (
          <StatusScreen icon="bell" tone="warn" title={t('notOpenTitle')} body={t('notOpenBody')}>
            <p class="screen__hint">
              <span class="spinner spinner--small" aria-hidden="true" />
              <span>{t('notOpenChecking')}</span>
            </p>
          </StatusScreen>
        );
      case 'invalid':
        return <StatusScreen icon="alert" tone="warn" title={t('invalidTitle')} body={t('invalidBody')} />;
      case 'unreachable':
        return (
          <StatusScreen icon="alert" tone="warn" title={t('unreachableTitle')} body={t('unreachableBody')}>
            <button type="button" class="button button--secondary" onClick={rejoin}>
              {t('tryAgain')}
            </button>
          </StatusScreen>
        );
      case 'closed':
        return <ClosedScreen session={phase.session} cartCount={cartCount} unsentCount={pending.length} onStart={rejoin} />;
      case 'recently-closed':
        return (
          <StatusScreen icon="bell" tone="warn" title={t('recentlyClosedTitle')} body={t('recentlyClosedBody')}>
            <button type="button" class="button button--secondary" onClick={rejoin} data-testid="start-again">
              {t('tryAgain')}
            </button>
          </StatusScreen>
        );
      case 'ready':
        return (
          <GuestHome
            key={phase.session.token}
            session={phase.session}
            api={api!}
            venueName={venue?.name ?? ''}
            canTalk={venue?.modules.includes('translator') ?? false}
            canBuyData={venue?.modules.includes('esim') ?? false}
            canPay={venue ? venue.modules.includes('payments') : null}
            orders={orders}
            setOrders={setOrders}
            pending={pending}
            placeOrder={(order) => outbox.add(order)}
            cart={cart}
            dispatch={dispatch}
            refusals={refusals}
            notices={notices}
            notify={notify}
            dismiss={dismiss}
            onLanguage={changeLanguage}
            onClosed={close}
            onMoved={moveTo}
            onUnauthorized={checkSession}
          />
        );
    }
  }
}
