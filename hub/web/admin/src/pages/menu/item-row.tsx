/** One dish in the manager's list: 86 it in one tap, move it, or open its editor. */
import { useState } from 'preact/hooks';
import { describeError } from '../../api.ts';
import { money } from '../../format.ts';
import { notify } from '../../toasts.tsx';
import type { MenuItem } from '../../types.ts';
import { ItemEditor, type EditorEnv } from './item-editor.tsx';
import { menuApi } from './menu-api.ts';
import type { SortableRow } from './sortable.ts';

export interface ItemRowProps {
  item: MenuItem;
  env: EditorEnv;
  editing: boolean;
  onEdit: (on: boolean) => void;
  /** Present when the list can be reordered (not while filtering). */
  move: { up: (() => void) | null; down: (() => void) | null; drag: SortableRow } | null;
}

export function ItemRow({ item, env, editing, onEdit, move }: ItemRowProps) {
  const [busy, setBusy] = useState(false);

  const toggleAvailable = async () => {
    setBusy(true);
    try {
      const saved = await menuApi.updateItem(item.id, { available: !item.available });
      env.onSaved(saved);
      notify(saved.available ? `${item.name} is back on the menu` : `${item.name} is 86'd`);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  const station = env.stations.find((known) => known.id === item.station)?.name ?? item.station;
  return (
    <li class={`menu-row ${item.available ? '' : 'menu-row-off'}`} data-item-id={item.id} data-available={String(item.available)} {...(move?.drag ?? {})}>
      <div class="menu-row-main">
        {move && (
          <span class="move-buttons">
            <span class="drag-handle" aria-hidden="true" title="Drag to reorder">
              ⠿
            </span>
            <button type="button" class="btn btn-small btn-quiet" aria-label={`Move ${item.name} up`} disabled={!move.up} onClick={() => move.up?.()}>
              ↑
            </button>
            <button type="button" class="btn btn-small btn-quiet" aria-label={`Move ${item.name} down`} disabled={!move.down} onClick={() => move.down?.()}>
              ↓
            </button>
          </span>
        )}
        {item.thumbnailUrl ? <img class="menu-thumb" src={item.thumbnailUrl} alt="" loading="lazy" /> : <span class="menu-thumb menu-thumb-empty" />}
        <span class="menu-name">
          {item.name}
          {env.languages
            .filter((language) => language !== 'en')
            .map((language) => (
              <small key={language} class="muted" lang={language}>
                {item.names[language] ?? '—'}
              </small>
            ))}
        </span>
        <span class="menu-station">{station}</span>
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
      {editing && <ItemEditor item={item} env={{ ...env, onArchived: () => { onEdit(false); env.onArchived(); } }} onDone={() => onEdit(false)} />}
    </li>
  );
}
