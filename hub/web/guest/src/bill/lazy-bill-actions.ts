/** The split sheet and the TON payment screen, fetched as their own chunk the first time a guest needs one. */
export type BillActionsModule = typeof import('./bill-actions.tsx');

let loading: Promise<BillActionsModule> | null = null;

export function loadBillActions(): Promise<BillActionsModule> {
  loading ??= import('./bill-actions.tsx').catch((error: unknown) => {
    loading = null; // a Wi-Fi blip must not close the door for good
    throw error;
  });
  return loading;
}
