/**
 * The Bill tab: the bill as it stands (live), its split with who has paid which part, and the ways to
 * pay: TON from the phone (the whole bill or the guest's part), a split from the phone, or cash and card
 * through the waiter. Offline it shows the last bill read, with its time, and offers nothing that needs
 * the hub. Splitting and paying with TON live in their own chunk, fetched on the first tap.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import type { BillPart, BillView as Bill, SplitBody } from '@onemoment/shared/schemas/payments';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/icons.tsx';
import { StatusScreen } from '../components/status-screen.tsx';
import { useLocale } from '../locale-context.ts';
import { BillBreakdown, type LineName } from './bill-breakdown.tsx';
import './bill.css';
import { chosenPart, choosePart } from './bill-memory.ts';
import { loadBillActions, type BillActionsModule } from './lazy-bill-actions.ts';
import { tonText } from './ton-format.ts';
import type { BillState } from './use-bill.ts';
import { isOpenInvoice, type TonPayment } from './use-ton-invoice.ts';

export interface BillViewProps {
  api: ApiClient;
  state: BillState;
  ton: TonPayment;
  tableCode: string;
  /** The hub can be reached: splitting and paying are offered. */
  online: boolean;
  /** Asks the waiter to come with the bill (cash or card). */
  askWaiter: () => Promise<unknown>;
  notify: (text: string, tone?: 'ok' | 'error' | 'info') => void;
  onBrowse: () => void;
  lineName: LineName;
}

