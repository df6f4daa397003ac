/**
 * The pages under /admin/<page>, with real URLs so a reload or a bookmark lands on the same page
 * (the hub answers any /admin path with index.html).
 */
import { useEffect, useState } from 'preact/hooks';

export type Page = 'tables' | 'orders' | 'translator' | 'menu' | 'staff' | 'printers' | 'cloud';
const PAGES: readonly Page[] = ['tables', 'orders', 'translator', 'menu', 'staff', 'printers', 'cloud'];

export function currentPage(): Page {
  const segment = location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  if (segment === '') return 'tables';
  return (PAGES as readonly string[]).includes(segment) ? (segment as Page) : 'tables';
}

const listeners = new Set<() => void>();

export function navigate(page: Page): void {
  const path = `/admin/${page}`;
  if (location.pathname !== path) history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePage(): Page {
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const update = () => setPage(currentPage());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return page;
}
