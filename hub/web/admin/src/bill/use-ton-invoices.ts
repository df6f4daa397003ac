/**
 * A visit's TON invoices still waiting for money (awaiting, or part paid), so a waiter can show the QR
 * again after closing it. Read with the bill, and again when one of them changes. A hub without TON
 * (404) is not asked again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import type { TonStaffInvoice } from '../types.ts';

const OPEN: ReadonlyArray<TonStaffInvoice['status']> = ['awaiting', 'underpaid'];
let tonMissing = false;

export function useOpenTonInvoices(store: LiveStore, visitId: string | null): TonStaffInvoice[] {
  const [invoices, setInvoices] = useState<TonStaffInvoice[]>([]);
  const asked = useRef(visitId);
  asked.current = visitId;

  useEffect(() => {
    setInvoices([]);
    if (visitId === null) return;
    const read = async () => {
      if (tonMissing) return;
      try {
        const { invoices: all } = await api.get<{ invoices: TonStaffInvoice[] }>('/api/payments/ton/invoices');
        if (asked.current === visitId) setInvoices(all.filter((invoice) => invoice.visitId === visitId && OPEN.includes(invoice.status)));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) tonMissing = true;
      }
    };
    void read();
    return store.onEvent((event) => {
      if (event.type === 'ton.invoice_updated' && event.payload.visitId === visitId) void read();
    });
  }, [store, visitId]);

  return invoices;
}
