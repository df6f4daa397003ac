/**
 * The two purchase actions that ask something first: a refund (why; the money goes back through the
 * tender it came in) and a swap (which live package replaces the gone one, at the same price or lower,
 * and why). Both answer with the action's body; the card sends it.
 */
import { useState } from 'preact/hooks';
import type { EsimPackage, EsimPurchase, PurchaseActionBody } from '@onemoment/shared/schemas/esim';
import { Dialog } from '../dialog.tsx';
import { money } from '../format.ts';
import { swapChoices } from './esim-words.ts';
import { PackagePicker } from './package-picker.tsx';

interface ActionDialogProps {
  purchase: EsimPurchase;
  onClose: () => void;
  onSend: (body: PurchaseActionBody) => Promise<void>;
}

export function RefundDialog({ purchase, onClose, onSend }: ActionDialogProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = reason.trim() !== '';
  return (
    <Dialog title={`Refund · ${purchase.title}`} onClose={onClose}>
      <form
        class="reason-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ok || busy) return;
          setBusy(true);
          void onSend({ action: 'refund', reason: reason.trim() }).finally(() => setBusy(false));
        }}
      >
        <p class="form-note">
          {money(purchase.priceMinor, purchase.currency)} goes back to the guest the way it was paid.
          {purchase.status === 'delivered' && ' Airalo has already charged the venue for this eSIM.'}
        </p>
        <label>
          Why is it refunded? <small class="muted">(kept with the sale)</small>
          <input type="text" name="reason" maxLength={300} value={reason} placeholder="e.g. Airalo no longer sells it" onInput={(event) => setReason(event.currentTarget.value)} autoFocus />
        </label>
        <div class="panel-actions">
          <button type="submit" class="btn btn-danger" disabled={!ok || busy}>
            {busy ? 'Refunding…' : `Refund ${money(purchase.priceMinor, purchase.currency)}`}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Keep it
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function SwapDialog({ purchase, onClose, onSend }: ActionDialogProps) {
  const [chosen, setChosen] = useState<EsimPackage | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = chosen !== null && reason.trim() !== '';
  return (
    <Dialog title={`Swap · ${purchase.title}`} onClose={onClose} class="esim-sell-dialog">
      <p class="form-note">
        Pick a package Airalo still sells, at {money(purchase.priceMinor, purchase.currency)} or less; the guest keeps paying what they paid, and it is ordered at once.
      </p>
      <PackagePicker selected={chosen} onSelect={setChosen} choose={(packages) => swapChoices(packages, purchase)} />
      <form
        class="reason-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ok || busy || !chosen) return;
          setBusy(true);
          void onSend({ action: 'swap', packageId: chosen.id, reason: reason.trim() }).finally(() => setBusy(false));
        }}
      >
        <label>
          Why is it swapped? <small class="muted">(kept with the sale)</small>
          <input type="text" name="reason" maxLength={300} value={reason} placeholder="e.g. the 7-day package is gone" onInput={(event) => setReason(event.currentTarget.value)} />
        </label>
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={!ok || busy}>
            {busy ? 'Swapping…' : chosen ? `Swap to ${chosen.title}` : 'Swap'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Keep it
          </button>
        </div>
      </form>
    </Dialog>
  );
}
