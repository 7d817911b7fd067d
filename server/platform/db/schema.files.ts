/**
 * Photos and documents of a seized asset. The bytes live in the file store (server/platform/storage): a photo
 * as served (re-encoded, its metadata stripped) with a display size and a thumbnail, a document as uploaded.
 * A row records who uploaded the file and when; a removed file keeps its row, with who removed it and when.
 */
import { pgTable, text, timestamp, integer, index } from 'drizzle-orm/pg-core';
import { assets, users } from './schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const assetFiles = pgTable('asset_files', {
  id: text('id').primaryKey(),
  assetId: text('asset_id').notNull().references(() => assets.id),
  kind: text('kind').$type<'photo' | 'document'>().notNull(),
  title: text('title'),
  /** The type found in the content (never the name or the sender's claim). */
  contentType: text('content_type').notNull(),
  /** Bytes of the file as served. */
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  /** Photos only: the served image's size in pixels, and the keys of its display size and thumbnail. */
  width: integer('width'),
  height: integer('height'),
  displayKey: text('display_key'),
  thumbnailKey: text('thumbnail_key'),
  uploadedBy: text('uploaded_by').notNull().references(() => users.id),
  uploadedAt: ts('uploaded_at').notNull(),
  deletedBy: text('deleted_by').references(() => users.id),
  deletedAt: ts('deleted_at'),
}, (t) => [index('asset_files_asset_idx').on(t.assetId, t.uploadedAt)]);

export type AssetFile = typeof assetFiles.$inferSelect;
