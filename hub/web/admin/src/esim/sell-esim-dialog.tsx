/**
 * Selling a travel eSIM at the desk: pick an offered package, and it goes on the visit's bill at the
 * price shown (the hub refuses if the price changed meanwhile, and the new one is shown to confirm).
 * The guest pays the bill with the usual tenders; the eSIM is ordered from Airalo once it is paid. A
 * stay in house is the exception: the hub charges the sale to the room at once and orders it.
 * The sale's id is made once per package chosen and kept for every retry, so a lost answer never puts
 * the eSIM on the bill twice.
 */
import { useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import type { EsimPackage, EsimPurchase } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { Dialog } from '../dialog.tsx';
import { money } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillView } from '../types.ts';
import { packageSummary } from './esim-words.ts';
import { PackagePicker } from './package-picker.tsx';
import './esim.css';

interface SellEsimDialogProps {
  bill: BillView;
  /** The visit is a hotel stay in house: the price goes on the room at once, nothing waits for the bill. */
  chargedToRoom?: boolean;
  onClose: () => void;
  /** The sale is on the bill: the bill as the hub has it now. */
  onSold: (bill: BillView) => void;
}

export function SellEsimDialog({ bill, chargedToRoom = false, onClose, onSold }: SellEsimDialogProps) {
  const [chosen, setChosen] = useState<{ pkg: EsimPackage; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const visitPath = `/api/visits/${encodeURIComponent(bill.visitId)}`;
  const price = chosen ? money(chosen.pkg.priceMinor, chosen.pkg.currency) : '';

  const choose = (pkg: EsimPackage) => {
    setProblem(null);
    // A different package is a different sale; the same one picked again (a new price) keeps its id.
    setChosen((current) => ({ pkg, id: current?.pkg.id === pkg.id ? current.id : newId() }));
  };

  const sell = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setProblem(null);
    const { pkg, id } = chosen;
    try {
      const purchase = await api.post<EsimPurchase>(`${visitPath}/esim/purchases`, { id, packageId: pkg.id, priceMinor: pkg.priceMinor });
      const sold = money(purchase.priceMinor, purchase.currency);
      // The hub's answer says which: still owed on the bill, or already paid by the room charge.
      notify(
        purchase.status === 'awaiting_payment'
          ? `${bill.tableName}: eSIM · ${purchase.title} is on the bill (${sold}). It is ordered once the bill is paid.`
          : `${bill.tableName}: eSIM · ${purchase.title} is charged to the room (${sold}) and ordered from Airalo.`,
      );
      onSold(await api.get<BillView>(`${visitPath}/bill`));
    } catch (failure) {
      setProblem(describeError(failure));
      if (failure instanceof ApiError && (failure.code === 'price_changed' || failure.code === 'not_offered' || failure.code === 'unknown_package')) {
        // Read the offer again: the new price shows on the package, to be picked and confirmed.
        setChosen(null);
        setReloadKey((key) => key + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Sell an eSIM · ${bill.tableName}`} onClose={onClose} class="esim-sell-dialog">
      <PackagePicker selected={chosen?.pkg ?? null} onSelect={choose} reloadKey={reloadKey} />
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="esim-sell-foot">
        {chosen ? (
          <p class="esim-sell-what">
            <strong>{chosen.pkg.title}</strong> · {packageSummary(chosen.pkg)} {chargedToRoom ? 'is charged to the room' : 'goes on the bill'} for <strong>{price}</strong>
            {chargedToRoom ? ' and ordered from Airalo at once.' : '.'}
          </p>
        ) : (
          <p class="muted small">
            {chargedToRoom ? 'Pick a package. Its price is charged to the room at once, and it is ordered from Airalo.' : 'Pick a package. It is added to the bill and ordered from Airalo once the bill is paid.'}
          </p>
        )}
        <div class="panel-actions">
          <button type="button" class="btn btn-primary" disabled={!chosen || busy} onClick={() => void sell()}>
            {busy ? 'Adding…' : !chosen ? 'Sell' : chargedToRoom ? `Charge ${price} to the room` : `Sell for ${price}`}
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
