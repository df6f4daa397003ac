/** An item's modifier groups as a manager edits them: name, how many a guest picks, and each option's price. */
import type { ModifierGroupInput } from '@onemoment/shared/schemas/menu';
import { parseMajor, toMajorText } from '../../format.ts';
import type { MenuModifierGroup } from '../../types.ts';

export interface DraftModifier {
  id?: string;
  name: string;
  price: string;
}

export interface DraftGroup {
  id?: string;
  name: string;
  min: string;
  max: string;
  modifiers: DraftModifier[];
}

export function draftGroups(groups: readonly MenuModifierGroup[], currency: string): DraftGroup[] {
  return groups.map((group) => ({
    id: group.id,
    name: group.names.en ?? group.name,
    min: String(group.minChoices),
    max: String(group.maxChoices),
    modifiers: group.modifiers.map((modifier) => ({ id: modifier.id, name: modifier.names.en ?? modifier.name, price: toMajorText(modifier.priceMinor, currency) })),
  }));
}

/** The groups as the hub takes them, or the first problem to show. Other languages' names are kept by id on the hub only through `names`: send them back. */
export function groupsInput(drafts: readonly DraftGroup[], original: readonly MenuModifierGroup[], currency: string): { ok: true; groups: ModifierGroupInput[] } | { ok: false; message: string } {
  const namesOf = new Map<string, Record<string, string>>();
  for (const group of original) {
    namesOf.set(group.id, group.names);
    for (const modifier of group.modifiers) namesOf.set(modifier.id, modifier.names);
  }
  const withEnglish = (id: string | undefined, name: string) => ({ ...(id ? { id } : {}), names: { ...(id ? namesOf.get(id) : {}), en: name.trim() } });
  const groups: ModifierGroupInput[] = [];
  for (const draft of drafts) {
    const label = draft.name.trim() || 'A modifier group';
    if (!draft.name.trim()) return { ok: false, message: 'Give every modifier group a name.' };
    const min = Number(draft.min);
    const max = Number(draft.max);
    if (!Number.isInteger(min) || min < 0 || !Number.isInteger(max) || max < 0) return { ok: false, message: `${label}: write whole numbers for the choices.` };
    if (draft.modifiers.length === 0) return { ok: false, message: `${label}: add at least one option.` };
    const modifiers = [];
    for (const modifier of draft.modifiers) {
      const priceMinor = parseMajor(modifier.price || '0', currency);
      if (!modifier.name.trim()) return { ok: false, message: `${label}: give every option a name.` };
      if (priceMinor === null) return { ok: false, message: `${label}: write prices like 0.50.` };
      modifiers.push({ ...withEnglish(modifier.id, modifier.name), priceMinor });
    }
    groups.push({ ...withEnglish(draft.id, draft.name), minChoices: min, maxChoices: max, modifiers });
  }
  return { ok: true, groups };
}

export function ModifierGroupsEditor(props: { groups: DraftGroup[]; currency: string; onChange: (groups: DraftGroup[]) => void }) {
  const { groups, onChange } = props;
  const setGroup = (index: number, group: DraftGroup) => onChange(groups.map((known, i) => (i === index ? group : known)));

  return (
    <fieldset class="modifier-groups">
      <legend>Modifiers</legend>
      {groups.length === 0 && <p class="muted">No options: guests order the dish as it is.</p>}
      {groups.map((group, index) => (
        <div class="modifier-group" key={group.id ?? `new-${index}`} data-testid="modifier-group">
          <div class="modifier-group-head">
            <label class="field">
              Group name
              <input type="text" name="group-name" maxLength={120} value={group.name} onInput={(event) => setGroup(index, { ...group, name: event.currentTarget.value })} />
            </label>
            <label class="field field-narrow">
              At least
              <input type="number" name="group-min" min={0} max={50} value={group.min} onInput={(event) => setGroup(index, { ...group, min: event.currentTarget.value })} />
            </label>
            <label class="field field-narrow">
              At most (0: any)
              <input type="number" name="group-max" min={0} max={50} value={group.max} onInput={(event) => setGroup(index, { ...group, max: event.currentTarget.value })} />
            </label>
            <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => onChange(groups.filter((_, i) => i !== index))}>
              Remove group
            </button>
          </div>
          <ul class="modifier-list">
            {group.modifiers.map((modifier, position) => {
              const setModifier = (next: DraftModifier) => setGroup(index, { ...group, modifiers: group.modifiers.map((known, i) => (i === position ? next : known)) });
              return (
                <li key={modifier.id ?? `new-${position}`}>
                  <input type="text" name="modifier-name" aria-label="Option name" placeholder="Option" maxLength={120} value={modifier.name} onInput={(event) => setModifier({ ...modifier, name: event.currentTarget.value })} />
                  <input type="text" inputMode="decimal" name="modifier-price" aria-label={`Extra price (${props.currency})`} placeholder="0.00" value={modifier.price} onInput={(event) => setModifier({ ...modifier, price: event.currentTarget.value })} />
                  <button type="button" class="btn btn-small btn-quiet" aria-label={`Remove ${modifier.name || 'option'}`} onClick={() => setGroup(index, { ...group, modifiers: group.modifiers.filter((_, i) => i !== position) })}>
                    ✕
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" class="btn btn-small" onClick={() => setGroup(index, { ...group, modifiers: [...group.modifiers, { name: '', price: '' }] })}>
            Add option
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-small" onClick={() => onChange([...groups, { name: '', min: '0', max: '1', modifiers: [{ name: '', price: '' }] }])}>
        Add modifier group
      </button>
    </fieldset>
  );
}
