/**
 * The two images of a check-in: the ID photo (a phone camera's JPEG, PNG or WebP) and the drawn
 * signature (a PNG data URL). Each is checked twice, by its first bytes and by decoding it with sharp,
 * and re-encoded, so what is stored is a clean image with no metadata (a phone photo's EXIF carries
 * the GPS position of the guest's home as often as not).
 */
import sharp from 'sharp';
import { HubError } from '../../errors.ts';

export const ID_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type IdPhotoType = (typeof ID_PHOTO_TYPES)[number];

/** Widest stored ID photo: a passport page stays readable, the stored file stays a few hundred KB. */
export const ID_PHOTO_MAX_WIDTH = 1600;
/** A small file can hold a huge picture (a decompression bomb): no camera makes more pixels than this. */
const MAX_INPUT_PIXELS = 60_000_000;
/** A signature pad on a phone is a few hundred pixels; anything far bigger is not one. */
const SIGNATURE_MAX_SIDE = 4000;

const notAnImage = (detail: string) =>
  new HubError(415, 'not_an_image', `That file is not a photo (${detail}). Take a photo of your ID with the camera, or choose a JPEG, PNG or WebP image.`);

/** What the first bytes say the file is (the content type a client claims is only a hint). */
export function sniffImageType(bytes: Buffer): IdPhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** 415 before the body is read, for a request that does not even claim to be an image of ours. */
export function checkIdPhotoContentType(contentType: string | undefined): void {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if ((ID_PHOTO_TYPES as readonly string[]).includes(type)) return;
  const sent = type ? `"${type.slice(0, 60)}"` : 'no content type';
  throw new HubError(415, 'unsupported_media_type', `Send the ID photo as the body with the type image/jpeg, image/png or image/webp, not ${sent}.`);
}

/**
 * The stored ID photo: upright by its EXIF orientation, at most 1600 px wide, JPEG, metadata dropped
 * (sharp writes none unless asked).
 */
export async function normalizeIdPhoto(bytes: Buffer): Promise<Buffer> {
  if (bytes.length === 0) throw new HubError(400, 'photo_empty', 'The photo is empty: send the image as the request body.');
  const sniffed = sniffImageType(bytes);
  if (!sniffed) throw notAnImage('its bytes are not a JPEG, PNG or WebP image');
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: ID_PHOTO_MAX_WIDTH, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new HubError(413, 'photo_too_large', 'The photo has too many pixels; take it again with the camera.');
    }
    throw notAnImage('it could not be read as an image');
  }
}

/**
 * The drawn signature as a clean PNG. The data URL's syntax is the schema's; here its bytes must be a
 * PNG that decodes to a sensible size.
 */
export async function decodeSignature(dataUrl: string): Promise<Buffer> {
  const bad = (detail: string) => new HubError(400, 'signature_invalid', `The signature could not be read (${detail}); please sign again.`);
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (sniffImageType(bytes) !== 'image/png') throw bad('it is not a PNG image');
  try {
    const image = sharp(bytes, { limitInputPixels: SIGNATURE_MAX_SIDE * SIGNATURE_MAX_SIDE });
    const { width = 0, height = 0 } = await image.metadata();
    if (width < 20 || height < 10 || width > SIGNATURE_MAX_SIDE || height > SIGNATURE_MAX_SIDE) throw bad(`it is ${width}×${height} pixels`);
    // An empty pad is still a valid PNG: one colour (or all transparent) everywhere is no signature.
    const { channels } = await image.stats();
    if (channels.every((channel) => channel.min === channel.max)) {
      throw new HubError(400, 'signature_empty', 'The signature box is empty: please sign with your finger before you send the form.');
    }
    return await image.png({ compressionLevel: 9 }).toBuffer();
  } catch (error) {
    if (error instanceof HubError) throw error;
    throw bad('the image is damaged');
  }
}
