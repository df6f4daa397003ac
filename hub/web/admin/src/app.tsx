/**
 * The staff and admin pages: PIN login, then the floor (with each table's bill), the orders, the
 * hotel's front desk and housekeeping, travel eSIMs where the hub sells them, and (for managers) the
 * hotel settings, the menu, payments, the team, printers, the cloud and the online tasks. The header
 * always says what the hub still owes the internet. What a person sees is decided by their role; the hub
 * checks the same roles again.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, onUnauthorized, setToken } from './api.ts';
import { setVenueTimeZone } from './format.ts';
import { useLive } from './hooks.ts';
import { LiveStore } from './live-store.ts';
import { LoginBrakeBanner } from './login-brake-banner.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { FloorPage } from './pages/floor-page.tsx';
import { OrdersPage } from './pages/orders-page.tsx';
import { MenuPage } from './pages/menu-page.tsx';
import { StaffPage } from './pages/staff-page.tsx';
import { PrintersPage } from './printers-page.tsx';
import { CloudPage } from './cloud-page.tsx';
import { TranslatorPage } from './translator/translator-page.tsx';
import { useTranslatorAttention } from './translator/translator-attention.ts';
import { OnlineTasksPage } from './online/online-tasks-page.tsx';
import { OwedStrip } from './online/owed-strip.tsx';
import { useOwed } from './online/use-owed.ts';
import { PaymentsPage } from './money/payments-page.tsx';
import { FrontDeskPage } from './hotel/front-desk-page.tsx';
import { HousekeepingPage } from './hotel/housekeeping-page.tsx';
import { HotelSettingsPage } from './hotel/hotel-settings-page.tsx';
import { EsimPage } from './esim/esim-page.tsx';
import { useEsimPurchases } from './esim/use-esim-purchases.ts';
import { currentPage, navigate, useLocation, type Page } from './router.ts';
import { homeFor, homePage, isManager, loadSession, pageAfterLogin, saveSession } from './session.ts';
import { Toasts } from './toasts.tsx';
import type { Session, StaffRole, Venue } from './types.ts';

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const saved = loadSession();
    setToken(saved?.token ?? null);
    return saved;
  });

  useEffect(() => {
    onUnauthorized(() => expire());
  }, []);

  useEffect(() => {
    if (session?.role === 'kitchen') location.assign(homeFor('kitchen'));
  }, [session]);

  const login = (next: Session) => {
    saveSession(next);
    setToken(next.token);
    if (next.role === 'kitchen') {
      location.assign(homeFor('kitchen'));
      return;
    }
    // The front desk and housekeeping land on their own page; the others stay where the tablet was.
    const landing = pageAfterLogin(next.role, currentPage());
    if (landing !== currentPage()) navigate(landing);
    setSession(next);
  };

  const expire = () => {
    saveSession(null);
    setToken(null);
    setSession(null);
  };

  const logout = async () => {
    try {
      await api.post('/api/staff/logout');
    } catch {
      // Logging out locally is what matters; the token expires on its own.
    }
    expire();
  };

  return (
    <>
      {!session || session.role === 'kitchen' ? <LoginPage onLogin={login} /> : <Shell key={session.token} session={session} onLogout={logout} onExpired={expire} onRenamed={(name) => login({ ...session, name })} />}
      <Toasts />
    </>
  );
}

const MANAGER: readonly StaffRole[] = ['manager'];
const FLOOR: readonly StaffRole[] = ['waiter', 'front_desk', 'manager'];

/** Each page, who may see it, and the hub module it belongs to (a page of a module not loaded is not shown). */
const NAV: Array<{ page: Page; label: string; roles: readonly StaffRole[]; module: string | null }> = [
  { page: 'tables', label: 'Tables', roles: FLOOR, module: 'restaurant' },
  { page: 'orders', label: 'Orders', roles: FLOOR, module: 'restaurant' },
  { page: 'front-desk', label: 'Front desk', roles: ['front_desk', 'manager'], module: 'hotel' },
  { page: 'housekeeping', label: 'Housekeeping', roles: ['housekeeping', 'front_desk', 'manager'], module: 'hotel' },
  { page: 'esim', label: 'eSIM', roles: FLOOR, module: 'esim' },
  { page: 'translator', label: 'Translator', roles: ['waiter', 'front_desk', 'housekeeping', 'manager'], module: 'translator' },
  { page: 'menu', label: 'Menu', roles: MANAGER, module: 'restaurant' },
  { page: 'hotel', label: 'Hotel', roles: MANAGER, module: 'hotel' },
  { page: 'payments', label: 'Payments', roles: MANAGER, module: 'payments' },
  { page: 'staff', label: 'Staff', roles: MANAGER, module: null },
  { page: 'printers', label: 'Printers', roles: MANAGER, module: 'printing' },
  { page: 'cloud', label: 'Cloud', roles: MANAGER, module: 'sync' },
  { page: 'online-tasks', label: 'Online tasks', roles: MANAGER, module: null },
];

/** The pages this login may open on this hub; until the venue is read, every page of the role. */
function pagesFor(role: StaffRole, modules: readonly string[] | null) {
  return NAV.filter((item) => item.roles.includes(role) && (item.module === null || modules === null || modules.includes(item.module)));
}

interface ShellProps {
  session: Session;
  onLogout: () => void;
  onExpired: () => void;
  /** The person logged in here was renamed (on the Staff page): the header follows. */
  onRenamed: (name: string) => void;
}