export function BillView(props: BillViewProps) {
  const { t, money, time } = useLocale();
  const { state, ton } = props;
  const bill = state.bill;
  const [actions, setActions] = useState<BillActionsModule | null>(null);
  const [opening, setOpening] = useState<'split' | 'ton' | null>(null);
  const [splitOpen, setSplitOpen] = useState(false);
  const [payingTon, setPayingTon] = useState(false);
  const [asking, setAsking] = useState(false);
  const [mine, setMine] = useState<string | null>(() => (bill?.split ? chosenPart(props.tableCode, bill.split.id) : null));
  const splitId = bill?.split?.id ?? null;
  useEffect(() => setMine(splitId ? chosenPart(props.tableCode, splitId) : null), [splitId]);
  // The pay buttons sit below the bill: the TON screen, and the bill again, start at their top.
  const first = useRef(true);
  useEffect(() => {
    if (!first.current) window.scrollTo({ top: 0 });
    first.current = false;
  }, [payingTon]);

  if (!bill) {
    if (!state.failed) return <StatusScreen busy title={t('billLoading')} />;
    return (
      <StatusScreen icon="alert" tone="warn" title={t('billError')} body={t('unreachableBody')}>
        <button type="button" class="button button--secondary" onClick={state.reload}>
          {t('tryAgain')}
        </button>
      </StatusScreen>
    );
  }

  /** The split and TON screens are a chunk of their own: fetched on the first tap, then kept. */
  const withActions = async (what: 'split' | 'ton'): Promise<BillActionsModule | null> => {
    if (actions) return actions;
    setOpening(what);
    try {
      const loaded = await loadBillActions();
      setActions(loaded);
      return loaded;
    } catch {
      props.notify(t('billActionsFailed'), 'error');
      return null;
    } finally {
      setOpening(null);
    }
  };

  const openSplit = async () => {
    if (await withActions('split')) setSplitOpen(true);
  };

  const payWithTon = async (amountMinor: number, partId: string | null) => {
    setOpening('ton');
    const [loaded, started] = await Promise.all([withActions('ton'), ton.start(amountMinor, partId)]);
    setOpening(null);
    if (!started.ok) {
      if (started.reason === 'bill-moved') {
        state.reload();
        props.notify(t('billMovedOn'), 'error');
      } else if (started.reason === 'unavailable') props.notify(t('tonUnavailable'), 'info');
      else if (started.reason === 'network') props.notify(t('requestFailed'), 'error');
      else props.notify(t('tonRefused', { message: started.message }), 'error');
      return;
    }
    if (loaded) setPayingTon(true);
  };

  const showTon = async () => {
    if (await withActions('ton')) setPayingTon(true);
  };

  const askWaiter = async () => {
    setAsking(true);
    try {
      await props.askWaiter();
      props.notify(t('billAsked'), 'ok');
    } catch {
      props.notify(t('requestFailed'), 'error');
    } finally {
      setAsking(false);
    }
  };

  const split = async (body: SplitBody) => {
    const next = await props.api.post<Bill>('/api/guest/bill/split', body);
    state.replace(next);
    setSplitOpen(false);
  };

  const pickPart = (partId: string) => {
    if (!bill.split) return;
    const next = mine === partId ? null : partId;
    choosePart(props.tableCode, bill.split.id, next);
    setMine(next);
  };

  if (payingTon && actions && ton.invoice) {
    return (
      <actions.TonPayScreen
        invoice={ton.invoice}
        online={props.online}
        busy={ton.busy}
        onRequote={() => void ton.refresh()}
        onBack={() => setPayingTon(false)}
        onForget={() => {
          ton.dismiss();
          setPayingTon(false);
        }}
        notify={props.notify}
      />
    );
  }

  const open = bill.status === 'open' && bill.dueMinor > 0;
  const myPart = bill.split?.current ? bill.split.parts.find((part) => part.id === mine && part.dueMinor > 0) : undefined;
  const ongoing = ton.invoice && isOpenInvoice(ton.invoice) ? ton.invoice : null;
  const offerTon = open && props.online && !ton.unavailable && !ongoing;

  return (
    <div class="bill-view" data-testid="bill-view" data-status={bill.status}>
      <header class="bill-view__head">
        <h2 class="bill-view__title">{t('billTitle')}</h2>
        {!state.current && state.at && (
          <span class="bill-view__as-of" data-testid="bill-as-of">
            <Icon name="clock" size={16} />
            {t('billAsOf', { time: time(state.at) })}
          </span>
        )}
      </header>

      {bill.status !== 'open' && bill.lines.length > 0 && (
        <p class="bill-banner bill-banner--ok" data-testid="bill-paid-banner">
          <Icon name="check" size={22} />
          <span>{bill.status === 'paid' ? t('billPaidInFull') : t('billSettled')}</span>
        </p>
      )}
      {!props.online && open && <p class="bill-note">{t('billOfflineNote')}</p>}

      {bill.lines.length === 0 && bill.payments.length === 0 ? (
        <div class="empty-orders">
          <p class="empty">{t('billEmpty')}</p>
          <button type="button" class="button button--secondary" onClick={props.onBrowse}>
            {t('browseMenu')}
          </button>
        </div>
      ) : (
        <section class="bill-card">
          <BillBreakdown bill={bill} lineName={props.lineName} />
        </section>
      )}

      {bill.split && bill.status === 'open' && <SplitParts bill={bill} mine={mine} onPick={pickPart} />}

      {ongoing && (
        <button type="button" class="bill-ongoing" onClick={() => void showTon()} data-testid="ton-ongoing">
          <span class="spinner spinner--small" aria-hidden="true" />
          <span class="bill-ongoing__text">
            <strong>{t('tonOngoing', { amount: tonText(ongoing.status === 'underpaid' ? ongoing.remainingNanotons : ongoing.nanotons, '.') })}</strong>
            <span>{t(ongoing.status === 'expired' ? 'tonStatusExpiredShort' : ongoing.status === 'underpaid' ? 'tonStatusUnderpaidShort' : 'tonStatusAwaitingShort')}</span>
          </span>
          <span class="bill-ongoing__go">{t('tonShow')}</span>
        </button>
      )}

      {open && (
        <section class="bill-actions" aria-label={t('billPayTitle')}>
          {offerTon && (
            <>
              {myPart ? (
                <>
                  <PayButton primary label={t('payMyPartTon')} amount={money(myPart.dueMinor, bill.currency)} busy={opening === 'ton' || ton.busy} onClick={() => void payWithTon(myPart.dueMinor, myPart.id)} testId="pay-ton-part" />
                  <PayButton label={t('payAllTon')} amount={money(bill.dueMinor, bill.currency)} busy={opening === 'ton' || ton.busy} onClick={() => void payWithTon(bill.dueMinor, null)} testId="pay-ton" />
                </>
              ) : (
                <PayButton primary label={t('payTon')} amount={money(bill.dueMinor, bill.currency)} busy={opening === 'ton' || ton.busy} onClick={() => void payWithTon(bill.dueMinor, null)} testId="pay-ton" />
              )}
            </>
          )}
          {props.online && (
            <button type="button" class="button button--secondary button--block" disabled={opening === 'split'} onClick={() => void openSplit()} data-testid="split-bill">
              {bill.split ? t('splitAgain') : t('splitBill')}
            </button>
          )}
          <button type="button" class="button button--secondary button--block bill-actions__waiter" disabled={asking || !props.online} onClick={() => void askWaiter()} data-testid="ask-waiter-pay">
            <Icon name="bell" />
            <span>{t('payCashCard')}</span>
          </button>
        </section>
      )}

      {splitOpen && actions && <actions.SplitSheet bill={bill} lineName={props.lineName} onSplit={split} onClose={() => setSplitOpen(false)} />}
    </div>
  );
}

