/**
 * Reads one multipart upload as it streams in. The type is read from the first bytes, so a file of another
 * type is refused before the rest arrives; the cap of that type cuts the upload off as soon as it is passed.
 * Only the file itself is held in memory, never more than its cap.
 */
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { DOCUMENT_MAX_BYTES, FILE_TITLE_MAX, PHOTO_TYPES, DOCUMENT_TYPES, type FileKind } from '../../../shared/contract/files';
import { DomainError, validationFailed } from '../../platform/errors';
import { detectType, SNIFF_BYTES, type Detected } from './files.inspect';

const malformed = (err: unknown) => validationFailed(`The request is not valid: ${(err as Error).message}.`, [{ path: '(body)', message: 'malformed multipart body' }]);

export interface Upload {
  body: Buffer;
  detected: Detected;
  /** The text fields as sent (kind, title), for the caller to check. */
  fields: Record<string, string>;
  /** The file's name as the sender gave it, if any. */
  filename: string | null;
}

/**
 * The title a file gets when none was typed: its name without the extension, without control characters,
 * trimmed and cut to the longest title allowed; null when nothing is left.
 */
export function titleFromFilename(filename: string | null | undefined): string | null {
  if (!filename) return null;
  // eslint-disable-next-line no-control-regex
  const clean = filename.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  const dot = clean.lastIndexOf('.');
  const base = (dot > 0 ? clean.slice(0, dot) : clean).trim();
  // Cut by characters, never inside one, to no more than the length a typed title may have.
  let capped = '';
  for (const ch of base) {
    if (capped.length + ch.length > FILE_TITLE_MAX) break;
    capped += ch;
  }
  capped = capped.trim();
  return capped || null;
}

const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export const tooLarge = (kind: FileKind | null, maxBytes: number) =>
  new DomainError(413, 'FILE_TOO_LARGE', `The file is too large: ${kind === 'photo' ? 'a photo' : kind === 'document' ? 'a document' : 'a file'} may have at most ${MB(maxBytes)}.`, { maxBytes, ...(kind ? { kind } : {}) });

export const typeNotAllowed = (detected: string | null, details: Record<string, unknown> = {}) =>
  new DomainError(415, 'FILE_TYPE_NOT_ALLOWED', `This file's content is ${detected ?? 'of no type accepted here'}: photos must be JPEG, PNG or WebP, documents PDF.`, {
    detected, allowed: [...PHOTO_TYPES, ...DOCUMENT_TYPES], ...details,
  });

/** What is read and dropped of a refused upload before the connection is closed instead. */
const DISCARD_BYTES = 2 * DOCUMENT_MAX_BYTES;

/** Reads and drops the rest of a refused upload (never keeps it); past a bound the connection is closed instead. */
export function discardRest(req: Request) {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_BYTES) req.destroy();
  });
  req.resume();
}

export function readUpload(req: Request, res: Response): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > DISCARD_BYTES) {
    // Said to be far larger than any file accepted: answered at once, and the connection closed after the answer.
    res.setHeader('Connection', 'close');
    return Promise.reject(tooLarge(null, DOCUMENT_MAX_BYTES));
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send a file's name as UTF-8 bytes.
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 4, parts: 6, fieldNameSize: 32, fieldSize: 4 * FILE_TITLE_MAX, fileSize: DOCUMENT_MAX_BYTES, headerPairs: 20 },
    });
  } catch {
    return Promise.reject(new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data, in a field named file.'));
  }

  return new Promise<Upload>((resolve, reject) => {
    let settled = false;
    const fields: Record<string, string> = {};
    let body: Buffer | null = null;
    let detected: Detected | null = null;
    let filename: string | null = null;
    let fileDone: Promise<void> | null = null;

    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => {});
      // The answer waits until the sender has sent the rest (dropped as it comes): a client that is still
      // sending when the answer comes would otherwise see a reset connection instead of the refusal.
      if (req.readableEnded) return reject(err);
      req.once('end', () => reject(err));
      req.once('close', () => reject(err));
      discardRest(req);
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail(validationFailed(`The request is not valid: ${name} is too long.`, [{ path: name, message: 'too long' }]));
      if (name !== 'kind' && name !== 'title') return fail(validationFailed(`The request is not valid: unknown field ${name}.`, [{ path: name, message: 'unknown field' }]));
      fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      // A body that ends inside a file part errors the part's stream too (busboy passes its error on): left
      // unheard, that error would end the process. The parser's own error listener answers the request.
      stream.on('error', (err) => fail(malformed(err)));
      if (name !== 'file') {
        stream.resume();
        return fail(validationFailed(`The request is not valid: send the file in a field named file, not ${name}.`, [{ path: name, message: 'unknown field' }]));
      }
      filename = info.filename ?? null;
      const chunks: Buffer[] = [];
      let received = 0;
      let sniffing: Promise<void> | null = null;
      const sniff = (): Promise<void> => {
        sniffing ??= detectType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES)).then(({ detected: d, mime }) => {
          if (!d) throw typeNotAllowed(mime);
          detected = d;
          if (received > d.maxBytes) throw tooLarge(d.kind, d.maxBytes);
        });
        return sniffing;
      };
      fileDone = new Promise<void>((done) => {
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          chunks.push(chunk);
          received += chunk.length;
          if (detected && received > detected.maxBytes) return fail(tooLarge(detected.kind, detected.maxBytes));
          if (!sniffing && received >= SNIFF_BYTES) sniff().catch(fail);
        });
        stream.on('error', () => done());
        stream.on('limit', () => fail(tooLarge(detected?.kind ?? 'document', detected?.maxBytes ?? DOCUMENT_MAX_BYTES)));
        stream.on('end', () => {
          if (settled) return done();
          sniff().then(() => {
            body = Buffer.concat(chunks, received);
            done();
          }, (err) => { fail(err); done(); });
        });
      });
    });

    parser.on('filesLimit', () => fail(validationFailed('The request is not valid: send one file at a time.', [{ path: 'file', message: 'one file at a time' }])));
    parser.on('fieldsLimit', () => fail(validationFailed('The request is not valid: too many fields.', [{ path: '(body)', message: 'too many fields' }])));
    parser.on('partsLimit', () => fail(validationFailed('The request is not valid: too many parts.', [{ path: '(body)', message: 'too many parts' }])));
    parser.on('error', (err) => fail(malformed(err)));
    parser.on('close', () => {
      void (fileDone ?? Promise.resolve()).then(() => {
        if (settled) return;
        if (!body || !detected) return fail(validationFailed('The request is not valid: file is missing.', [{ path: 'file', message: 'required' }]));
        if (body.length === 0) return fail(validationFailed('The request is not valid: file is empty.', [{ path: 'file', message: 'empty' }]));
        settled = true;
        resolve({ body, detected, fields, filename });
      });
    });
    req.on('aborted', () => fail(validationFailed('The upload was interrupted.', [{ path: 'file', message: 'interrupted' }])));
    req.pipe(parser);
  });
}
