/**
 * Split the bill: equally by N, by amounts that must add up to what is due (what is left to give out
 * shows as it is typed), or by items: each line tapped onto the guests who had it, shared equally
 * among them or in portions (two of three beers to one guest). The parts preview is what the hub
 * will make; it splits what is due now.
 */
import { useState } from 'preact/hooks';
import { newId } from '@onemoment/shared/ids';
import { api, describeError } from '../api.ts';
import { money, toMajorText } from '../format.ts';
import { notify } from '../toasts.tsx';
import type { BillView } from '../types.ts';
import { Dialog } from '../dialog.tsx';
import { MAX_PEOPLE, checkAmounts, checkEqual, checkItems, setPortions, shareEverything, shareText, startItemsPlan, togglePerson, withPeople, type ItemsPlan, type PlanCheck } from './split-plan.ts';

type Mode = 'equal' | 'amounts' | 'items';
const MODE_LABELS: Record<Mode, string> = { equal: 'Equally', amounts: 'By amounts', items: 'By items' };

export function SplitDialog({ bill, onClose, onSplit }: { bill: BillView; onClose: () => void; onSplit: (bill: BillView) => void }) {
  const currency = bill.currency;
  const due = bill.dueMinor;
  const [mode, setMode] = useState<Mode>('equal');
  const [people, setPeople] = useState(2);
  const [amounts, setAmounts] = useState<string[]>(['', '']);
  const [plan, setPlan] = useState<ItemsPlan>(() => startItemsPlan(bill.lines, 2));
  const [uneven, setUneven] = useState<Set<string>>(new Set());
  const [attemptId] = useState(() => newId());
  const [busy, setBusy] = useState(false);
  const m = (amountMinor: number) => money(amountMinor, currency);

  const amountsCheck = checkAmounts(amounts, due, currency);
  const check: PlanCheck = mode === 'equal' ? checkEqual(people, due) : mode === 'amounts' ? amountsCheck.result : checkItems(plan, bill.lines, due);

  const submit = async () => {
    if (!check.ok || busy) return;
    setBusy(true);
    try {
      const view = await api.post<BillView>(`/api/visits/${encodeURIComponent(bill.visitId)}/bill/split`, { id: attemptId, ...check.request });
      notify(`${bill.tableName}: the bill is split in ${view.split?.parts.length ?? check.partsMinor.length}`);
      onSplit(view);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Split the bill · ${bill.tableName}`} onClose={onClose} class="split-dialog">
      <p class="form-note">
        Splits what is due now: <strong>{m(due)}</strong>. Each part is then paid on its own.
      </p>
      <div class="segmented" role="group" aria-label="How to split">
        {(Object.keys(MODE_LABELS) as Mode[]).map((value) => (
          <button key={value} type="button" aria-pressed={mode === value} onClick={() => setMode(value)}>
            {MODE_LABELS[value]}
          </button>
        ))}
      </div>

      {mode === 'equal' && (
        <div class="split-people">
          <span>People</span>
          <Stepper label="people" value={people} min={2} max={MAX_PEOPLE} onChange={setPeople} />
        </div>
      )}

      {mode === 'amounts' && (
        <div class="split-amounts">
          {amounts.map((text, index) => (
            <div key={index} class="split-amount-row">
              <label class="field">
                Guest {index + 1}
                <input
                  type="text"
                  name={`amount-${index + 1}`}
                  inputMode="decimal"
                  autoComplete="off"
                  value={text}
                  placeholder="0.00"
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setAmounts((list) => list.map((old, i) => (i === index ? value : old)));
                  }}
                />
              </label>
              {amountsCheck.leftMinor > 0 && (text.trim() === '' || amountsCheck.amountsMinor[index] !== null) && (
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  onClick={() => setAmounts((list) => list.map((old, i) => (i === index ? toMajorText((amountsCheck.amountsMinor[index] ?? 0) + amountsCheck.leftMinor, currency) : old)))}
                >
                  + the rest
                </button>
              )}
              {amounts.length > 2 && (
                <button type="button" class="btn btn-small btn-quiet" aria-label={`Take out guest ${index + 1}`} onClick={() => setAmounts((list) => list.filter((_, i) => i !== index))}>
                  ✕
                </button>
              )}
            </div>
          ))}
          <div class="panel-actions">
            <button type="button" class="btn btn-small" disabled={amounts.length >= MAX_PEOPLE} onClick={() => setAmounts((list) => [...list, ''])}>
              Add a guest
            </button>
            <span class={`split-left ${amountsCheck.leftMinor < 0 ? 'split-left-over' : amountsCheck.leftMinor === 0 ? 'split-left-done' : ''}`} role="status" data-testid="left-to-assign">
              {amountsCheck.leftMinor >= 0 ? `Left to give out: ${m(amountsCheck.leftMinor)}` : `Too much by ${m(-amountsCheck.leftMinor)}`}
            </span>
          </div>
        </div>
      )}

      {mode === 'items' && (
        <div class="split-items">
          <div class="split-people">
            <span>People</span>
            <Stepper label="people" value={plan.people} min={2} max={MAX_PEOPLE} onChange={(count) => setPlan((current) => withPeople(current, count))} />
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setPlan((current) => shareEverything(current))}>
              Share everything
            </button>
          </div>
          <ul class="split-lines">
            {bill.lines.map((line) => {
              const row = plan.portions[line.itemId] ?? [];
              const portions = uneven.has(line.itemId);
              return (
                <li key={line.itemId} class="split-line" data-line-id={line.itemId}>
                  <div class="split-line-head">
                    <span class="bill-name">
                      {line.quantity}× {line.name}
                    </span>
                    <span class="bill-amount">{m(line.totalMinor)}</span>
                    <button
                      type="button"
                      class="link-button"
                      aria-pressed={portions}
                      onClick={() => setUneven((set) => (set.has(line.itemId) ? new Set([...set].filter((id) => id !== line.itemId)) : new Set([...set, line.itemId])))}
                    >
                      {portions ? 'Equal shares' : 'Portions…'}
                    </button>
                  </div>
                  <div class="split-guests" role="group" aria-label={`Who had ${line.name}`}>
                    {row.map((count, person) =>
                      portions ? (
                        <span key={person} class="split-portion">
                          Guest {person + 1}
                          <Stepper label={`portions of ${line.name} for guest ${person + 1}`} value={count} min={0} max={99} onChange={(value) => setPlan((current) => setPortions(current, line.itemId, person, value))} />
                        </span>
                      ) : (
                        <button
                          key={person}
                          type="button"
                          class={`chip-button ${count > 0 ? 'chip-button-on' : ''}`}
                          aria-pressed={count > 0}
                          aria-label={`Guest ${person + 1} had ${line.name}`}
                          onClick={() => setPlan((current) => togglePerson(current, line.itemId, person))}
                        >
                          Guest {person + 1}
                          {count > 0 && shareText(plan, line.itemId, person) !== 'all' && <small> {shareText(plan, line.itemId, person)}</small>}
                        </button>
                      ),
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <ol class="split-preview" aria-label="The parts">
        {check.partsMinor.map((amount, index) => (
          <li key={index}>
            <span>Guest {index + 1}</span>
            <strong class="bill-amount">{m(amount)}</strong>
          </li>
        ))}
      </ol>
      {!check.ok && <p class="form-error">{check.problem}</p>}
      <div class="panel-actions">
        <button type="button" class="btn btn-primary" disabled={!check.ok || busy} onClick={() => void submit()}>
          {busy ? 'Splitting…' : `Split in ${check.partsMinor.length}`}
        </button>
        <button type="button" class="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

export function Stepper({ label, value, min, max, onChange }: { label: string; value: number; min: number; max: number; onChange: (value: number) => void }) {
  return (
    <span class="stepper">
      <button type="button" aria-label={`Fewer ${label}`} disabled={value <= min} onClick={() => onChange(value - 1)}>
        −
      </button>
      <span class="stepper-value" aria-live="polite">
        {value}
      </span>
      <button type="button" aria-label={`More ${label}`} disabled={value >= max} onClick={() => onChange(value + 1)}>
        +
      </button>
    </span>
  );
}
