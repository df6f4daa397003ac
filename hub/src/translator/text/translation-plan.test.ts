import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { planTranslation, withTypedCase, type TranslationRequest } from './translation-plan.ts';

const plan = (request: TranslationRequest) => planTranslation(request);
const phrasebook = (text: string) => ({ kind: 'answer', result: { text, engine: 'phrasebook', cached: false, partial: false, untranslatedWords: [] } });

describe('planTranslation', () => {
  it('returns the text as is between tags of the same language', () => {
    expect(plan({ text: '  Hola,   amigo ', from: 'es-ES', to: 'es_419' })).toEqual({
      kind: 'answer',
      result: { text: '  Hola,   amigo ', engine: 'same-language', cached: false, partial: false, untranslatedWords: [] },
    });
  });

  it('renders a phrase id in the target language with its values', () => {
    expect(plan({ text: 'Your order will be ready in about 15 minutes.', from: 'en', to: 'de-AT', phraseId: 'order-ready-in', values: { minutes: 15 } })).toEqual(
      phrasebook('Ihre Bestellung ist in etwa 15 Minuten fertig.'),
    );
    expect(plan({ text: 'gracias', from: 'spa', to: 'rus', phraseId: 'thank-you' })).toEqual(phrasebook('Большое спасибо!'));
  });

  it('refuses an unknown phrase id or bad values with a 400 that says what is wrong', () => {
    const refusal = (request: TranslationRequest) => {
      try {
        plan(request);
      } catch (error) {
        if (error instanceof HubError) return { status: error.statusCode, code: error.code, message: error.message };
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ text: 'x', from: 'en', to: 'es', phraseId: 'no-such-phrase' })).toEqual({
      status: 400,
      code: 'unknown_phrase',
      message: 'There is no phrase "no-such-phrase" in the phrasebook; reload the page to get the current phrases.',
    });
    expect(refusal({ text: 'x', from: 'en', to: 'es', phraseId: 'order-ready-in' })).toEqual({
      status: 400,
      code: 'invalid_phrase_values',
      message: 'phrase "order-ready-in" needs a value for {minutes}.',
    });
  });

  it('recognises a typed phrase and sends it in the target language', () => {
    expect(plan({ text: 'thank you very much', from: 'en', to: 'es' })).toEqual(phrasebook('¡Muchas gracias!'));
    expect(plan({ text: '¡Muchas gracias!', from: 'es-MX', to: 'en-GB' })).toEqual(phrasebook('Thank you very much!'));
    expect(plan({ text: 'Your order will be ready in about 20 minutes', from: 'en', to: 'fr' })).toEqual(
      phrasebook('Votre commande sera prête dans environ 20 minutes.'),
    );
  });

  it('keeps placeholder values as typed, not lower-cased', () => {
    expect(plan({ text: 'The Wi-Fi network is BistroGuests and the password is Sunny2024', from: 'en', to: 'es' })).toEqual(
      phrasebook('La red wifi es BistroGuests y la contraseña es Sunny2024.'),
    );
  });

  it('says placeholder values the reader’s way, and leaves those only an engine can say to the engine', () => {
    expect(plan({ text: 'x', from: 'en', to: 'ru', phraseId: 'kitchen-closes-at', values: { time: '11 pm' } })).toEqual(phrasebook('Кухня работает до 23:00.'));
    expect(plan({ text: 'The kitchen closes at 23h', from: 'en', to: 'es' })).toEqual(phrasebook('La cocina cierra a las 23:00.'));
    expect(plan({ text: 'x', from: 'ru', to: 'en', phraseId: 'guest-allergic-to', values: { allergen: 'орехи' } })).toEqual(phrasebook('I am allergic to nuts.'));
    expect(plan({ text: 'The kitchen closes at eleven', from: 'en', to: 'es' })).toEqual({
      kind: 'phrase',
      phraseId: 'kitchen-closes-at',
      toTag: 'es',
      from: 'en',
      to: 'es',
      ready: {},
      toTranslate: { time: 'eleven' },
    });
  });

  it('falls through to machine translation when the phrasebook lacks a language', () => {
    expect(plan({ text: 'Thank you very much!', from: 'en', to: 'ca' })).toEqual({ kind: 'machine', from: 'en', to: 'ca', text: 'Thank you very much!' });
    expect(plan({ text: 'Thank you very much!', from: 'en', to: 'ca', phraseId: 'thank-you' })).toMatchObject({ kind: 'machine', to: 'ca' });
    // The phrasebook keeps its Simplified Chinese from a Traditional Chinese reader.
    expect(plan({ text: 'Thank you very much!', from: 'en', to: 'zh-Hant-TW', phraseId: 'thank-you' })).toMatchObject({ kind: 'machine', to: 'zh' });
  });

  it('sends other text to machine translation, normalised', () => {
    expect(plan({ text: '  Where is\tthe   bathroom?\r\n', from: 'en-US', to: 'es-ES' })).toEqual({
      kind: 'machine',
      from: 'en',
      to: 'es',
      text: 'Where is the bathroom?',
    });
  });

  it('does not take a placeholder filled with nothing for the phrase', () => {
    expect(plan({ text: 'Your order will be ready in about  minutes', from: 'en', to: 'es' })).toMatchObject({ kind: 'machine' });
  });

  it('has nothing to do for unknown languages or empty text', () => {
    expect(plan({ text: 'Hello', from: 'klingon', to: 'es' })).toEqual({ kind: 'none', reason: 'unknown_language' });
    expect(plan({ text: 'Hello', from: 'en', to: '' })).toEqual({ kind: 'none', reason: 'unknown_language' });
    expect(plan({ text: ' \n\u0000 ', from: 'en', to: 'es' })).toEqual({ kind: 'none', reason: 'empty_text' });
  });
});

describe('withTypedCase', () => {
  it('takes each value as typed when it is found as a whole word', () => {
    expect(withTypedCase('Network BistroGuests, password Sunny2024!', { network: 'bistroguests', password: 'sunny2024', room: '214' })).toEqual({
      network: 'BistroGuests',
      password: 'Sunny2024',
      room: '214',
    });
    expect(withTypedCase('Ask for Ana  María at the desk', { name: 'ana maría' })).toEqual({ name: 'Ana María' });
  });

  it('keeps the normalised value when the typed spelling cannot be found', () => {
    expect(withTypedCase('password Sunny-2024', { password: 'sunny 2024' })).toEqual({ password: 'sunny 2024' });
    expect(withTypedCase('Passwords are secret', { password: 'pass' })).toEqual({ password: 'pass' });
  });
});
