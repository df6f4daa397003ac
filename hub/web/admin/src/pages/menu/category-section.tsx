/** One category in the manager's menu: its name (rename, archive), its dishes in order, and adding one. */
import { useState } from 'preact/hooks';
import { describeError } from '../../api.ts';
import { notify } from '../../toasts.tsx';
import type { MenuCategory } from '../../types.ts';
import { AddItemForm } from './add-item-form.tsx';
import type { EditorEnv } from './item-editor.tsx';
import { ItemRow } from './item-row.tsx';
import { menuApi, moved } from './menu-api.ts';
import { useSortable, type SortableRow } from './sortable.ts';

export interface CategorySectionProps {
  category: MenuCategory;
  currency: string;
  env: EditorEnv;
  /** Filtered items; reordering is off while a filter hides some. */
  items: MenuCategory['items'];
  filtering: boolean;
  editing: string | null;
  onEdit: (id: string | null) => void;
  move: { up: (() => void) | null; down: (() => void) | null; drag: SortableRow } | null;
  onChanged: () => void;
}

export function CategorySection(props: CategorySectionProps) {
  const { category, env, items, filtering } = props;
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [adding, setAdding] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done);
      props.onChanged();
    } catch (error) {
      notify(describeError(error), 'error');
      props.onChanged();
    }
  };

  const orderItems = (from: number, to: number) => {
    const ids = moved(category.items.map((item) => item.id), from, to);
    void run(() => menuApi.orderItems(category.id, ids), 'New order saved');
  };
  const sortable = useSortable(orderItems, !filtering);
  const last = category.items.length - 1;

  return (
    <section class="menu-category" aria-label={category.name} data-category-id={category.id} {...(props.move?.drag ?? {})}>
      <header class="category-head">
        {props.move && (
          <span class="move-buttons">
            <span class="drag-handle" aria-hidden="true" title="Drag to reorder">
              ⠿
            </span>
            <button type="button" class="btn btn-small btn-quiet" aria-label={`Move ${category.name} up`} disabled={!props.move.up} onClick={() => props.move?.up?.()}>
              ↑
            </button>
            <button type="button" class="btn btn-small btn-quiet" aria-label={`Move ${category.name} down`} disabled={!props.move.down} onClick={() => props.move?.down?.()}>
              ↓
            </button>
          </span>
        )}
        {renaming === null ? (
          <h2>{category.name}</h2>
        ) : (
          <form
            class="rename"
            aria-label={`Rename ${category.name}`}
            onSubmit={(event) => {
              event.preventDefault();
              if (!renaming.trim()) return;
              void run(() => menuApi.renameCategory(category.id, renaming.trim()), 'Category renamed').then(() => setRenaming(null));
            }}
          >
            <input type="text" name="category-name" aria-label="Category name" maxLength={120} value={renaming} onInput={(event) => setRenaming(event.currentTarget.value)} />
            <button type="submit" class="btn btn-small btn-primary" disabled={!renaming.trim()}>
              Save
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <span class="spacer" />
        {renaming === null && (
          <button type="button" class="btn btn-small btn-quiet" onClick={() => setRenaming(category.names.en ?? category.name)}>
            Rename
          </button>
        )}
        {!confirmArchive ? (
          <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => setConfirmArchive(true)}>
            Archive…
          </button>
        ) : (
          <span class="confirm small" role="group" aria-label="Confirm archive">
            Archive {category.name}
            {category.items.length > 0 && ` and its ${category.items.length} ${category.items.length === 1 ? 'item' : 'items'}`}?
            <button type="button" class="btn btn-small btn-danger" onClick={() => void run(() => menuApi.archiveCategory(category.id), `${category.name} is archived`)}>
              Archive
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmArchive(false)}>
              Keep
            </button>
          </span>
        )}
      </header>
      {category.items.length === 0 && <p class="muted empty-category">No items yet: guests do not see this category until it has one.</p>}
      <ul class="menu-items">
        {items.map((item) => {
          const index = category.items.indexOf(item);
          return (
            <ItemRow
              key={item.id}
              item={item}
              env={env}
              editing={props.editing === item.id}
              onEdit={(on) => props.onEdit(on ? item.id : null)}
              move={
                filtering
                  ? null
                  : {
                      up: index > 0 ? () => orderItems(index, index - 1) : null,
                      down: index < last ? () => orderItems(index, index + 1) : null,
                      drag: sortable(index),
                    }
              }
            />
          );
        })}
      </ul>
      {adding ? (
        <AddItemForm
          categoryId={category.id}
          currency={props.currency}
          env={env}
          onAdded={() => {
            setAdding(false);
            props.onChanged();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="btn btn-small add-item-button" onClick={() => setAdding(true)}>
          + Add item to {category.name}
        </button>
      )}
    </section>
  );
}