function PayButton(props: { label: string; amount: string; primary?: boolean; busy: boolean; onClick: () => void; testId: string }) {
  return (
    <button
      type="button"
      class={`button button--block button--grow ${props.primary ? 'button--primary' : 'button--secondary'}`}
      disabled={props.busy}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      <span>{props.label}</span>
      <span class="button__price">{props.amount}</span>
    </button>
  );
}

/** The split's parts: what each comes to, what is paid, and which one is this guest's. */
function SplitParts(props: { bill: Bill; mine: string | null; onPick: (partId: string) => void }) {
  const { t } = useLocale();
  const split = props.bill.split!;
  const title = split.kind === 'equal' ? t('splitTitleEqual') : split.kind === 'items' ? t('splitTitleItems') : t('splitTitleAmounts');
  return (
    <section class="bill-split" data-testid="bill-split" data-current={split.current}>
      <h3 class="section-label">{title}</h3>
      {!split.current && <p class="bill-note bill-note--warn">{t('splitOutdated')}</p>}
      {split.current && !props.mine && split.parts.some((part) => part.dueMinor > 0) && <p class="bill-note">{t('splitWhichIsYours')}</p>}
      <ul class="bill-parts">
        {split.parts.map((part) => (
          <PartRow key={part.id} part={part} currency={props.bill.currency} mine={part.id === props.mine} canPick={split.current} onPick={() => props.onPick(part.id)} />
        ))}
      </ul>
    </section>
  );
}

function PartRow(props: { part: BillPart; currency: string; mine: boolean; canPick: boolean; onPick: () => void }) {
  const { t, money } = useLocale();
  const { part } = props;
  const paid = part.dueMinor === 0;
  return (
    <li class={`bill-part${props.mine ? ' bill-part--mine' : ''}${paid ? ' bill-part--paid' : ''}`} data-testid="bill-part" data-part-id={part.id} data-paid={paid}>
      <span class="bill-part__who">
        <span class="bill-part__name">{t('person', { n: part.position + 1 })}</span>
        <span class="bill-part__state" data-testid="part-state">
          {paid ? (
            <>
              <Icon name="check" size={16} /> {t('partPaid')}
            </>
          ) : part.paidMinor > 0 ? (
            t('partPartlyPaid', { paid: money(part.paidMinor, props.currency), due: money(part.dueMinor, props.currency) })
          ) : (
            t('partToPay')
          )}
        </span>
      </span>
      <span class="bill-part__amount">{money(part.amountMinor, props.currency)}</span>
      {props.canPick && !paid && (
        <button type="button" class="bill-part__pick" aria-pressed={props.mine} onClick={props.onPick} data-testid="pick-part">
          {props.mine ? t('partMine') : t('partPick')}
        </button>
      )}
    </li>
  );
}
