/** Photos and documents of an asset: the lot page's gallery, and the court's uploads with their progress. */
import { useQuery } from '@tanstack/react-query';
import type { FileUploaded } from '../../../../shared/contract/files';
import { DOCUMENT_MAX_BYTES, PHOTO_MAX_BYTES, PHOTO_TYPES } from '../../../../shared/file-limits';
import { ApiError, call } from '../../api';
import { lotKeys } from '../auctions/api';

export const fileKeys = {
  ofLot: (lotId: string) => [...lotKeys.detail(lotId), 'files'] as const,
  ofAsset: (assetId: string) => ['assets', assetId, 'files'] as const,
};

/** The files a lot page shows (GET /api/lots/:id carries them; the live snapshot does not). */
export const useLotFiles = (lotId: string) => useQuery({
  queryKey: fileKeys.ofLot(lotId),
  queryFn: ({ signal }) => call('getLot', { params: { id: lotId }, signal }).then((l) => l.files),
  staleTime: 60_000,
});

export const useAssetFiles = (assetId: string) => useQuery({
  queryKey: fileKeys.ofAsset(assetId),
  queryFn: ({ signal }) => call('listAssetFiles', { params: { id: assetId }, signal }),
});

export const removeFile = (id: string) => call('deleteFile', { params: { id } });

/**
 * Refuses at once what the server would refuse for its size, without sending it: the type is the server's to
 * judge (by the content), but a file over both caps or a photo over its own is known to be too large here.
 */
export function tooLargeHere(file: File): ApiError | null {
  const photo = (PHOTO_TYPES as readonly string[]).includes(file.type);
  const max = photo ? PHOTO_MAX_BYTES : DOCUMENT_MAX_BYTES;
  if (file.size <= max) return null;
  return new ApiError(413, 'FILE_TOO_LARGE', 'too large', { maxBytes: max, ...(photo ? { kind: 'photo' } : {}) });
}

/** POST /api/assets/:id/files with upload progress (fetch reports none, so XMLHttpRequest). */
export function uploadAssetFile(assetId: string, file: File, o: { title?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal }): Promise<FileUploaded> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (o.title) form.append('title', o.title);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/assets/${encodeURIComponent(assetId)}/files`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) o.onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Cannot reach the server.'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 201) return resolve(data as FileUploaded);
      const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'INTERNAL', err?.message ?? `HTTP ${xhr.status}`, err?.details ?? {}));
    };
    o.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** "3.4 MB", "820 KB": sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
