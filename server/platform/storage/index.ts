/**
 * Where uploaded files' bytes live: a folder on this machine by default, or an S3-compatible bucket when
 * STORAGE_S3_BUCKET is set (several nodes then share one store). Keys are made by the server, never by a
 * user: `assets/<assetId>/<fileId>/<variant>`.
 */
import type { Readable } from 'node:stream';
import path from 'node:path';
import type { Config } from '../config';
import { LocalFileStore } from './local';
import { S3FileStore } from './s3';

export { checkKey } from './key';

export interface StoredObject {
  body: Readable;
  size: number;
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes as a stream, or null when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export function createFileStore(config: Config): FileStore {
  if (config.STORAGE_S3_BUCKET) {
    return new S3FileStore({
      bucket: config.STORAGE_S3_BUCKET,
      region: config.STORAGE_S3_REGION,
      endpoint: config.STORAGE_S3_ENDPOINT,
      forcePathStyle: config.STORAGE_S3_FORCE_PATH_STYLE,
      credentials: config.STORAGE_S3_ACCESS_KEY_ID && config.STORAGE_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: config.STORAGE_S3_SECRET_ACCESS_KEY }
        : undefined,
    });
  }
  return new LocalFileStore(config.STORAGE_DIR ?? path.join(config.DATA_DIR, 'files'));
}
