/**
 * The menu, for managers: build it (categories and dishes added, ordered by drag or by the arrow
 * buttons, archived), edit every field of a dish (names and descriptions per language, price,
 * station, tax rate, allergens, modifiers, photo), and 86 a dish in one tap when the kitchen runs out.
 * Every change goes to the hub at once and reaches guests' phones through `menu.changed`.
 */
import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { LiveStore } from '../live-store.ts';
import { notify } from '../toasts.tsx';
import { useMenu } from '../use-menu.ts';
import { CategorySection } from './menu/category-section.tsx';
import type { EditorEnv } from './menu/item-editor.tsx';
import { menuApi, moved } from './menu/menu-api.ts';
import { useSortable } from './menu/sortable.ts';
import './menu/menu-builder.css';

export function MenuPage({ store, languages }: { store: LiveStore; languages: string[] }) {
  const { menu, stations, error, reload, replaceItem } = useMenu(store);
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [newCategory, setNewCategory] = useState('');
  const needle = filter.trim().toLowerCase();
  const filtering = needle !== '';

  const categories = menu?.categories ?? [];
  const orderCategories = (from: number, to: number) => {
    const ids = moved(categories.map((category) => category.id), from, to);
    menuApi.orderCategories(ids).then(
      () => reload(),
      (failure: unknown) => {
        notify(describeError(failure), 'error');
        reload();
      },
    );
  };
  const sortable = useSortable(orderCategories, !filtering);

  const addCategory = async () => {
    const name = newCategory.trim();
    if (!name) return;
    try {
      await menuApi.addCategory(name);
      setNewCategory('');
      notify(`${name} is added`);
      reload();
    } catch (failure) {
      notify(describeError(failure), 'error');
    }
  };

  const env: EditorEnv = {
    languages,
    stations,
    categories: categories.map((category) => ({ id: category.id, name: category.name })),
    onSaved: (item) => {
      // A move to another category changes the lists: fetch them; otherwise show the answer at once.
      const before = categories.find((category) => category.items.some((known) => known.id === item.id));
      if (before && item.categoryId && before.id !== item.categoryId) reload();
      else replaceItem(item);
    },
    onArchived: reload,
  };

  return (
    <div class="menu-page">
      <div class="page-head">
        <h1>Menu</h1>
        <input type="search" class="search" placeholder="Find a dish" aria-label="Find a dish" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} />
      </div>
      {error && <p class="form-error">{error}</p>}
      {!menu ? (
        <p class="muted">Loading menu…</p>
      ) : (
        categories.map((category, index) => {
          const items = category.items.filter((item) => !needle || Object.values(item.names).some((name) => name.toLowerCase().includes(needle)));
          if (filtering && items.length === 0) return null;
          return (
            <CategorySection
              key={category.id}
              category={category}
              currency={menu.currency}
              env={env}
              items={items}
              filtering={filtering}
              editing={editing}
              onEdit={setEditing}
              onChanged={reload}
              move={
                filtering
                  ? null
                  : {
                      up: index > 0 ? () => orderCategories(index, index - 1) : null,
                      down: index < categories.length - 1 ? () => orderCategories(index, index + 1) : null,
                      drag: sortable(index),
                    }
              }
            />
          );
        })
      )}
      {menu && (
        <form
          class="add-category"
          aria-label="Add a category"
          onSubmit={(event) => {
            event.preventDefault();
            void addCategory();
          }}
        >
          <label class="field">
            New category (English name)
            <input type="text" name="new-category" maxLength={120} value={newCategory} onInput={(event) => setNewCategory(event.currentTarget.value)} />
          </label>
          <button type="submit" class="btn btn-primary" disabled={!newCategory.trim()}>
            Add category
          </button>
        </form>
      )}
    </div>
  );
}
