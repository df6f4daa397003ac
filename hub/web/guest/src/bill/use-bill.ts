/**
 * The visit's bill as the page holds it: the last one kept on the phone at once (offline it is all
 * there is: read-only, with its time), then `GET /api/guest/bill`, read again whenever the hub says it
 * changed (`bill.changed`, through the visit's socket), when the socket comes back, and after a resync.
 */
import type { ApiClient } from '@onemoment/shared/client/api-client';
import type { FeedState } from '@onemoment/shared/client/realtime-feed';
import type { BillView } from '@onemoment/shared/schemas/payments';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { keepBill, keptBill } from './bill-memory.ts';

export interface BillState {
  bill: BillView | null;
  /** When the hub answered the bill shown (ISO); null before the first answer. */
  at: string | null;
  /** The bill shown is the hub's current one: the last read worked and the socket is live. */
  current: boolean;
  /** No bill to show, and the last read failed. */
  failed: boolean;
  reload(): void;
  /** An answer that carries the whole bill (the split's) stands in for a read. */
  replace(bill: BillView): void;
}

export function useBill(options: { api: ApiClient; tableCode: string; visitId: string; enabled: boolean; feedState: FeedState }): BillState {
  const { api, tableCode, visitId, enabled, feedState } = options;
  const [kept, setKept] = useState(() => keptBill(tableCode, visitId));
  const [readWorked, setReadWorked] = useState<boolean | null>(null);
  const ticket = useRef(0);

  const replace = useCallback(
    (bill: BillView) => {
      ticket.current += 1; // a read already under way started before this answer: it must not win
      const at = new Date().toISOString();
      keepBill(tableCode, bill, at);
      setKept({ bill, at });
      setReadWorked(true);
    },
    [tableCode],
  );

  const reload = useCallback(() => {
    if (!enabled) return;
    const mine = ++ticket.current; // only the newest read may set the bill
    api.get<BillView>('/api/guest/bill').then(
      (bill) => {
        if (mine !== ticket.current) return;
        const at = new Date().toISOString();
        keepBill(tableCode, bill, at);
        setKept({ bill, at });
        setReadWorked(true);
      },
      () => {
        if (mine === ticket.current) setReadWorked(false);
      },
    );
  }, [api, tableCode, enabled]);

  useEffect(reload, [reload]);

  // Back from offline: whatever changed meanwhile was missed, read it again.
  const wentOffline = useRef(false);
  useEffect(() => {
    if (feedState === 'offline') wentOffline.current = true;
    if (feedState === 'live' && wentOffline.current) {
      wentOffline.current = false;
      reload();
    }
  }, [feedState, reload]);

  return {
    bill: kept?.bill ?? null,
    at: kept?.at ?? null,
    current: readWorked === true && feedState === 'live',
    failed: !kept && readWorked === false,
    reload,
    replace,
  };
}
