/**
 * The open visit: header with table, connection and service buttons; Menu, My orders and Bill views
 * (and Talk and Mobile data when the hub offers them); the item sheet, the cart sheet and the bottom
 * cart bar.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import { newId } from '@onemoment/shared/ids';
import { useEffect, useRef, useState } from 'preact/hooks';
import { keptBill } from './bill/bill-memory.ts';
import { BillView } from './bill/bill-view.tsx';
import { useBill } from './bill/use-bill.ts';
import { useTonInvoice } from './bill/use-ton-invoice.ts';
import { addToCart, findItem, MAX_LINES, MAX_QUANTITY, orderLines, priceCart, priceChanges, reconcileCart, unitPriceMinor, type AddResult, type Cart, type CartAction } from './cart.ts';
import { CartSheet } from './components/cart-sheet.tsx';
import { ConnectionDot } from './components/connection-dot.tsx';
import { ItemSheet, type ItemChoice } from './components/item-sheet.tsx';
import { LanguageSelect } from './components/language-select.tsx';
import { MenuView } from './components/menu-view.tsx';
import { Notices, type Notice } from './components/notices.tsx';
import { OrdersView } from './components/orders-view.tsx';
import { ServiceButtons } from './components/service-buttons.tsx';
import { StatusScreen } from './components/status-screen.tsx';
import { EsimEntry, LazyEsimView, useEsimOffer } from './esim/esim-entry.tsx';
import { useLocale } from './locale-context.ts';
import { LazyTalkView, TalkEntry } from './translator/lazy-talk-view.tsx';
import type { PendingOrder } from './pending-orders.ts';
import type { GuestSession } from './session.ts';
import type { MenuItem, Order } from './types.ts';
import { useCalls } from './use-calls.ts';
import { useVisitData, type BillEvent } from './use-visit-data.ts';

type View = 'menu' | 'orders' | 'bill' | 'talk' | 'esim';

export interface GuestHomeProps {
  session: GuestSession;
  api: ApiClient;
  venueName: string;
  /** The hub runs the translator: the page offers "Talk to staff". */
  canTalk: boolean;
  /** The hub runs the esim module: the page offers "Mobile data" when packages are on offer. */
  canBuyData: boolean;
  /** The hub runs payments: the page shows the bill (null: not known yet, as offline). */
  canPay: boolean | null;
  orders: Order[];
  setOrders: (update: (orders: Order[]) => Order[]) => void;
  pending: readonly PendingOrder[];
  placeOrder: (order: PendingOrder) => void;
  cart: Cart;
  dispatch: (action: CartAction) => void;
  /** Counts orders the hub refused, so the page can refresh what it knows. */
  refusals: number;
  notices: readonly Notice[];
  notify: (text: string, tone?: Notice['tone']) => void;
  dismiss: (id: number) => void;
  onLanguage: (language: string) => void;
  onClosed: () => void;
  /** The hub named the visit's table (at start, or staff moved the party). */
  onMoved: (table: { tableId: string; tableName: string }) => void;
  /** Something answered 401 without saying why: the page asks the hub. */
  onUnauthorized: () => void;
}

