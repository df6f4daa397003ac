import type { MenuItem } from './types.ts';

/** One unit of a dish with its chosen modifiers, in minor units (the hub prices the order itself). */
export function lineUnitMinor(item: MenuItem, modifierIds: readonly string[]): number {
  const modifiers = item.modifierGroups.flatMap((group) => group.modifiers);
  return modifierIds.reduce((sum, id) => sum + (modifiers.find((m) => m.id === id)?.priceMinor ?? 0), item.priceMinor);
}
