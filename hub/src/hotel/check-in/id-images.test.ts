import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { checkIdPhotoContentType, decodeSignature, normalizeIdPhoto, sniffImageType } from './id-images.ts';

const photo = (width: number, height: number, format: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } })[format]().toBuffer();

async function refusal(work: Promise<unknown>): Promise<{ statusCode: number; code: string }> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe('ID photo and signature images', () => {
  it('tells JPEG, PNG and WebP by their first bytes, and nothing else', async () => {
    expect(sniffImageType(await photo(8, 8, 'jpeg'))).toBe('image/jpeg');
    expect(sniffImageType(await photo(8, 8, 'png'))).toBe('image/png');
    expect(sniffImageType(await photo(8, 8, 'webp'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('stores a JPEG at most 1600 px wide, without the EXIF it came with', async () => {
    const withGps = await sharp({ create: { width: 3200, height: 2000, channels: 3, background: '#808080' } })
      .withExif({ IFD0: { Make: 'PhoneMaker', Copyright: 'Guest A' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeInstanceOf(Buffer);
    const stored = await normalizeIdPhoto(withGps);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1000 });
    expect(meta.exif).toBeUndefined();
    // A small photo is not enlarged.
    expect(await sharp(await normalizeIdPhoto(await photo(400, 300, 'webp'))).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
  });

  it('refuses bytes that are not an image, or that only start like one', async () => {
    expect(await refusal(normalizeIdPhoto(Buffer.from('%PDF-1.7\n1 0 obj\n')))).toMatchObject({ statusCode: 415, code: 'not_an_image' });
    const truncated = (await photo(64, 64, 'png')).subarray(0, 40);
    expect(await refusal(normalizeIdPhoto(truncated))).toMatchObject({ statusCode: 415, code: 'not_an_image' });
    expect(await refusal(normalizeIdPhoto(Buffer.alloc(0)))).toMatchObject({ statusCode: 400, code: 'photo_empty' });
  });

  it('checks the content type before the body is read', () => {
    expect(() => checkIdPhotoContentType('image/png')).not.toThrow();
    expect(() => checkIdPhotoContentType('IMAGE/JPEG; charset=binary')).not.toThrow();
    expect(() => checkIdPhotoContentType('application/pdf')).toThrow(/not "application\/pdf"/);
    expect(() => checkIdPhotoContentType(undefined)).toThrow(/no content type/);
  });

  it('reads a drawn signature, and refuses an empty pad or a signature that is not a PNG', async () => {
    const drawn = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="300" height="120"><path d="M10 60 L290 70" stroke="black" stroke-width="4"/></svg>') }])
      .png()
      .toBuffer();
    const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
    expect(await sharp(await decodeSignature(dataUrl(drawn))).metadata()).toMatchObject({ format: 'png', width: 300, height: 120 });
    const blank = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect(await refusal(decodeSignature(dataUrl(blank)))).toMatchObject({ statusCode: 400, code: 'signature_empty' });
    expect(await refusal(decodeSignature(dataUrl(await photo(300, 120, 'jpeg'))))).toMatchObject({ statusCode: 400, code: 'signature_invalid' });
    expect(await refusal(decodeSignature(dataUrl(await photo(5, 5, 'png'))))).toMatchObject({ statusCode: 400, code: 'signature_invalid' });
  });
});
