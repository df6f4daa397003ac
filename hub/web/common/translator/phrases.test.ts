import type { PhrasebookPhrase } from '@onemoment/shared/schemas/translator';
import { describe, expect, it } from 'vitest';
import { fillPhrase, missingValues, phraseLabel, phraseParts, phraseSpeaker, phraseText, phraseValues, phrasesByCategory, phrasesFor } from './phrases.ts';

const taxi: PhrasebookPhrase = {
  id: 'taxi-arrives-in',
  category: 'transport',
  audience: 'staff',
  placeholders: ['minutes'],
  text: { en: 'Your taxi will arrive in {minutes} minutes.', de: 'Ihr Taxi kommt in {minutes} Minuten.' },
};
const breakfast: PhrasebookPhrase = {
  id: 'breakfast-hours',
  category: 'reception',
  audience: 'staff',
  placeholders: ['end', 'start'],
  text: { en: 'Breakfast is served from {start} to {end}.' },
};
const thanks: PhrasebookPhrase = { id: 'thank-you', category: 'courtesy', audience: 'staff', placeholders: [], text: { en: 'Thank you very much!', ar: 'شكراً جزيلاً!' } };
const billPlease: PhrasebookPhrase = {
  id: 'guest-bill-please',
  category: 'bill',
  audience: 'guest',
  placeholders: [],
  text: { en: 'Could we have the bill, please?', ru: 'Принесите, пожалуйста, счёт.' },
};
const allergy: PhrasebookPhrase = {
  id: 'guest-allergic-to',
  category: 'allergies',
  audience: 'guest',
  placeholders: ['allergen'],
  text: { en: 'I am allergic to {allergen}.', de: 'Ich habe eine Allergie gegen {allergen}.' },
};

describe('phrases on the page', () => {
  it('reads a phrase in the first language it has, falling back to English', () => {
    expect(phraseText(taxi, ['de', 'ru'])).toBe('Ihr Taxi kommt in {minutes} Minuten.');
    expect(phraseText(taxi, ['ar'])).toBe('Your taxi will arrive in {minutes} minutes.');
    expect(phraseText(thanks, ['ar'])).toBe('شكراً جزيلاً!');
  });

  it('splits a phrase around its placeholders for inline inputs', () => {
    expect(phraseParts(breakfast.text.en!)).toEqual([
      { kind: 'text', text: 'Breakfast is served from ' },
      { kind: 'slot', name: 'start' },
      { kind: 'text', text: ' to ' },
      { kind: 'slot', name: 'end' },
      { kind: 'text', text: '.' },
    ]);
    expect(phraseParts('{minutes}')).toEqual([{ kind: 'slot', name: 'minutes' }]);
    expect(phraseParts(thanks.text.en!)).toEqual([{ kind: 'text', text: 'Thank you very much!' }]);
  });

  it('labels chips with an ellipsis and previews the filled phrase', () => {
    expect(phraseLabel(taxi.text.en!)).toBe('Your taxi will arrive in … minutes.');
    expect(fillPhrase(breakfast.text.en!, { start: ' 7:00 ', end: '10:30' })).toBe('Breakfast is served from 7:00 to 10:30.');
    expect(fillPhrase(breakfast.text.en!, { start: '7:00' })).toBe('Breakfast is served from 7:00 to {end}.');
  });

  it('waits for every placeholder and sends only the phrase’s own, trimmed', () => {
    expect(missingValues(breakfast, { start: '7:00', end: '  ' })).toEqual(['end']);
    expect(missingValues(thanks, {})).toEqual([]);
    expect(phraseValues(taxi, { minutes: ' 5 ', stray: 'x' })).toEqual({ minutes: '5' });
  });

  it('offers each side its own phrases, in the hub’s order', () => {
    const phrasebook = [taxi, billPlease, breakfast, allergy, thanks];
    expect(phrasesFor(phrasebook, 'staff').map((phrase) => phrase.id)).toEqual(['taxi-arrives-in', 'breakfast-hours', 'thank-you']);
    expect(phrasesFor(phrasebook, 'guest').map((phrase) => phrase.id)).toEqual(['guest-bill-please', 'guest-allergic-to']);
    expect(phrasesFor([taxi, thanks], 'guest')).toEqual([]);
    // Grouped after picking the side: a category with none of that side's phrases gets no chip.
    expect(phrasesByCategory(['courtesy', 'allergies', 'bill', 'transport'], phrasesFor(phrasebook, 'guest')).map((group) => group.category)).toEqual([
      'allergies',
      'bill',
    ]);
  });

  it('sends a guest phrase as the guest’s words, whoever taps it', () => {
    expect(phraseSpeaker(billPlease)).toBe('guest');
    expect(phraseSpeaker(allergy)).toBe('guest');
    expect(phraseSpeaker(thanks)).toBe('staff');
    expect(phraseText(allergy, ['de'])).toBe('Ich habe eine Allergie gegen {allergen}.');
    expect(fillPhrase(phraseText(billPlease, ['ru']), {})).toBe('Принесите, пожалуйста, счёт.');
  });

  it('groups phrases by category in the hub’s order, leaving empty ones out', () => {
    const groups = phrasesByCategory(['courtesy', 'ordering', 'reception', 'transport'], [taxi, breakfast, thanks]);
    expect(groups.map((group) => [group.category, group.phrases.map((phrase) => phrase.id)])).toEqual([
      ['courtesy', ['thank-you']],
      ['reception', ['breakfast-hours']],
      ['transport', ['taxi-arrives-in']],
    ]);
    expect(phrasesByCategory([], [taxi]).map((group) => group.category)).toEqual(['transport']);
  });
});
