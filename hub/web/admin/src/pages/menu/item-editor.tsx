/**
 * Everything about one dish: names and descriptions in each language, price, station, category, tax
 * rate, allergens, modifier groups and photo; and archiving it. Saves send only what changed.
 */
import { useState } from 'preact/hooks';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { Allergen, MenuItemPatch } from '@onemoment/shared/schemas/menu';
import { describeError } from '../../api.ts';
import { parseMajor, toMajorText } from '../../format.ts';
import { notify } from '../../toasts.tsx';
import type { MenuItem } from '../../types.ts';
import type { Station } from '../../use-menu.ts';
import { ChoiceField } from './choice-field.tsx';
import { ALLERGEN_CODES, ALLERGEN_LABELS, bpToPercent, menuApi, percentToBp } from './menu-api.ts';
import { draftGroups, groupsInput, ModifierGroupsEditor, type DraftGroup } from './modifier-groups-editor.tsx';
import { PhotoField } from './photo-field.tsx';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Russian' };

export interface EditorEnv {
  languages: string[];
  stations: Station[];
  categories: Array<{ id: string; name: string }>;
  onSaved: (item: MenuItem) => void;
  onArchived: () => void;
}

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

export function ItemEditor(props: { item: MenuItem; env: EditorEnv; onDone: () => void }) {
  const { item, env } = props;
  const currency = item.currency;
  const [price, setPrice] = useState(toMajorText(item.priceMinor, currency));
  const [names, setNames] = useState<LocalizedText>({ ...item.names });
  const [descriptions, setDescriptions] = useState<LocalizedText>({ ...item.descriptions });
  const [station, setStation] = useState(item.station);
  const [categoryId, setCategoryId] = useState(item.categoryId ?? '');
  const [tax, setTax] = useState(bpToPercent(item.taxRateBp ?? 0));
  const [allergens, setAllergens] = useState<Allergen[]>(() => ALLERGEN_CODES.filter((code) => item.allergens.includes(code)));
  const [groups, setGroups] = useState<DraftGroup[]>(() => draftGroups(item.modifierGroups, currency));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirmArchive, setConfirmArchive] = useState(false);

  const priceMinor = parseMajor(price, currency);
  const taxRateBp = percentToBp(tax);
  const nameMissing = !names.en?.trim();
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setStatus({ kind: 'idle' });
  };

  const save = async () => {
    if (priceMinor === null || taxRateBp === null || nameMissing) return;
    const patch: MenuItemPatch = {};
    if (priceMinor !== item.priceMinor) patch.priceMinor = priceMinor;
    if (taxRateBp !== (item.taxRateBp ?? 0)) patch.taxRateBp = taxRateBp;
    if (station !== item.station) patch.station = station;
    if (categoryId && categoryId !== item.categoryId) patch.categoryId = categoryId;
    if (!sameSet(allergens, item.allergens)) patch.allergens = allergens;
    const cleanNames = clean(names);
    const cleanDescriptions = clean(descriptions);
    if (!sameText(cleanNames, item.names)) patch.names = cleanNames;
    if (!sameText(cleanDescriptions, item.descriptions)) patch.descriptions = cleanDescriptions;
    const modifierGroups = groupsInput(groups, item.modifierGroups, currency);
    if (!modifierGroups.ok) {
      setStatus({ kind: 'error', message: modifierGroups.message });
      return;
    }
    if (JSON.stringify(groups) !== JSON.stringify(draftGroups(item.modifierGroups, currency))) patch.modifierGroups = modifierGroups.groups;
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'saved' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const saved = await menuApi.updateItem(item.id, patch);
      env.onSaved(saved);
      setGroups(draftGroups(saved.modifierGroups, currency));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: describeError(error) });
    }
  };

  const archive = async () => {
    try {
      await menuApi.archiveItem(item.id);
      notify(`${item.name} is archived`);
      env.onArchived();
    } catch (error) {
      setStatus({ kind: 'error', message: describeError(error) });
    }
  };

  return (
    <form
      class="menu-editor"
      aria-label={`Edit ${item.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div class="editor-grid">
        <label class="field field-price">
          Price ({currency})
          <input type="text" inputMode="decimal" name="price" value={price} aria-invalid={priceMinor === null} onInput={(event) => edited(setPrice)(event.currentTarget.value)} />
          {priceMinor === null && <small class="form-error">Write a price like 12.50</small>}
        </label>
        <ChoiceField label="Station" name="station" value={station} choices={env.stations} onChange={edited(setStation)} />
        <ChoiceField label="Category" name="category" value={categoryId} choices={env.categories} onChange={edited(setCategoryId)} />
        <label class="field field-narrow">
          Tax rate (%)
          <input type="text" inputMode="decimal" name="tax" value={tax} aria-invalid={taxRateBp === null} onInput={(event) => edited(setTax)(event.currentTarget.value)} />
          {taxRateBp === null && <small class="form-error">A rate from 0 to 100, like 20 or 5.5</small>}
        </label>
      </div>
      <div class="translations">
        {env.languages.map((language) => (
          <fieldset key={language} class="translation" lang={language}>
            <legend>{LANGUAGE_NAMES[language] ?? language}</legend>
            <label class="field">
              Name
              <input type="text" name={`name-${language}`} maxLength={120} value={names[language] ?? ''} onInput={(event) => edited(setNames)({ ...names, [language]: event.currentTarget.value })} />
            </label>
            <label class="field">
              Description
              <textarea name={`description-${language}`} rows={2} maxLength={500} value={descriptions[language] ?? ''} onInput={(event) => edited(setDescriptions)({ ...descriptions, [language]: event.currentTarget.value })} />
            </label>
          </fieldset>
        ))}
      </div>
      <fieldset class="allergens">
        <legend>Allergens</legend>
        {ALLERGEN_CODES.map((code) => (
          <label key={code} class="check">
            <input
              type="checkbox"
              name="allergen"
              value={code}
              checked={allergens.includes(code)}
              onChange={(event) => edited(setAllergens)(event.currentTarget.checked ? [...allergens, code] : allergens.filter((known) => known !== code))}
            />
            {ALLERGEN_LABELS[code]}
          </label>
        ))}
      </fieldset>
      <ModifierGroupsEditor groups={groups} currency={currency} onChange={edited(setGroups)} />
      <PhotoField item={item} onSaved={env.onSaved} />
      {nameMissing && <p class="form-error">The English name is needed: it is what the kitchen sees.</p>}
      {status.kind === 'error' && (
        <p class="form-error" role="alert">
          {status.message}
        </p>
      )}
      <div class="panel-actions">
        <button type="submit" class="btn btn-primary" disabled={status.kind === 'saving' || priceMinor === null || taxRateBp === null || nameMissing}>
          {status.kind === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="btn btn-quiet" onClick={props.onDone}>
          Close
        </button>
        {status.kind === 'saved' && (
          <span class="saved" role="status" data-testid="saved">
            Saved ✓
          </span>
        )}
        <span class="spacer" />
        {!confirmArchive ? (
          <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => setConfirmArchive(true)}>
            Archive…
          </button>
        ) : (
          <span class="confirm small" role="group" aria-label="Confirm archive">
            Archive {item.name}? It leaves the menu; past orders keep it.
            <button type="button" class="btn btn-small btn-danger" onClick={() => void archive()}>
              Archive
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmArchive(false)}>
              Keep
            </button>
          </span>
        )}
      </div>
    </form>
  );
}

/** Drop empty translations, so a cleared field falls back to English instead of showing nothing. */
function clean(text: LocalizedText): LocalizedText {
  const result: LocalizedText = {};
  for (const [language, value] of Object.entries(text)) if (value.trim()) result[language] = value.trim();
  return result;
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? '') !== (b[key] ?? '')) return false;
  return true;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value) => b.includes(value));
