import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import {
  fileUploadFields, type AssetFileList, type FileUploaded, type LotFileView,
} from '../../../shared/contract/files';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/index';
import { DomainError, conflict, notFound, rateLimited } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import type { FileStore, StoredObject } from '../../platform/storage/index';
import { parse } from '../../platform/validate';
import { detectType, renderPhoto, SNIFF_BYTES, UnreadableImage, type Detected } from './files.inspect';
import { readUpload, titleFromFilename, tooLarge, typeNotAllowed } from './files.upload';
import * as repo from './files.repository';
import type { AssetFile } from './files.repository';

export type Variant = 'original' | 'display' | 'thumbnail';

/** Uploads read and processed at once in this process: each holds up to one file (20 MB) and sharp's work on it. */
const MAX_CONCURRENT_UPLOADS = 4;
/** An asset's files: enough for a property's photos and its documents, and a bound on the page that lists them. */
const MAX_FILES_PER_ASSET = 100;

const urlsOf = (f: AssetFile) => ({
  url: `/api/files/${f.id}`,
  ...(f.kind === 'photo' ? { thumbnailUrl: `/api/files/${f.id}/thumbnail`, displayUrl: `/api/files/${f.id}/display` } : {}),
});

export function lotFileView(f: AssetFile): LotFileView {
  return {
    id: f.id, kind: f.kind, title: f.title, ...urlsOf(f),
    ...(f.width && f.height ? { width: f.width, height: f.height } : {}),
    contentType: f.contentType, size: f.size, uploadedAt: f.uploadedAt.toISOString(),
  };
}

/** The files a lot page shows: its asset's, photos first. Whoever may see the lot may see them. */
export async function listLotFiles(db: Db, assetId: string): Promise<LotFileView[]> {
  return (await repo.liveFilesOf(db, assetId)).map((r) => lotFileView(r.file));
}

const isStaff = (user: SessionUser | null | undefined) => !!user && (user.roles.includes('court_staff') || user.roles.includes('admin'));

