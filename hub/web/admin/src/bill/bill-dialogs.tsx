/** The bill's dialogs, one at a time, opened from the bill section or from the close dialog. */
import type { LiveStore } from '../live-store.ts';
import type { BillView, Payment, TonInvoice } from '../types.ts';
import { DiscountDialog } from './discount-dialog.tsx';
import { PaymentDialog } from './payment-dialog.tsx';
import { SplitDialog } from './split-dialog.tsx';
import { TonInvoiceDialog } from './ton-invoice-dialog.tsx';
import { SellEsimDialog } from '../esim/sell-esim-dialog.tsx';

export type BillDialog =
  /** `thenClose`: opened from closing the visit, which goes on once the bill is paid. */
  | { kind: 'pay'; partId: string | null; thenClose: boolean }
  | { kind: 'split' }
  | { kind: 'discount' }
  /** `invoice`: one made before, shown again. */
  | { kind: 'ton'; partId: string | null; invoice?: TonInvoice }
  | { kind: 'esim' };

interface BillDialogsProps {
  store: LiveStore;
  dialog: BillDialog | null;
  bill: BillView | null;
  onClose: () => void;
  onBill: (bill: BillView) => void;
  onPaid: (payment: Payment, dialog: Extract<BillDialog, { kind: 'pay' }>) => void;
}

export function BillDialogs({ store, dialog, bill, onClose, onBill, onPaid }: BillDialogsProps) {
  if (!dialog || !bill) return null;
  const changed = (view: BillView) => {
    onBill(view);
    onClose();
  };
  switch (dialog.kind) {
    case 'pay':
      return <PaymentDialog bill={bill} partId={dialog.partId} onClose={onClose} onPaid={(payment) => onPaid(payment, dialog)} />;
    case 'split':
      return <SplitDialog bill={bill} onClose={onClose} onSplit={changed} />;
    case 'discount':
      return <DiscountDialog bill={bill} onClose={onClose} onGiven={changed} />;
    case 'ton':
      return <TonInvoiceDialog store={store} bill={bill} partId={dialog.partId} existing={dialog.invoice ?? null} onClose={onClose} />;
    case 'esim':
      return <SellEsimDialog bill={bill} onClose={onClose} onSold={changed} />;
  }
}
