import sharp from 'sharp';
import { PHOTO_CONTENT_TYPES } from '@onemoment/shared/schemas/menu';
import { badRequest, HubError } from '../../errors.ts';

/** Largest photo upload; a phone's camera photo is 2–6 MB. Bigger gets 413 before it is read. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Long side of the stored photo (the item sheet) and of its thumbnail (the menu list). */
export const PHOTO_MAX_SIDE = 1200;
export const THUMBNAIL_MAX_SIDE = 320;
/** A small file can hold a huge picture (a "decompression bomb"): refuse more pixels than any camera makes. */
const MAX_INPUT_PIXELS = 60_000_000;
/** The formats the hub decodes, whatever the content type says (never SVG: it is a document, not a photo). */
const READABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

export interface StoredImage {
  contentType: string;
  data: Buffer;
  width: number;
  height: number;
}

export interface ResizedPhoto {
  full: StoredImage;
  thumbnail: StoredImage;
}

export const PHOTO_TYPES_TEXT = PHOTO_CONTENT_TYPES.join(', ');

const notAnImage = (detail: string) => new HubError(415, 'unsupported_media_type', `The file is not a photo the hub can read (${detail}); send a JPEG, PNG, WebP, GIF or AVIF image.`);

/** The content type a photo upload must have, checked before its body is read. */
export function checkPhotoContentType(contentType: string | undefined): void {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if ((PHOTO_CONTENT_TYPES as readonly string[]).includes(type)) return;
  const sent = contentType?.trim() ? `"${contentType.trim().slice(0, 100)}"` : 'no content type';
  throw new HubError(415, 'unsupported_media_type', `Send the photo as the body with an image content type (${PHOTO_TYPES_TEXT}), not ${sent}.`);
}

/**
 * Reads an uploaded photo and makes the two stored sizes: turned upright by its EXIF orientation,
 * metadata (GPS and camera) dropped, never enlarged, encoded as WebP. The bytes decide the format,
 * not the content type the client claims.
 */
export async function resizePhoto(bytes: Buffer): Promise<ResizedPhoto> {
  if (bytes.length === 0) throw badRequest('bad_request', 'The photo is empty: send the image as the request body.');
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw notAnImage('its bytes are not an image');
  }
  if (!format || !READABLE_FORMATS.has(format)) throw notAnImage(`it is ${format ?? 'of an unknown format'}`);
  try {
    const [full, thumbnail] = await Promise.all([encode(bytes, PHOTO_MAX_SIDE, 80), encode(bytes, THUMBNAIL_MAX_SIDE, 75)]);
    return { full, thumbnail };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new HubError(413, 'photo_too_large', 'The photo has too many pixels; send one under 60 megapixels.');
    throw notAnImage('it could not be decoded');
  }
}

async function encode(bytes: Buffer, maxSide: number, quality: number): Promise<StoredImage> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality })
    .toBuffer({ resolveWithObject: true });
  return { contentType: 'image/webp', data, width: info.width, height: info.height };
}
