/**
 * The pages under /admin/<page>, with real URLs so a reload or a bookmark lands on the same page
 * (the hub answers any /admin path with index.html).
 */
import { useEffect, useState } from 'preact/hooks';

export type Page = 'tables' | 'orders' | 'front-desk' | 'housekeeping' | 'hotel' | 'translator' | 'menu' | 'staff' | 'printers' | 'cloud' | 'online-tasks' | 'payments' | 'esim';
const PAGES: readonly Page[] = ['tables', 'orders', 'front-desk', 'housekeeping', 'hotel', 'translator', 'menu', 'staff', 'printers', 'cloud', 'online-tasks', 'payments', 'esim'];

export function currentPage(): Page {
  const segment = location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  if (segment === '') return 'tables';
  return (PAGES as readonly string[]).includes(segment) ? (segment as Page) : 'tables';
}

/** The part of the path after the page ("settings" in /admin/payments/settings), or ''. */
export function currentSubPage(): string {
  return location.pathname.replace(/^\/admin\/?/, '').split('/')[1] ?? '';
}

const listeners = new Set<() => void>();

export function navigate(page: Page, sub = ''): void {
  const path = `/admin/${page}${sub ? `/${sub}` : ''}`;
  if (location.pathname !== path) history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePage(): Page {
  return useLocation().page;
}

/** The page and its sub-page, following navigate() and the browser's back and forward. */
export function useLocation(): { page: Page; sub: string } {
  const [where, setWhere] = useState(() => ({ page: currentPage(), sub: currentSubPage() }));
  useEffect(() => {
    const update = () => setWhere({ page: currentPage(), sub: currentSubPage() });
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return where;
}
