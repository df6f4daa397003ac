import { describe, expect, it } from 'vitest';
import { isOurComment, newComment, normalizeComment } from './ton-comment.ts';

describe('invoice comments', () => {
  it('are OM- and 8 characters without look-alikes, from the random bytes', () => {
    expect(newComment(() => new Uint8Array(5))).toBe('OM-00000000');
    expect(newComment(() => new Uint8Array([255, 255, 255, 255, 255]))).toBe('OM-ZZZZZZZZ');
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const comment = newComment();
      expect(comment).toMatch(/^OM-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(comment.slice(3)).not.toMatch(/[ILOU]/);
      expect(isOurComment(comment)).toBe(true);
      seen.add(comment);
    }
    // 40 random bits: 2000 draws do not collide (a collision would be a broken random source).
    expect(seen.size).toBe(2000);
  });

  it('match however a guest typed them: case, spaces, a missing dash, a look-alike letter', () => {
    expect(normalizeComment('OM-7K2QH9XD')).toBe('OM-7K2QH9XD');
    expect(normalizeComment('  om-7k2qh9xd \n')).toBe('OM-7K2QH9XD');
    expect(normalizeComment('OM7K2QH9XD')).toBe('OM-7K2QH9XD');
    expect(normalizeComment('OM 7K2QH9XD')).toBe('OM-7K2QH9XD');
    expect(normalizeComment('OM-OIL23456')).toBe('OM-01123456');
  });

  it('leave other text as sent (trimmed), and no text as null', () => {
    expect(normalizeComment(' thanks for dinner ')).toBe('thanks for dinner');
    expect(normalizeComment('OM-7K2QH9XD and a tip')).toBe('OM-7K2QH9XD and a tip');
    expect(normalizeComment('<b>hi</b>')).toBe('<b>hi</b>');
    expect(normalizeComment('   ')).toBeNull();
    expect(normalizeComment(null)).toBeNull();
    expect(normalizeComment(undefined)).toBeNull();
    expect(isOurComment('thanks')).toBe(false);
    expect(isOurComment('OM-0000000I')).toBe(false);
  });
});