function Shell({ session, onLogout, onExpired, onRenamed }: ShellProps) {
  const store = useMemo(() => new LiveStore(session.token, onExpired), [session.token]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const live = useLive(store);
  const [venue, setVenue] = useState<Venue | null>(null);
  useEffect(() => {
    api.get<Venue>('/api/venue').then(
      (loaded) => {
        // Before the render this causes, so every time on every page is on the venue's clock.
        setVenueTimeZone(loaded.timezone);
        setVenue(loaded);
      },
      () => setVenue(null),
    );
  }, []);

  const manager = isManager(session.role);
  const pages = pagesFor(session.role, venue?.modules ?? null);
  const where = useLocation();
  let page = where.page;
  // A page this login may not open here: its own home page if this hub has it, else the first it may.
  if (!pages.some((item) => item.page === page)) page = pages.find((item) => item.page === homePage(session.role))?.page ?? pages[0]?.page ?? 'staff';
  const talking = useTranslatorAttention(store, page === 'translator');
  const owed = useOwed(store);

  const requests = live.tables?.reduce((sum, table) => sum + table.pendingRequests.length, 0) ?? 0;
  const toAccept = live.orders?.filter((order) => order.status === 'placed').length ?? 0;
  const toServe = live.orders?.filter((order) => order.status === 'ready').length ?? 0;
  const currency = venue?.currency ?? 'EUR';
  // eSIM parts show once the venue says the hub runs the module (a hub without it answers 404).
  const esim = venue?.modules.includes('esim') ?? false;
  // Paid eSIMs Airalo did not deliver: the desk and managers settle them, so their tab says how many.
  const esimSettles = esim && (session.role === 'front_desk' || manager);
  const esimWaiting = useEsimPurchases(store, esimSettles ? { status: 'needs_person' } : null).purchases?.length ?? 0;

  return (
    <div class="shell">
      <header class="topbar">
        <div class="topbar-row">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">◐</span>
            <span class="brand-name">{venue?.name ?? 'OneMoment'}</span>
          </div>
          <nav class="tabs" aria-label="Sections">
            {pages.map((item) => {
              const badge =
                item.page === 'tables'
                  ? requests
                  : item.page === 'orders'
                    ? toAccept + toServe
                    : item.page === 'translator'
                      ? talking
                      : item.page === 'online-tasks'
                        ? (owed.outbox?.needsPerson ?? 0)
                        : item.page === 'esim'
                          ? esimWaiting
                          : 0;
              return (
                <a
                  key={item.page}
                  href={`/admin/${item.page}`}
                  class={`tab ${page === item.page ? 'tab-active' : ''}`}
                  aria-current={page === item.page ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(item.page);
                  }}
                >
                  {item.label}
                  {badge > 0 && <span class="badge" aria-label={`${badge} need attention`}>{badge}</span>}
                </a>
              );
            })}
          </nav>
          <div class="who">
            <ConnectionDot state={live.feed} />
            <span class="who-name">
              {session.name}
              {session.name.toLowerCase() !== roleLabel(session.role).toLowerCase() && <small>{roleLabel(session.role)}</small>}
            </span>
            <button type="button" class="btn btn-quiet" onClick={onLogout}>
              Log out
            </button>
          </div>
        </div>
        <OwedStrip owed={{ ...owed, currency }} manager={manager} />
      </header>
      {manager && <LoginBrakeBanner />}
      {live.error && (
        <div class="banner banner-error" role="alert">
          {live.error}
        </div>
      )}
      <main class="content">
        {page === 'tables' && <FloorPage store={store} live={live} role={session.role} currency={currency} esim={esim} />}
        {page === 'orders' && <OrdersPage store={store} live={live} role={session.role} />}
        {page === 'front-desk' && <FrontDeskPage store={store} role={session.role} currency={currency} esim={esim} />}
        {page === 'housekeeping' && <HousekeepingPage store={store} />}
        {page === 'translator' && <TranslatorPage live={live} role={session.role} onExpired={onExpired} />}
        {page === 'hotel' && manager && <HotelSettingsPage currency={currency} />}
        {page === 'menu' && manager && <MenuPage store={store} languages={venue?.languages ?? ['en', 'ru']} />}
        {page === 'staff' && manager && <StaffPage self={session} onSelfRenamed={onRenamed} />}
        {page === 'printers' && manager && <PrintersPage role={session.role} />}
        {page === 'cloud' && manager && <CloudPage />}
        {page === 'online-tasks' && manager && <OnlineTasksPage store={store} esim={esim} onChanged={owed.refresh} />}
        {page === 'payments' && manager && <PaymentsPage store={store} sub={where.sub} currency={currency} />}
        {page === 'esim' && <EsimPage store={store} role={session.role} sub={where.sub} />}
      </main>
    </div>
  );
}

function ConnectionDot({ state }: { state: 'connecting' | 'live' | 'offline' }) {
  const label = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Offline — reconnecting';
  return (
    <span class={`conn conn-${state}`} data-state={state} title={label}>
      <span class="conn-dot" aria-hidden="true" />
      <span class="conn-label">{label}</span>
    </span>
  );
}

export function roleLabel(role: string): string {
  return role === 'front_desk' ? 'Front desk' : role.charAt(0).toUpperCase() + role.slice(1);
}
