import { describe, expect, it } from 'vitest';
import { firstProblem, groupProblem, isRequired, isSingleChoice, ruleHint, toggleModifier } from './modifier-rules.ts';
import { burger } from './test-menu.ts';

const [doneness, extras] = burger.modifierGroups as [(typeof burger.modifierGroups)[0], (typeof burger.modifierGroups)[0]];

describe('modifier rules', () => {
  it('uses radios when at most one may be chosen and marks groups with a minimum as required', () => {
    expect(isSingleChoice(doneness)).toBe(true);
    expect(isRequired(doneness)).toBe(true);
    expect(isSingleChoice(extras)).toBe(false);
    expect(isRequired(extras)).toBe(false);
  });

  it('describes each rule for the guest', () => {
    expect(ruleHint(doneness)).toEqual({ key: 'chooseOne', values: {} });
    expect(ruleHint({ ...doneness, minChoices: 0 })).toEqual({ key: 'chooseOne', values: {} });
    expect(ruleHint(extras)).toEqual({ key: 'chooseUpTo', values: { n: 2 } });
    expect(ruleHint({ ...extras, minChoices: 2, maxChoices: 2 })).toEqual({ key: 'chooseExactly', values: { n: 2 } });
    expect(ruleHint({ ...extras, minChoices: 1, maxChoices: 2 })).toEqual({ key: 'chooseBetween', values: { min: 1, max: 2 } });
    expect(ruleHint({ ...extras, minChoices: 1, maxChoices: 3 })).toEqual({ key: 'chooseAtLeast', values: { n: 1 } });
  });

  it('finds the first broken group', () => {
    expect(firstProblem(burger, [])).toEqual({ groupId: 'doneness', problem: { kind: 'min', n: 1 } });
    expect(firstProblem(burger, ['classic-burger--medium'])).toBeNull();
    const tooMany = ['classic-burger--medium', 'classic-burger--bacon', 'classic-burger--egg', 'classic-burger--avocado'];
    expect(firstProblem(burger, tooMany)).toEqual({ groupId: 'extras', problem: { kind: 'max', n: 2 } });
    expect(groupProblem(extras, [])).toBeNull();
  });

  it('a radio replaces the choice in its group only; a checkbox stops at the max', () => {
    let selected = toggleModifier(doneness, ['classic-burger--bacon'], 'classic-burger--rare');
    selected = toggleModifier(doneness, selected, 'classic-burger--medium');
    expect(selected.sort()).toEqual(['classic-burger--bacon', 'classic-burger--medium']);
    // tapping the chosen radio of a required group keeps it
    expect(toggleModifier(doneness, selected, 'classic-burger--medium').sort()).toEqual(selected.sort());
    let extrasChosen = toggleModifier(extras, [], 'classic-burger--bacon');
    extrasChosen = toggleModifier(extras, extrasChosen, 'classic-burger--egg');
    expect(toggleModifier(extras, extrasChosen, 'classic-burger--avocado')).toEqual(extrasChosen);
    expect(toggleModifier(extras, extrasChosen, 'classic-burger--bacon')).toEqual(['classic-burger--egg']);
  });

  it('an optional single choice can be unchosen', () => {
    const optional = { ...doneness, minChoices: 0 };
    expect(toggleModifier(optional, ['classic-burger--rare'], 'classic-burger--rare')).toEqual([]);
  });
});