export function GuestHome(props: GuestHomeProps) {
  const { t, money, language, text } = useLocale();
  const [view, setView] = useState<View>(() => (props.pending.length > 0 ? 'orders' : 'menu'));
  const [talkUnseen, setTalkUnseen] = useState(0);
  const calls = useCalls(props.api);
  const esimOffer = useEsimOffer(props.api, props.canBuyData);
  // Raised on each eSIM sale change and resync: the Mobile data view reads its purchases again.
  const [esimChanges, setEsimChanges] = useState(0);
  const { tableCode, visitId } = props.session;
  // Offline before the venue was read, a bill kept from this visit says the hub takes payments.
  const canPay = props.canPay ?? keptBill(tableCode, visitId) !== null;
  const tonRef = useRef<ReturnType<typeof useTonInvoice> | null>(null);
  const billRef = useRef<ReturnType<typeof useBill> | null>(null);
  const onBillEvent = (event: BillEvent) => {
    if (event.type === 'bill.changed') billRef.current?.reload();
    else if (event.type === 'ton.invoice_updated') tonRef.current?.updated(event.payload);
    else props.notify(t('paymentReceived', { amount: money(event.payload.amountMinor + event.payload.tipMinor, event.payload.currency) }), 'ok');
  };
  const { menu, menuFailed, feedState, reloadMenu } = useVisitData({
    api: props.api,
    token: props.session.token,
    language,
    setOrders: props.setOrders,
    onClosed: props.onClosed,
    onUnauthorized: props.onUnauthorized,
    onTable: (table, moved) => {
      props.onMoved(table);
      if (moved) props.notify(t('tableMoved', { table: moved.tableName }), 'info');
    },
    onRequestAcknowledged: calls.acknowledged,
    onResync: () => {
      calls.reload();
      esimOffer.reload();
      setEsimChanges((n) => n + 1);
      billRef.current?.reload();
      if (tonRef.current?.invoice) void tonRef.current.refresh();
    },
    onBillEvent,
    onEsimChanged: (sale) => {
      setEsimChanges((n) => n + 1);
      if (!esimOffer.offered) esimOffer.reload(); // staff sold one to this visit
      if (sale.status === 'delivered' && view !== 'esim') props.notify(t('esimReadyToast'), 'ok');
    },
    onConversationLine: ({ line }) => {
      if (line.speaker !== 'staff' || view === 'talk') return;
      setTalkUnseen((count) => count + 1);
      props.notify(t('talkNewMessage'), 'info');
    },
  });
  const bill = useBill({ api: props.api, tableCode, visitId, enabled: canPay, feedState });
  billRef.current = bill;
  const ton = useTonInvoice({ api: props.api, tableCode, visitId });
  tonRef.current = ton;
  // An order placed or an item cancelled changes the bill without a bill.changed: read it when shown.
  useEffect(() => {
    if (view === 'bill') bill.reload();
  }, [view, props.orders]);
  const [openItemId, setOpenItemId] = useState<string | null>(null);
  const [cartOpen, setCartOpen] = useState(false);
  const cartRef = useRef(props.cart);
  cartRef.current = props.cart;
  const placedCart = useRef<Cart | null>(null);

  useEffect(() => {
    document.title = props.venueName ? `${props.session.tableName} · ${props.venueName}` : props.session.tableName;
  }, [props.venueName, props.session.tableName]);

  // A refused order may mean the menu moved on (an 86'd item) while the socket was away: read it again.
  useEffect(() => {
    if (props.refusals > 0) reloadMenu();
  }, [props.refusals]);

  // A changed menu (86'd item, new price, language) is the truth: drop what can no longer be ordered,
  // and say what now costs something else, with the cart's new total.
  const [totalChanged, setTotalChanged] = useState(0);
  useEffect(() => {
    if (!menu) return;
    const { cart: kept, removed } = reconcileCart(cartRef.current, menu);
    const { cart, changes } = priceChanges(kept, menu);
    if (cart !== cartRef.current) {
      cartRef.current = cart;
      props.dispatch({ type: 'replace', cart });
    }
    for (const name of new Set(removed.map((line) => line.name))) props.notify(t('itemGone', { name }), 'info');
    if (changes.length > 0) {
      const total = money(priceCart(cart, menu).totalMinor, menu.currency);
      for (const change of changes) {
        const before = money(change.beforeMinor, menu.currency);
        const after = money(change.afterMinor, menu.currency);
        props.notify(t('priceChanged', { name: change.name, before, after, total }), 'info');
      }
      setTotalChanged((n) => n + 1);
    }
    if (openItemId && !findItem(menu, openItemId)) setOpenItemId(null);
  }, [menu]);

  const openItem = menu && openItemId ? findItem(menu, openItemId) : undefined;
  // The bill's lines are the orders' items: their names in the guest's language.
  const itemNames = new Map(props.orders.flatMap((o) => o.items.map((item) => [item.id, item.names] as const)));
  const priced = menu ? priceCart(props.cart, menu) : { lines: [], totalMinor: 0, count: 0 };
  const currency = menu?.currency ?? props.orders[0]?.currency ?? 'EUR';
  const activeOrders = props.orders.filter((o) => o.status !== 'served' && o.status !== 'cancelled' && o.status !== 'voided').length;
  const ordersBadge = activeOrders + props.pending.filter((p) => !props.orders.some((o) => o.id === p.id)).length;

  const add = (item: MenuItem, choice: ItemChoice) => {
    const action = { type: 'add' as const, menuItemId: item.id, name: item.name, ...choice, unitMinor: unitPriceMinor(item, choice.modifierIds) };
    const result = addToCart(cartRef.current, action);
    if (result.added > 0) {
      cartRef.current = result.cart; // a second tap before the next render sees this one
      props.dispatch({ type: 'replace', cart: result.cart });
      setOpenItemId(null);
    }
    props.notify(addedMessage(result, item.name), result.leftOut > 0 ? 'error' : 'ok');
  };

  function addedMessage(result: AddResult, name: string): string {
    if (result.limit === 'too-many-lines') return t('tooManyLines', { max: MAX_LINES });
    if (result.added === 0) return t('lineFull', { name, max: MAX_QUANTITY });
    if (result.leftOut > 0) return t('addedPartly', { added: result.added, leftOut: result.leftOut, max: MAX_QUANTITY });
    return t('added');
  }

  const order = () => {
    if (!menu || priced.lines.length === 0) return;
    // A double tap must not make two orders: the same cart is only ever ordered once.
    if (placedCart.current === props.cart) return;
    placedCart.current = props.cart;
    // The id is made here, once: every retry sends this same id, so the hub can never make two orders.
    const id = newId();
    props.placeOrder({
      id,
      body: { id, items: orderLines(priced.lines.map((l) => l.line)) },
      summary: priced.lines.map((l) => ({ name: l.item.name, quantity: l.line.quantity, modifierNames: l.modifierNames, note: l.line.note })),
      totalMinor: priced.totalMinor,
      currency: menu.currency,
      createdAt: new Date().toISOString(),
    });
    props.dispatch({ type: 'clear' });
    setCartOpen(false);
    setView('orders');
    window.scrollTo({ top: 0 });
  };

  const showView = (next: View) => {
    setView(next);
    if (next === 'talk') setTalkUnseen(0);
    window.scrollTo({ top: 0 });
  };

  return (
    <div class={priced.count > 0 && view === 'menu' ? 'page page--with-bar' : 'page'}>
      <header class="top">
        <div class="top__row">
          <div class="top__where">
            {props.venueName && <span class="top__venue">{props.venueName}</span>}
            <div class="top__table-line">
              <h1 class="top__table">{props.session.tableName}</h1>
              <ConnectionDot state={feedState} />
            </div>
          </div>
          <LanguageSelect onChange={props.onLanguage} />
        </div>
        <ServiceButtons calls={calls.calls} send={calls.send} onSent={(kind) => kind === 'bill' && canPay && showView('bill')} notify={props.notify} />
        {props.canTalk && <TalkEntry unseen={talkUnseen} onOpen={() => showView('talk')} />}
        {esimOffer.offered && <EsimEntry onOpen={() => showView('esim')} />}
      </header>

      <nav class={canPay ? 'view-switch view-switch--three' : 'view-switch'} aria-label={t('tabMenu')}>
        <button type="button" class="view-switch__tab" aria-pressed={view === 'menu'} onClick={() => showView('menu')} data-testid="tab-menu">
          {t('tabMenu')}
        </button>
        <button type="button" class="view-switch__tab" aria-pressed={view === 'orders'} onClick={() => showView('orders')} data-testid="tab-orders">
          {t('tabOrders')}
          {ordersBadge > 0 && <span class="badge">{ordersBadge}</span>}
        </button>
        {canPay && (
          <button type="button" class="view-switch__tab" aria-pressed={view === 'bill'} onClick={() => showView('bill')} data-testid="tab-bill">
            {t('tabBill')}
          </button>
        )}
      </nav>

      {view === 'talk' && props.canTalk ? (
        <LazyTalkView api={props.api} token={props.session.token} onBack={() => showView('menu')} onUnauthorized={props.onUnauthorized} />
      ) : view === 'esim' && esimOffer.offered ? (
        <LazyEsimView
          api={props.api}
          changed={esimChanges}
          tableCode={tableCode}
          visitId={visitId}
          notify={props.notify}
          onBack={() => showView('menu')}
          onShowBill={canPay ? () => showView('bill') : undefined}
        />
      ) : view === 'bill' && canPay ? (
        <BillView
          api={props.api}
          state={bill}
          ton={ton}
          tableCode={tableCode}
          online={feedState === 'live'}
          askWaiter={() => calls.send('bill')}
          notify={props.notify}
          onBrowse={() => showView('menu')}
          lineName={(line) => text(itemNames.get(line.itemId), line.name)}
        />
      ) : view === 'orders' ? (
        <OrdersView orders={props.orders} pending={props.pending} onBrowse={() => showView('menu')} />
      ) : menu ? (
        <MenuView
          menu={menu}
          onOpen={(item) => setOpenItemId(item.id)}
          onQuickAdd={(item) => add(item, { quantity: 1, modifierIds: [], note: '' })}
        />
      ) : (
        <StatusScreen busy={!menuFailed} icon="alert" title={menuFailed ? t('menuError') : t('menuLoading')}>
          {menuFailed && (
            <button type="button" class="button button--secondary" onClick={reloadMenu}>
              {t('tryAgain')}
            </button>
          )}
        </StatusScreen>
      )}

      {view === 'menu' && priced.count > 0 && (
        <div class="cart-bar">
          <button type="button" class="cart-bar__button" onClick={() => setCartOpen(true)} data-testid="cart-bar">
            <span class="cart-bar__count">{priced.count}</span>
            <span class="cart-bar__label">{t('viewOrder')}</span>
            <span key={totalChanged} class={totalChanged > 0 ? 'cart-bar__total cart-bar__total--changed' : 'cart-bar__total'} data-testid="cart-bar-total">
              {money(priced.totalMinor, currency)}
            </span>
          </button>
        </div>
      )}

      <Notices notices={props.notices} onDismiss={props.dismiss} />

      {openItem && menu && (
        <ItemSheet key={openItem.id} item={openItem} currency={menu.currency} cart={props.cart} onAdd={(choice) => add(openItem, choice)} onClose={() => setOpenItemId(null)} />
      )}
      {cartOpen && (
        <CartSheet
          lines={priced.lines}
          totalMinor={priced.totalMinor}
          currency={currency}
          onQuantity={(key, quantity) => props.dispatch({ type: 'setQuantity', key, quantity })}
          onOrder={order}
          onClose={() => setCartOpen(false)}
        />
      )}
    </div>
  );
}
