/**
 * Choosing a dish's options before it goes in the order: the hub refuses an order whose modifiers
 * break a group's min/max, so the Add button stays off until every group is satisfied.
 */
import { useState } from 'preact/hooks';
import { money } from '../format.ts';
import { lineUnitMinor } from '../line-price.ts';
import type { MenuItem, MenuModifierGroup } from '../types.ts';

export function ConfigureItem(props: { item: MenuItem; currency: string; onCancel: () => void; onAdd: (modifierIds: string[], note: string, quantity: number) => void }) {
  const { item, currency } = props;
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [note, setNote] = useState('');
  const [quantity, setQuantity] = useState(1);
  const problems = item.modifierGroups.filter((group) => !groupSatisfied(group, chosen[group.id] ?? []));
  const modifierIds = item.modifierGroups.flatMap((group) => chosen[group.id] ?? []);

  const toggle = (group: MenuModifierGroup, id: string) => {
    setChosen((current) => {
      const list = current[group.id] ?? [];
      let next: string[];
      if (list.includes(id)) next = list.filter((other) => other !== id);
      else if (group.maxChoices === 1) next = [id];
      else if (list.length >= group.maxChoices) return current;
      else next = [...list, id];
      return { ...current, [group.id]: next };
    });
  };

  return (
    <div class="overlay overlay-inner" role="dialog" aria-modal="true" aria-label={`Options for ${item.name}`}>
      <form
        class="sheet sheet-narrow"
        onSubmit={(event) => {
          event.preventDefault();
          if (problems.length === 0) props.onAdd(modifierIds, note.trim(), quantity);
        }}
      >
        <header class="sheet-head">
          <h2>{item.name}</h2>
          <span>{money(lineUnitMinor(item, modifierIds) * quantity, currency)}</span>
        </header>
        {item.modifierGroups.map((group) => (
          <fieldset key={group.id} class="modifier-group">
            <legend>
              {group.name} <small class="muted">{choiceHint(group)}</small>
            </legend>
            <div class="modifier-options">
              {group.modifiers.map((modifier) => {
                const on = (chosen[group.id] ?? []).includes(modifier.id);
                return (
                  <label key={modifier.id} class={`option ${on ? 'option-on' : ''}`}>
                    <input
                      type={group.maxChoices === 1 ? 'radio' : 'checkbox'}
                      name={group.id}
                      checked={on}
                      onClick={() => toggle(group, modifier.id)}
                    />
                    <span>{modifier.name}</span>
                    {modifier.priceMinor > 0 && <small>+{money(modifier.priceMinor, currency)}</small>}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <label class="field">
          Note for the kitchen
          <input type="text" maxLength={200} value={note} onInput={(event) => setNote(event.currentTarget.value)} placeholder="e.g. no onions" />
        </label>
        <div class="field-row">
          <span>Quantity</span>
          <span class="stepper">
            <button type="button" aria-label="One less" disabled={quantity <= 1} onClick={() => setQuantity(quantity - 1)}>
              −
            </button>
            <span class="stepper-value">{quantity}</span>
            <button type="button" aria-label="One more" disabled={quantity >= 50} onClick={() => setQuantity(quantity + 1)}>
              +
            </button>
          </span>
        </div>
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={problems.length > 0}>
            {problems.length > 0 ? `Choose ${problems[0]?.name.toLowerCase()}` : 'Add to order'}
          </button>
          <button type="button" class="btn btn-quiet" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function groupSatisfied(group: MenuModifierGroup, chosen: string[]): boolean {
  return chosen.length >= group.minChoices && chosen.length <= group.maxChoices;
}

function choiceHint(group: MenuModifierGroup): string {
  if (group.minChoices === 1 && group.maxChoices === 1) return 'choose one';
  if (group.minChoices === 0) return group.maxChoices === 1 ? 'optional' : `optional, up to ${group.maxChoices}`;
  return `choose ${group.minChoices}–${group.maxChoices}`;
}
