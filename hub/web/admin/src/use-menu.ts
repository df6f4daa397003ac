/** The staff menu (every item, 86'd ones included), refreshed whenever anyone changes it. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeError } from './api.ts';
import type { LiveStore } from './live-store.ts';
import type { Menu, MenuItem } from './types.ts';

export interface MenuState {
  menu: Menu | null;
  error: string | null;
  reload: () => void;
  /** Show the hub's answer to our own PATCH at once. */
  replaceItem: (item: MenuItem) => void;
}

export function useMenu(store: LiveStore): MenuState {
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.get<Menu>('/api/menu?lang=en').then(
      (next) => {
        setMenu(next);
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, []);

  useEffect(() => {
    reload();
    return store.onMenuChanged(reload);
  }, [store, reload]);

  const replaceItem = useCallback((item: MenuItem) => {
    setMenu((current) =>
      current && {
        ...current,
        categories: current.categories.map((category) => ({
          ...category,
          items: category.items.map((known) => (known.id === item.id ? { ...known, ...item } : known)),
        })),
      },
    );
  }, []);

  return { menu, error, reload, replaceItem };
}
