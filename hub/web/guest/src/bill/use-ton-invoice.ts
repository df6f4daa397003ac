/**
 * Paying with TON: the invoice the hub made for this phone (kept on the phone, since money may be on its
 * way when the page reloads), made once per tap (the id is made here, so a retry after a lost answer
 * gets the same invoice), kept live by `ton.invoice_updated`, and quoted again when it expired.
 */
import { ApiError, type ApiClient } from '@onemoment/shared/client/api-client';
import { newId } from '@onemoment/shared/ids';
import type { TonInvoice } from '@onemoment/shared/schemas/payments';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { keepInvoice, keptInvoice } from './bill-memory.ts';

/** Refusals that mean the bill moved on under the guest (read it again), not that TON is missing. */
const BILL_MOVED = new Set(['more_than_due', 'split_out_of_date', 'already_paid', 'visit_closed']);

/** Money is still expected: the guest may come back to it. */
export function isOpenInvoice(invoice: Pick<TonInvoice, 'status'>): boolean {
  return invoice.status === 'awaiting' || invoice.status === 'underpaid' || invoice.status === 'expired';
}

export type TonStart = { ok: true } | { ok: false; reason: 'unavailable' | 'bill-moved' | 'network' | 'refused'; message: string };

export interface TonPayment {
  invoice: TonInvoice | null;
  /** The hub cannot take TON here (not set up, or an older hub): the page stops offering it. */
  unavailable: boolean;
  busy: boolean;
  start(amountMinor: number, partId: string | null): Promise<TonStart>;
  /** Reads the invoice again; an expired one comes back with a new price. */
  refresh(): Promise<boolean>;
  /** A `ton.invoice_updated` for this visit. */
  updated(invoice: TonInvoice): void;
  /** The guest is done with it (paid, or paying another way). */
  dismiss(): void;
}

export function useTonInvoice(options: { api: ApiClient; tableCode: string; visitId: string }): TonPayment {
  const { api, tableCode, visitId } = options;
  const [invoice, setInvoiceState] = useState<TonInvoice | null>(() => keptInvoice(tableCode, visitId));
  const [unavailable, setUnavailable] = useState(false);
  const [busy, setBusy] = useState(false);
  // The tap whose answer may have been lost: the same amount again reuses its id.
  const attempt = useRef<{ id: string; amountMinor: number; partId: string | null } | null>(null);
  const current = useRef(invoice);
  current.current = invoice;

  const setInvoice = useCallback(
    (next: TonInvoice | null) => {
      current.current = next;
      keepInvoice(tableCode, next);
      setInvoiceState(next);
    },
    [tableCode],
  );

  const refresh = useCallback(async (): Promise<boolean> => {
    const shown = current.current;
    if (!shown) return false;
    setBusy(true);
    try {
      setInvoice(await api.get<TonInvoice>(`/api/guest/bill/ton-invoices/${encodeURIComponent(shown.id)}`));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setInvoice(null);
      return false;
    } finally {
      setBusy(false);
    }
  }, [api, setInvoice]);

  // A kept invoice may have moved on while the page was closed.
  useEffect(() => {
    if (invoice && isOpenInvoice(invoice)) void refresh();
  }, []);

  const start = useCallback(
    async (amountMinor: number, partId: string | null): Promise<TonStart> => {
      const previous = attempt.current;
      const id = previous && previous.amountMinor === amountMinor && previous.partId === partId ? previous.id : newId();
      attempt.current = { id, amountMinor, partId };
      setBusy(true);
      try {
        const made = await api.post<TonInvoice>('/api/guest/bill/ton-invoices', partId ? { id, amountMinor, partId } : { id, amountMinor });
        attempt.current = null;
        setInvoice(made);
        return { ok: true };
      } catch (error) {
        if (!(error instanceof ApiError) || error.isNetwork) return { ok: false, reason: 'network', message: String(error) };
        attempt.current = null;
        // A part that is gone (split again meanwhile) is a 404 too: only without a part does 404 mean no route.
        if (BILL_MOVED.has(error.code) || (error.status === 404 && partId)) return { ok: false, reason: 'bill-moved', message: error.message };
        // Not set up at this venue (409 ton_not_set_up), or a hub without TON payments (404).
        if (error.code === 'ton_not_set_up' || error.status === 404) {
          setUnavailable(true);
          return { ok: false, reason: 'unavailable', message: error.message };
        }
        return { ok: false, reason: 'refused', message: error.message };
      } finally {
        setBusy(false);
      }
    },
    [api, setInvoice],
  );

  const updated = useCallback(
    (next: TonInvoice) => {
      if (current.current?.id === next.id) setInvoice(next);
    },
    [setInvoice],
  );

  const dismiss = useCallback(() => setInvoice(null), [setInvoice]);

  return { invoice, unavailable, busy, start, refresh, updated, dismiss };
}
