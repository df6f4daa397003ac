import { describe, expect, it } from 'vitest';
import { fromApertiumOutput, toApertiumInput } from './apertium-text.ts';
import { normaliseSourceText } from './source-text.ts';

describe('normaliseSourceText', () => {
  it('folds spacing, line endings and control characters, and keeps case and punctuation', () => {
    expect(normaliseSourceText('  Where is\tthe   bathroom? ')).toBe('Where is the bathroom?');
    expect(normaliseSourceText('One.\r\nTwo.\rThree.')).toBe('One.\nTwo.\nThree.');
    expect(normaliseSourceText('One.  \n\n\n\n  Two.')).toBe('One.\n\nTwo.');
    expect(normaliseSourceText('a\u0000b\u0007c\u001bd\u00a0e')).toBe('abcd e');
    expect(normaliseSourceText('Cafe\u0301')).toBe('Café');
  });

  it('replaces a lone surrogate instead of passing broken UTF-16 on', () => {
    expect(normaliseSourceText('ok \ud800 ok \udfff')).toBe('ok \ufffd ok \ufffd');
    expect(normaliseSourceText('pizza 🍕')).toBe('pizza 🍕');
  });

  it('is idempotent', () => {
    const messy = ' A\t b \r\n\r\n\r\n c\u0000 ';
    expect(normaliseSourceText(normaliseSourceText(messy))).toBe(normaliseSourceText(messy));
  });
});

describe('Apertium input and output', () => {
  it('swaps HTML-looking tags for tabs and puts them back in order', () => {
    const input = toApertiumInput('<b>Hello</b> <!-- note --> <a href="x">friend</a>');
    expect(input.text).toBe('\tHello\t \t \tfriend\t');
    expect(input.kept).toEqual(['<b>', '</b>', '<!-- note -->', '<a href="x">', '</a>']);
    expect(fromApertiumOutput('\tHola\t \t \tamigo\t\n', input.kept)).toBe('<b>Hola</b> <!-- note --> <a href="x">amigo</a>');
  });

  it('swaps typed marks for tabs too, and hands back marked text: Apertium’s marks as they are, typed ones escaped', () => {
    const input = toApertiumInput('5*3 @home #1 back\\slash blorp');
    expect(input.text).toBe('5\t3 \thome \t1 back\\slash blorp');
    expect(input.kept).toEqual(['*', '@', '#']);
    expect(fromApertiumOutput('5\t3 \tcasa \t1 atrás\\acuchilla *blorp', input.kept)).toBe('5\\*3 \\@casa \\#1 atrás\\\\acuchilla *blorp');
  });

  it('leaves comparisons and emoticons alone', () => {
    for (const text of ['2 < 3 and 5 > 4', 'I <3 it', 'a<b', '<>', '< b >']) {
      expect(toApertiumInput(text)).toEqual({ text, kept: [] });
    }
  });

  it('tidies the spaces Apertium leaves where it drops or joins words', () => {
    expect(fromApertiumOutput(' Quiero pizza', [])).toBe('Quiero pizza');
    expect(fromApertiumOutput('Podría  me traigo la factura', [])).toBe('Podría me traigo la factura');
    expect(fromApertiumOutput('Línea uno. \n Línea dos.\n\n', [])).toBe('Línea uno.\nLínea dos.');
  });

  it('drops tags rather than misplacing them when the count of marks changed', () => {
    expect(fromApertiumOutput('\tHola amigo', ['<b>', '</b>'])).toBe('Hola amigo');
  });
});