export function createFiles(ctx: AppContext, store: FileStore) {
  const { db, clock, log } = ctx;
  let uploading = 0;

  /** Reads, checks and stores one upload; the stored objects are removed again if recording the file fails. */
  async function upload(req: Request, res: Response, assetId: string, user: SessionUser): Promise<FileUploaded> {
    if (!(await repo.assetExists(db, assetId))) throw notFound('The asset');
    if (uploading >= MAX_CONCURRENT_UPLOADS) throw rateLimited(2000);
    uploading++;
    try {
      const { body, detected, fields, filename } = await readUpload(req, res);
      const { kind, title } = parse(fileUploadFields, fields, 'form');
      if (kind && kind !== detected.kind) throw typeNotAllowed(detected.contentType, { kind, reason: 'KIND_MISMATCH' });
      return await save(assetId, body, detected, title || titleFromFilename(filename), user.id);
    } finally {
      uploading--;
    }
  }

  /**
   * A file the server itself adds to an asset (the demo's illustrations and reports): the same checks as an
   * upload (its type read from its bytes, the type's cap, the asset's file limit) and the same renditions.
   */
  async function add(assetId: string, file: { body: Buffer; title: string }, uploadedBy: string): Promise<FileUploaded> {
    if (!(await repo.assetExists(db, assetId))) throw notFound('The asset');
    const { detected, mime } = await detectType(file.body.subarray(0, SNIFF_BYTES));
    if (!detected) throw typeNotAllowed(mime);
    if (file.body.length === 0 || file.body.length > detected.maxBytes) throw tooLarge(detected.kind, detected.maxBytes);
    return save(assetId, file.body, detected, parse(fileUploadFields, { title: file.title }, 'file').title ?? null, uploadedBy);
  }

  /** Renders a photo's sizes, stores the objects and records the file; the objects are removed again if recording it fails. */
  async function save(assetId: string, body: Buffer, detected: Detected, title: string | null, uploadedBy: string): Promise<FileUploaded> {
    if ((await repo.countLiveFiles(db, assetId)) >= MAX_FILES_PER_ASSET) {
      throw conflict('CONFLICT', `An asset has at most ${MAX_FILES_PER_ASSET} files; remove one first.`, { maxFiles: MAX_FILES_PER_ASSET });
    }
    const id = crypto.randomUUID();
    const prefix = `assets/${assetId}/${id}`;
    const objects: Array<{ key: string; body: Buffer; contentType: string }> = [];
    let width: number | null = null;
    let height: number | null = null;
    if (detected.kind === 'photo') {
      let photo;
      try {
        photo = await renderPhoto(body, detected.contentType);
      } catch (err) {
        if (err instanceof UnreadableImage) throw typeNotAllowed(detected.contentType, { reason: 'UNREADABLE' });
        throw err;
      }
      width = photo.full.width;
      height = photo.full.height;
      objects.push({ key: `${prefix}/original`, body: photo.full.body, contentType: photo.full.contentType });
      objects.push({ key: `${prefix}/display`, body: photo.display.body, contentType: photo.display.contentType });
      objects.push({ key: `${prefix}/thumbnail`, body: photo.thumbnail.body, contentType: photo.thumbnail.contentType });
    } else {
      objects.push({ key: `${prefix}/original`, body, contentType: detected.contentType });
    }
    const served = objects[0].body;
    const stored: string[] = [];
    try {
      for (const o of objects) {
        await store.put(o.key, o.body, o.contentType);
        stored.push(o.key);
      }
      const f = await repo.insertFile(db, {
        id, assetId, kind: detected.kind, title, contentType: detected.contentType, size: served.length,
        sha256: crypto.createHash('sha256').update(served).digest('hex'), storageKey: `${prefix}/original`,
        width, height, displayKey: width ? `${prefix}/display` : null, thumbnailKey: width ? `${prefix}/thumbnail` : null,
        uploadedBy, uploadedAt: clock.now(),
      });
      log.info({ fileId: f.id, assetId, kind: f.kind, contentType: f.contentType, size: f.size, uploadedBy }, 'asset file uploaded');
      return { id: f.id, kind: f.kind, ...urlsOf(f), contentType: f.contentType, size: f.size };
    } catch (err) {
      await Promise.allSettled(stored.map((k) => store.delete(k)));
      throw err;
    }
  }

  async function listForStaff(assetId: string): Promise<AssetFileList> {
    if (!(await repo.assetExists(db, assetId))) throw notFound('The asset');
    const isPublic = await repo.assetIsPublic(db, assetId);
    const rows = await repo.liveFilesOf(db, assetId);
    return {
      public: isPublic,
      files: rows.map((r) => ({ ...lotFileView(r.file), uploadedBy: { id: r.file.uploadedBy, name: r.uploaderName }, removable: !isPublic })),
    };
  }

  /** Court staff remove a file while no lot of its asset has been announced; the row stays, with who removed it. */
  async function remove(id: string, user: SessionUser): Promise<void> {
    const f = await repo.findLiveFile(db, id);
    if (!f) throw notFound('The file');
    if (f.public) throw conflict('LOT_NOT_DRAFT', 'A lot of this asset has been announced: its files are public and stay as they are.');
    const removed = await repo.markDeleted(db, id, user.id, clock.now());
    if (!removed) throw notFound('The file');
    log.info({ fileId: id, assetId: f.assetId, removedBy: user.id }, 'asset file removed');
    await Promise.allSettled([f.storageKey, f.displayKey, f.thumbnailKey].filter((k): k is string => !!k).map((k) => store.delete(k)));
  }

  /** A file's bytes for the caller: anyone once a lot of its asset is announced, court staff before. */
  async function open(id: string, variant: Variant, user: SessionUser | null | undefined): Promise<{ file: AssetFile & { public: boolean }; object: StoredObject; contentType: string }> {
    const f = await repo.findLiveFile(db, id);
    if (!f || (!f.public && !isStaff(user))) throw notFound('The file');
    const key = variant === 'original' ? f.storageKey : variant === 'display' ? f.displayKey : f.thumbnailKey;
    if (!key) throw notFound('The file');
    const object = await store.get(key);
    if (!object) {
      log.error({ fileId: id, key }, 'asset file missing from the store');
      throw new DomainError(404, 'NOT_FOUND', 'The file was not found.');
    }
    return { file: f, object, contentType: variant === 'original' ? f.contentType : 'image/webp' };
  }

  return { upload, add, listForStaff, remove, open };
}

export type Files = ReturnType<typeof createFiles>;
