/**
 * The rules of a modifier group as the guest sees them: radio buttons when at most one may be chosen,
 * checkboxes otherwise, "required" when at least one must be. The hub checks the same rules and answers
 * 400 invalid_modifiers; checking here first saves the guest a round trip.
 */
import type { MenuItem, ModifierGroup } from './types.ts';

export type GroupProblem = { kind: 'min'; n: number } | { kind: 'max'; n: number };

export function isSingleChoice(group: ModifierGroup): boolean {
  return group.maxChoices === 1;
}

export function isRequired(group: ModifierGroup): boolean {
  return group.minChoices > 0;
}

/** The dictionary key and values for the group's hint ("Choose 1", "Choose up to 3"). */
export function ruleHint(group: ModifierGroup): { key: 'chooseOne' | 'chooseExactly' | 'chooseUpTo' | 'chooseAtLeast' | 'chooseBetween'; values: Record<string, number> } {
  const { minChoices: min, maxChoices: max } = group;
  const bounded = max > 0 && max < group.modifiers.length;
  if (max === 1 && min <= 1) return { key: 'chooseOne', values: {} }; // "Required"/"Optional" tells the rest
  if (min > 0 && min === max) return { key: 'chooseExactly', values: { n: min } };
  if (min === 0) return { key: 'chooseUpTo', values: { n: bounded ? max : group.modifiers.length } };
  if (!bounded) return { key: 'chooseAtLeast', values: { n: min } };
  return { key: 'chooseBetween', values: { min, max } };
}

export function groupProblem(group: ModifierGroup, selected: readonly string[]): GroupProblem | null {
  const count = group.modifiers.filter((m) => selected.includes(m.id)).length;
  if (count < group.minChoices) return { kind: 'min', n: group.minChoices };
  if (group.maxChoices > 0 && count > group.maxChoices) return { kind: 'max', n: group.maxChoices };
  return null;
}

/** The first group whose rule is broken, with what is wrong; null when the choice can be ordered. */
export function firstProblem(item: MenuItem, selected: readonly string[]): { groupId: string; problem: GroupProblem } | null {
  for (const group of item.modifierGroups) {
    const problem = groupProblem(group, selected);
    if (problem) return { groupId: group.id, problem };
  }
  return null;
}

/** Toggling a modifier: a radio replaces the group's choice; a checkbox adds or removes within the max. */
export function toggleModifier(group: ModifierGroup, selected: readonly string[], modifierId: string): string[] {
  const inGroup = new Set(group.modifiers.map((m) => m.id));
  if (isSingleChoice(group)) {
    const others = selected.filter((id) => !inGroup.has(id));
    return selected.includes(modifierId) && !isRequired(group) ? others : [...others, modifierId];
  }
  if (selected.includes(modifierId)) return selected.filter((id) => id !== modifierId);
  const count = selected.filter((id) => inGroup.has(id)).length;
  if (group.maxChoices > 0 && count >= group.maxChoices) return [...selected];
  return [...selected, modifierId];
}

