import { toMajorText } from '../format.ts';
import { cashSuggestions } from '../bill/payment-draft.ts';

/**
 * The fields of a cash or card payment that every till in the staff pages shares (a table's bill, a
 * hotel folio): quick amounts handed over with the change to give back, and the card slip's details.
 */

interface CashChangeProps {
  /** What this payment asks for (amount and tip), when the form reads as a payment; null hides the quick amounts. */
  owedMinor: number | null;
  changeMinor: number | null;
  currency: string;
  money: (minor: number) => string;
  onTendered: (text: string) => void;
}

export function CashChange({ owedMinor, changeMinor, currency, money, onTendered }: CashChangeProps) {
  return (
    <>
      {owedMinor !== null && (
        <div class="chips" role="group" aria-label="Quick amounts handed over">
          {cashSuggestions(owedMinor, currency).map((amount) => (
            <button key={amount} type="button" class="chip-button" onClick={() => onTendered(toMajorText(amount, currency))}>
              {money(amount)}
            </button>
          ))}
        </div>
      )}
      <div class={`change-box ${changeMinor !== null ? '' : 'change-box-off'}`} aria-live="polite" data-testid="change">
        <span>Change to give back</span>
        <strong>{changeMinor !== null ? money(changeMinor) : '—'}</strong>
      </div>
    </>
  );
}

interface CardSlipProps {
  last4: string;
  approvalCode: string;
  onChange: (change: { last4?: string; approvalCode?: string }) => void;
}

export function CardSlipFields({ last4, approvalCode, onChange }: CardSlipProps) {
  return (
    <div class="money-grid">
      <label class="field">
        Card: last 4 digits <small class="muted">(optional)</small>
        <input type="text" name="last4" inputMode="numeric" maxLength={4} autoComplete="off" value={last4} onInput={(e) => onChange({ last4: e.currentTarget.value })} />
      </label>
      <label class="field">
        Approval code <small class="muted">(optional)</small>
        <input type="text" name="approvalCode" maxLength={12} autoComplete="off" value={approvalCode} onInput={(e) => onChange({ approvalCode: e.currentTarget.value })} />
      </label>
    </div>
  );
}
