import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { microphoneText, sendErrorText } from './talk-messages.ts';

describe('what the guest reads when talking fails', () => {
  const en = translator('en');
  const ru = translator('ru');
  const error = (status: number, code: string, message = 'The hub said so.') => ({ status, code, message, retriable: false });

  it('explains the hub’s speech errors in the guest’s language', () => {
    expect(sendErrorText(error(422, 'silent_audio'), en)).toBe('No speech was heard. Hold the button and speak a little louder.');
    expect(sendErrorText(error(503, 'model_missing'), ru)).toBe('Распознавание речи сейчас недоступно. Выберите фразу или напишите сообщение.');
    expect(sendErrorText(error(413, 'payload_too_large'), en)).toBe('That was too long. Please say it in shorter parts.');
    expect(sendErrorText(error(0, 'network'), en)).toBe('No connection to the venue. Check the Wi-Fi and try again.');
    expect(sendErrorText(error(429, 'too_many_requests'), en)).toBe('The translator is busy. Please try again in a moment.');
    expect(sendErrorText(error(503, 'queue_full'), en)).toBe('The translator is busy. Please try again in a moment.');
  });

  it('passes on the hub’s own sentence for anything else', () => {
    expect(sendErrorText(error(409, 'conversation_closed', 'This conversation was closed by staff.'), en)).toBe('Not sent: This conversation was closed by staff.');
  });

  it('has a sentence for every microphone problem in every language', () => {
    for (const t of [en, ru, translator('ar')]) {
      const problems = ['insecure', 'unsupported', 'denied', 'no-microphone', 'busy', 'no-audio', 'failed'] as const;
      const texts = problems.map((problem) => microphoneText(problem, t));
      expect(new Set(texts).size).toBe(problems.length);
      for (const text of texts) expect(text).not.toMatch(/^mic[A-Z]/);
    }
  });
});
