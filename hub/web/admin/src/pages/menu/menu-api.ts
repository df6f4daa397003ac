/** The menu builder's calls to the hub: one function per route, so the components read as intentions. */
import type { Allergen, MenuItemCreate, MenuItemPatch } from '@onemoment/shared/schemas/menu';
import { api, ApiError, getToken } from '../../api.ts';
import type { MenuCategory, MenuItem } from '../../types.ts';

const itemPath = (id: string) => `/api/menu/items/${encodeURIComponent(id)}`;
const categoryPath = (id: string) => `/api/menu/categories/${encodeURIComponent(id)}`;

export const menuApi = {
  addCategory: (name: string) => api.post<MenuCategory>('/api/menu/categories?lang=en', { name }),
  renameCategory: (id: string, name: string) => api.patch<MenuCategory>(`${categoryPath(id)}?lang=en`, { name }),
  archiveCategory: (id: string) => api.post<{ id: string }>(`${categoryPath(id)}/archive`),
  orderCategories: (ids: string[]) => api.post<unknown>('/api/menu/categories/order?lang=en', { ids }),
  orderItems: (categoryId: string, ids: string[]) => api.post<MenuCategory>(`${categoryPath(categoryId)}/items/order?lang=en`, { ids }),
  addItem: (body: MenuItemCreate) => api.post<MenuItem>('/api/menu/items?lang=en', body),
  // No ?lang here: the hub answers in the venue's first language, and other pages watch this exact URL.
  updateItem: (id: string, patch: MenuItemPatch) => api.patch<MenuItem>(itemPath(id), patch),
  archiveItem: (id: string) => api.post<{ id: string }>(`${itemPath(id)}/archive`),
  removePhoto: (id: string) => api.request<MenuItem>('DELETE', `${itemPath(id)}/photo?lang=en`),

  /** The photo goes as the request body with its own content type; the hub resizes it. */
  async uploadPhoto(id: string, file: Blob): Promise<MenuItem> {
    let response: Response;
    try {
      response = await fetch(`${itemPath(id)}/photo?lang=en`, {
        method: 'PUT',
        headers: { 'content-type': file.type || 'application/octet-stream', ...(getToken() ? { authorization: `Bearer ${getToken()}` } : {}) },
        body: file,
      });
    } catch {
      throw new ApiError(0, 'network', 'The hub did not answer. Check the Wi-Fi and try again.');
    }
    const body = (await response.json().catch(() => ({}))) as MenuItem & { error?: string; message?: string };
    if (!response.ok) throw new ApiError(response.status, body.error ?? 'error', body.message ?? `The hub answered ${response.status}.`);
    return body;
  },
};

/** The EU's 14 allergens with the words a manager reads; typed by the shared list, so none is missed. */
export const ALLERGEN_LABELS: Record<Allergen, string> = {
  gluten: 'Gluten (cereals)',
  crustaceans: 'Crustaceans',
  eggs: 'Eggs',
  fish: 'Fish',
  peanuts: 'Peanuts',
  soy: 'Soy',
  milk: 'Milk',
  nuts: 'Tree nuts',
  celery: 'Celery',
  mustard: 'Mustard',
  sesame: 'Sesame',
  sulphites: 'Sulphites',
  lupin: 'Lupin',
  molluscs: 'Molluscs',
};

export const ALLERGEN_CODES = Object.keys(ALLERGEN_LABELS) as Allergen[];

/** "20" or "5.5" (percent) to basis points; null when it is not a rate from 0 to 100 with at most two decimals. */
export function percentToBp(text: string): number | null {
  const clean = text.trim().replace(',', '.').replace(/%$/, '').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(clean)) return null;
  const bp = Math.round(Number(clean) * 100);
  return bp <= 10_000 ? bp : null;
}

export function bpToPercent(bp: number): string {
  return String(bp / 100);
}

/** The list with the entry at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [entry] = next.splice(from, 1);
  next.splice(to, 0, entry!);
  return next;
}
