import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { checkKey } from './key';
import type { FileStore, StoredObject } from './index';

/** Files in a folder: each object is written to a temporary name and renamed, so a reader never sees half a file. */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    const p = path.join(this.root, ...checkKey(key).split('/'));
    if (!p.startsWith(this.root + path.sep)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return p;
  }

  async put(key: string, body: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.part`;
    await fsp.writeFile(temp, body, { flag: 'wx' });
    await fsp.rename(temp, target);
  }

  async get(key: string): Promise<StoredObject | null> {
    const p = this.pathOf(key);
    try {
      const stat = await fsp.stat(p);
      return { body: fs.createReadStream(p), size: stat.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}
