/**
 * What an uploaded file is, read from its bytes (never from its name or the sender's claim), and the images
 * that are served of a photo: re-encoded without metadata (EXIF, GPS, XMP), a display size and a thumbnail.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import {
  DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, PHOTO_MAX_BYTES, PHOTO_TYPES, type FileKind,
} from '../../../shared/contract/files';

/** Bytes enough for the type's signature (file-type reads at most this many for the formats accepted here). */
export const SNIFF_BYTES = 4100;

export interface Detected { kind: FileKind; contentType: string; maxBytes: number }

export async function detectType(head: Buffer): Promise<{ detected: Detected | null; mime: string | null }> {
  const found = await fileTypeFromBuffer(head);
  const mime = found?.mime ?? null;
  if (mime && (PHOTO_TYPES as readonly string[]).includes(mime)) return { detected: { kind: 'photo', contentType: mime, maxBytes: PHOTO_MAX_BYTES }, mime };
  if (mime && (DOCUMENT_TYPES as readonly string[]).includes(mime)) return { detected: { kind: 'document', contentType: mime, maxBytes: DOCUMENT_MAX_BYTES }, mime };
  return { detected: null, mime };
}

/** A camera's photo is at most about 50 megapixels; more is a decompression bomb, not a photo. */
const MAX_INPUT_PIXELS = 60_000_000;
const FULL_EDGE = 4096;
const DISPLAY_EDGE = 1600;
const THUMB = { width: 480, height: 360 };

export interface PhotoRenditions {
  full: { body: Buffer; contentType: string; width: number; height: number };
  display: { body: Buffer; contentType: 'image/webp' };
  thumbnail: { body: Buffer; contentType: 'image/webp' };
}

export class UnreadableImage extends Error {}

/**
 * The images served of a photo. Each is re-encoded by sharp, which writes no metadata unless asked to, so
 * the camera's EXIF block (GPS position, serial numbers, the owner's name) never leaves the server; the
 * EXIF orientation is applied to the pixels first, so the photo still stands the right way up.
 */
export async function renderPhoto(input: Buffer, contentType: string): Promise<PhotoRenditions> {
  const open = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  try {
    const base = open().resize({ width: FULL_EDGE, height: FULL_EDGE, fit: 'inside', withoutEnlargement: true });
    const encoded = contentType === 'image/png' ? base.png({ compressionLevel: 9 })
      : contentType === 'image/webp' ? base.webp({ quality: 90 })
        : base.jpeg({ quality: 90, mozjpeg: true });
    const full = await encoded.toBuffer({ resolveWithObject: true });
    const display = await open().resize({ width: DISPLAY_EDGE, height: DISPLAY_EDGE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
    const thumbnail = await open().resize({ ...THUMB, fit: 'cover', position: 'attention' }).webp({ quality: 75 }).toBuffer();
    return {
      full: { body: full.data, contentType, width: full.info.width, height: full.info.height },
      display: { body: display, contentType: 'image/webp' },
      thumbnail: { body: thumbnail, contentType: 'image/webp' },
    };
  } catch (err) {
    throw new UnreadableImage(err instanceof Error ? err.message : String(err));
  }
}
