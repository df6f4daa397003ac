/** The staff menu (every live item, 86'd ones included) and the venue's stations, refreshed whenever anyone changes the menu. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeError } from './api.ts';
import type { LiveStore } from './live-store.ts';
import type { Menu, MenuItem, Venue } from './types.ts';

export type Station = Venue['stations'][number];

export interface MenuState {
  menu: Menu | null;
  /** The kitchen's stations, for the item's station picker. */
  stations: Station[];
  error: string | null;
  reload: () => void;
  /** Show the hub's answer to our own PATCH at once. */
  replaceItem: (item: MenuItem) => void;
}

export function useMenu(store: LiveStore): MenuState {
  const [menu, setMenu] = useState<Menu | null>(null);
  const [stations, setStations] = useState<Station[]>([]);
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
    api.get<Venue>('/api/venue').then(
      (venue) => setStations(venue.stations),
      (failure: unknown) => setError(describeError(failure)),
    );
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

  return { menu, stations, error, reload, replaceItem };
}
