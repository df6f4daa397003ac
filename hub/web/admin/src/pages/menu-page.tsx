/**
 * The menu, for managers: 86 a dish in one tap when the kitchen runs out, change a price, correct a
 * name or description in each of the venue's languages. Every change goes to the hub at once and
 * reaches guests' phones through `menu.changed`.
 */
import { useState } from 'preact/hooks';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import { api, describeError } from '../api.ts';
import { money, parseMajor, toMajorText } from '../format.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import type { MenuItem } from '../types.ts';
import { useMenu } from '../use-menu.ts';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Russian' };

export function MenuPage({ store, languages }: { store: LiveStore; languages: string[] }) {
  const { menu, error, replaceItem } = useMenu(store);
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();

  return (
    <div class="menu-page">
      <div class="page-head">
        <h1>Menu</h1>
        <input
          type="search"
          class="search"
          placeholder="Find a dish"
          aria-label="Find a dish"
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
      </div>
      {error && <p class="form-error">{error}</p>}
      {!menu ? (
        <p class="muted">Loading menu…</p>
      ) : (
        menu.categories.map((category) => {
          const items = category.items.filter(
            (item) => !needle || Object.values(item.names).some((name) => name.toLowerCase().includes(needle)),
          );
          if (items.length === 0) return null;
          return (
            <section key={category.id} class="menu-category" aria-label={category.name}>
              <h2>{category.name}</h2>
              <ul class="menu-items">
                {items.map((item) => (
                  <MenuRow
                    key={item.id}
                    item={item}
                    languages={languages}
                    editing={editing === item.id}
                    onEdit={(on) => setEditing(on ? item.id : null)}
                    onSaved={replaceItem}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </div>
  );
}

interface MenuRowProps {
  item: MenuItem;
  languages: string[];
  editing: boolean;
  onEdit: (on: boolean) => void;
  onSaved: (item: MenuItem) => void;
}

function MenuRow({ item, languages, editing, onEdit, onSaved }: MenuRowProps) {
  const [busy, setBusy] = useState(false);

  const toggleAvailable = async () => {
    setBusy(true);
    try {
      const saved = await api.patch<MenuItem>(`/api/menu/items/${encodeURIComponent(item.id)}`, { available: !item.available });
      onSaved(saved);
      notify(saved.available ? `${item.name} is back on the menu` : `${item.name} is 86'd`);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`menu-row ${item.available ? '' : 'menu-row-off'}`} data-item-id={item.id} data-available={String(item.available)}>
      <div class="menu-row-main">
        <span class="menu-name">
          {item.name}
          {languages
            .filter((language) => language !== 'en')
            .map((language) => (
              <small key={language} class="muted" lang={language}>
                {item.names[language] ?? '—'}
              </small>
            ))}
        </span>
        <span class="menu-station">{item.station}</span>
        <span class="menu-price">{money(item.priceMinor, item.currency)}</span>
        <span class={`availability ${item.available ? 'availability-on' : 'availability-off'}`}>{item.available ? 'On menu' : "86'd"}</span>
        <div class="menu-actions">
          <button type="button" class={`btn btn-small ${item.available ? 'btn-danger-quiet' : 'btn-primary'}`} disabled={busy} onClick={() => void toggleAvailable()}>
            {busy ? 'Saving…' : item.available ? '86 it' : 'Back on'}
          </button>
          <button type="button" class="btn btn-small" aria-expanded={editing} onClick={() => onEdit(!editing)}>
            {editing ? 'Close' : 'Edit'}
          </button>
        </div>
      </div>
      {editing && <MenuItemEditor item={item} languages={languages} onSaved={onSaved} onDone={() => onEdit(false)} />}
    </li>
  );
}

function MenuItemEditor(props: { item: MenuItem; languages: string[]; onSaved: (item: MenuItem) => void; onDone: () => void }) {
  const { item, languages } = props;
  const [price, setPrice] = useState(toMajorText(item.priceMinor, item.currency));
  const [names, setNames] = useState<LocalizedText>({ ...item.names });
  const [descriptions, setDescriptions] = useState<LocalizedText>({ ...item.descriptions });
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const priceMinor = parseMajor(price, item.currency);
  const nameMissing = !names.en?.trim();

  const save = async () => {
    if (priceMinor === null || nameMissing) return;
    const patch: { priceMinor?: number; names?: LocalizedText; descriptions?: LocalizedText } = {};
    if (priceMinor !== item.priceMinor) patch.priceMinor = priceMinor;
    const cleanNames = clean(names);
    const cleanDescriptions = clean(descriptions);
    if (!sameText(cleanNames, item.names)) patch.names = cleanNames;
    if (!sameText(cleanDescriptions, item.descriptions)) patch.descriptions = cleanDescriptions;
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'saved' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.patch<MenuItem>(`/api/menu/items/${encodeURIComponent(item.id)}`, patch);
      props.onSaved(saved);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: describeError(error) });
    }
  };

  const edit = () => setStatus({ kind: 'idle' });

  return (
    <form
      class="menu-editor"
      aria-label={`Edit ${item.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label class="field field-price">
        Price ({item.currency})
        <input
          type="text"
          inputMode="decimal"
          name="price"
          value={price}
          aria-invalid={priceMinor === null}
          onInput={(event) => {
            setPrice(event.currentTarget.value);
            edit();
          }}
        />
        {priceMinor === null && <small class="form-error">Write a price like 12.50</small>}
      </label>
      <div class="translations">
        {languages.map((language) => (
          <fieldset key={language} class="translation" lang={language}>
            <legend>{LANGUAGE_NAMES[language] ?? language}</legend>
            <label class="field">
              Name
              <input
                type="text"
                name={`name-${language}`}
                maxLength={120}
                value={names[language] ?? ''}
                onInput={(event) => {
                  setNames({ ...names, [language]: event.currentTarget.value });
                  edit();
                }}
              />
            </label>
            <label class="field">
              Description
              <textarea
                name={`description-${language}`}
                rows={2}
                maxLength={500}
                value={descriptions[language] ?? ''}
                onInput={(event) => {
                  setDescriptions({ ...descriptions, [language]: event.currentTarget.value });
                  edit();
                }}
              />
            </label>
          </fieldset>
        ))}
      </div>
      {nameMissing && <p class="form-error">The English name is needed: it is what the kitchen sees.</p>}
      {status.kind === 'error' && (
        <p class="form-error" role="alert">
          {status.message}
        </p>
      )}
      <div class="panel-actions">
        <button type="submit" class="btn btn-primary" disabled={status.kind === 'saving' || priceMinor === null || nameMissing}>
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
