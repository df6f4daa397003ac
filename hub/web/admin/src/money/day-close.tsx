/**
 * The day's close (managers): a business day's takings by tender, tips, discounts, service, VAT by
 * rate, what was written off, the tables still open with what they owe and the TON payments not yet
 * confirmed; then Close the day (the hub refuses while tables are open, and says so) and Print.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { clockTime, elapsedText, money, percentText, secondsSince } from '../format.ts';
import { useNow } from '../hooks.ts';
import type { LiveStore } from '../live-store.ts';
import { navigate } from '../router.ts';
import { notify } from '../toasts.tsx';
import type { DayTotals } from '../types.ts';
import { METHOD_LABELS } from '../bill/bill-words.ts';

export function DayClose({ store }: { store: LiveStore }) {
  /** '' is the business day the hub is in now. */
  const [day, setDay] = useState('');
  const [totals, setTotals] = useState<DayTotals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const now = useNow();
  const path = `/api/payments/days/${day || 'today'}`;
  const shown = useRef(path);
  shown.current = path;

  const load = async () => {
    const asked = path;
    try {
      const loaded = await api.get<DayTotals>(asked);
      // A slow answer for a day no longer chosen is not shown.
      if (shown.current !== asked) return;
      setTotals(loaded);
      setError(null);
    } catch (failure) {
      if (shown.current !== asked) return;
      setTotals(null);
      setError(describeError(failure));
    }
  };
  useEffect(() => {
    setTotals(null);
    void load();
    // Payments and settled bills change the day's totals: read them again as they happen.
    return store.onEvent((event) => {
      if (event.type === 'payment.recorded' || event.type === 'bill.settled' || event.type === 'visit.closed') void load();
    });
  }, [store, day]);

  const print = async () => {
    setPrinting(true);
    try {
      await api.post(`/api/payments/days/${totals?.businessDay ?? (day || 'today')}/print`);
      notify("The day's totals are on their way to the printer");
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setPrinting(false);
    }
  };

  const m = (amountMinor: number) => money(amountMinor, totals?.currency ?? 'EUR');

  return (
    <div class="day-close" data-day={totals?.businessDay ?? ''} data-closed={totals?.closedAt ? 'true' : 'false'}>
      <div class="page-head">
        <div class="day-pick">
          <label class="field">
            Business day
            <input type="date" name="day" value={day || totals?.businessDay || ''} onInput={(event) => setDay(event.currentTarget.value)} />
          </label>
          {day !== '' && (
            <button type="button" class="btn btn-quiet" onClick={() => setDay('')}>
              Today
            </button>
          )}
        </div>
        <div class="page-actions">
          <button type="button" class="btn" disabled={!totals || printing} onClick={() => void print()}>
            {printing ? 'Sending…' : 'Print'}
          </button>
          <button type="button" class="btn btn-primary" disabled={!totals || totals.closedAt !== null} onClick={() => setClosing(true)}>
            Close the day…
          </button>
        </div>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!totals ? (
        !error && <p class="muted">Loading the day…</p>
      ) : (
        <>
          <p class={`day-state ${totals.closedAt ? 'day-state-closed' : ''}`}>
            {totals.closedAt ? `Closed at ${clockTime(totals.closedAt)}${totals.closedBy ? ` by ${totals.closedBy}` : ''}.` : 'Open: payments still come in.'} {totals.settledBills}{' '}
            {totals.settledBills === 1 ? 'bill' : 'bills'} settled.
          </p>
          <div class="day-grid">
            <section class="card day-card" aria-label="Takings">
              <h2>Takings</h2>
              <table class="day-table">
                <thead>
                  <tr>
                    <th scope="col">Tender</th>
                    <th scope="col" class="num">
                      Payments
                    </th>
                    <th scope="col" class="num">
                      Amount
                    </th>
                    <th scope="col" class="num">
                      Tips
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {totals.byMethod.length === 0 && (
                    <tr>
                      <td colSpan={4} class="muted">
                        No payments yet.
                      </td>
                    </tr>
                  )}
                  {totals.byMethod.map((row) => (
                    <tr key={row.method} data-method={row.method}>
                      <th scope="row">{METHOD_LABELS[row.method]}</th>
                      <td class="num">{row.count}</td>
                      <td class="num">{m(row.amountMinor)}</td>
                      <td class="num">{m(row.tipMinor)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td />
                    <td class="num" data-testid="takings">
                      {m(totals.takingsMinor)}
                    </td>
                    <td class="num">{m(totals.tipsMinor)}</td>
                  </tr>
                </tfoot>
              </table>
            </section>

            <section class="card day-card" aria-label="Adjustments">
              <h2>Discounts, service, write-offs</h2>
              <dl class="day-sums">
                <Sum label="Discounts given" amount={m(totals.discountMinor)} />
                <Sum label="Service charge" amount={m(totals.serviceChargeMinor)} />
                <Sum label="Written off" amount={m(totals.writtenOffMinor)} />
                <Sum label="Tips" amount={m(totals.tipsMinor)} />
              </dl>
            </section>

            <section class="card day-card" aria-label="VAT">
              <h2>VAT by rate</h2>
              <table class="day-table">
                <thead>
                  <tr>
                    <th scope="col">Rate</th>
                    <th scope="col" class="num">
                      Net
                    </th>
                    <th scope="col" class="num">
                      VAT
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {totals.taxLines.map((line) => (
                    <tr key={line.rateBp}>
                      <th scope="row">{percentText(line.rateBp)}</th>
                      <td class="num">{m(line.netMinor)}</td>
                      <td class="num">{m(line.taxMinor)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td />
                    <td class="num">{m(totals.taxMinor)}</td>
                  </tr>
                </tfoot>
              </table>
            </section>

            <section class={`card day-card ${totals.openTables.length > 0 ? 'day-card-warn' : ''}`} aria-label="Open tables">
              <h2>Tables still open</h2>
              {totals.openTables.length === 0 ? (
                <p class="muted">None: every bill of the day is settled.</p>
              ) : (
                <>
                  <ul class="day-open-tables">
                    {totals.openTables.map((table) => (
                      <li key={table.visitId} data-visit-id={table.visitId}>
                        <span>{table.tableName}</span>
                        <strong class="num">{m(table.dueMinor)} due</strong>
                      </li>
                    ))}
                  </ul>
                  <button type="button" class="btn btn-small" onClick={() => navigate('tables')}>
                    Go to the tables
                  </button>
                </>
              )}
            </section>

            <section class={`card day-card ${totals.unconfirmedTon.count > 0 ? 'day-card-warn' : ''}`} aria-label="TON not confirmed">
              <h2>TON not confirmed yet</h2>
              {totals.unconfirmedTon.count === 0 ? (
                <p class="muted">None.</p>
              ) : (
                <p>
                  {totals.unconfirmedTon.count} {totals.unconfirmedTon.count === 1 ? 'invoice' : 'invoices'}, {m(totals.unconfirmedTon.amountMinor)}
                  {totals.unconfirmedTon.oldestAt && `, oldest ${elapsedText(secondsSince(totals.unconfirmedTon.oldestAt, now))}`}. They count once the hub confirms them on the TON network.
                </p>
              )}
            </section>
          </div>
        </>
      )}
      {closing && totals && (
        <CloseDayDialog
          totals={totals}
          onClose={() => setClosing(false)}
          onClosed={(closed) => {
            setTotals(closed);
            setClosing(false);
          }}
        />
      )}
    </div>
  );
}

function Sum({ label, amount }: { label: string; amount: string }) {
  return (
    <div class="bill-row">
      <dt class="bill-name">{label}</dt>
      <dd class="bill-amount">{amount}</dd>
    </div>
  );
}

function CloseDayDialog({ totals, onClose, onClosed }: { totals: DayTotals; onClose: () => void; onClosed: (totals: DayTotals) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    try {
      const closed = await api.post<DayTotals>(`/api/payments/days/${totals.businessDay}/close`, note.trim() ? { note: note.trim() } : {});
      notify(`${totals.businessDay} is closed`);
      onClosed(closed);
    } catch (failure) {
      notify(describeError(failure), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Close ${totals.businessDay}`} onClose={onClose}>
      <form
        class="money-form"
        onSubmit={(event) => {
          event.preventDefault();
          void close();
        }}
      >
        <p class="form-note">
          Takings {money(totals.takingsMinor, totals.currency)}, tips {money(totals.tipsMinor, totals.currency)}.
          {totals.openTables.length > 0 && (
            <strong>
              {' '}
              {totals.openTables.length} {totals.openTables.length === 1 ? 'table is' : 'tables are'} still open.
            </strong>
          )}
        </p>
        <label class="field">
          Note for the report <small class="muted">(optional)</small>
          <input type="text" name="note" maxLength={300} value={note} onInput={(event) => setNote(event.currentTarget.value)} autoFocus />
        </label>
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Closing…' : 'Close the day'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Not yet
          </button>
        </div>
      </form>
    </Dialog>
  );
}
