/** Photos and documents of a seized asset: court staff upload them; anyone sees them once a lot of the asset is announced. */
import { z } from 'zod';
import { id, isoTime } from './common';
import { lotView } from './lots';
import { FILE_TITLE_MAX } from '../file-limits';

export const FILE_KINDS = ['photo', 'document'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, FILE_TITLE_MAX, PHOTO_MAX_BYTES, PHOTO_TYPES } from '../file-limits';

/** The form fields of an upload (multipart/form-data); `file` is the bytes, the rest are text fields. */
export const fileUploadForm = z.strictObject({
  file: z.string().meta({ format: 'binary', description: 'the photo (JPEG, PNG or WebP, at most 10 MB) or document (PDF, at most 20 MB); its type is read from its content' }),
  kind: z.enum(FILE_KINDS).optional().meta({ description: 'photo or document; when given it must agree with the content' }),
  title: z.string().trim().max(FILE_TITLE_MAX).optional(),
});
export const fileUploadFields = fileUploadForm.omit({ file: true });

export const fileUploaded = z.strictObject({
  id, kind: z.enum(FILE_KINDS), url: z.string(), contentType: z.string(), size: z.number().int().min(1),
  thumbnailUrl: z.string().optional(), displayUrl: z.string().optional(),
});
export type FileUploaded = z.infer<typeof fileUploaded>;

/** A file as a lot page shows it; photos come with a thumbnail, a display size and their size in pixels. */
export const lotFileView = z.strictObject({
  id, kind: z.enum(FILE_KINDS), title: z.string().nullable(), url: z.string(),
  thumbnailUrl: z.string().optional(), displayUrl: z.string().optional(),
  width: z.number().int().min(1).optional(), height: z.number().int().min(1).optional(),
  contentType: z.string(), size: z.number().int().min(1), uploadedAt: isoTime,
});
export type LotFileView = z.infer<typeof lotFileView>;

/** Court staff's list of an asset's files: who uploaded each, and whether it may still be removed. */
export const assetFileView = lotFileView.extend({ uploadedBy: z.strictObject({ id, name: z.string() }), removable: z.boolean() });
export type AssetFileView = z.infer<typeof assetFileView>;
export const assetFileList = z.strictObject({
  files: z.array(assetFileView),
  /** Whether a lot of the asset has been announced: its files are public from then on. */
  public: z.boolean(),
});
export type AssetFileList = z.infer<typeof assetFileList>;

/** GET /api/lots/:id: the lot with its asset's photos and documents (photos first, then in upload order). */
export const lotDetailView = lotView.extend({ files: z.array(lotFileView) });
export type LotDetailView = z.infer<typeof lotDetailView>;
