/**
 * Court staff add photos and PDF documents to the asset of a lot: each file's upload shows its progress, and
 * a refusal says what to do (too large, not a photo or PDF). Until a lot of the asset is announced a file can
 * be removed again; from then on the files are public and stay.
 */
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Spinner } from '../../../ui/spinner';
import { fileKeys, formatSize, removeFile, tooLargeHere, uploadAssetFile, useAssetFiles } from '../api';
import '../files.css';

interface Progress { name: string; percent: number }
interface Outcome { name: string; ok: boolean; text: string }

export function AssetFilesPanel({ assetId, lotId }: { assetId: string; lotId: string }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const files = useAssetFiles(assetId);
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const refresh = () => Promise.all([
    qc.invalidateQueries({ queryKey: fileKeys.ofAsset(assetId) }),
    qc.invalidateQueries({ queryKey: fileKeys.ofLot(lotId) }),
  ]);

  async function upload(list: FileList | null) {
    if (!list || list.length === 0) return;
    const chosen = [...list];
    const done: Outcome[] = [];
    for (const file of chosen) {
      const local = tooLargeHere(file);
      if (local) {
        done.push({ name: file.name, ok: false, text: errorText(local, t, lang) });
        continue;
      }
      setProgress({ name: file.name, percent: 0 });
      try {
        await uploadAssetFile(assetId, file, {
          title: chosen.length === 1 && title.trim() ? title.trim() : undefined,
          onProgress: (f) => setProgress({ name: file.name, percent: Math.round(f * 100) }),
        });
        done.push({ name: file.name, ok: true, text: t('lot.filesUploaded', { name: file.name }) });
      } catch (err) {
        done.push({ name: file.name, ok: false, text: t('lot.filesFailed', { name: file.name, reason: errorText(err, t, lang) }) });
      }
    }
    setProgress(null);
    setOutcomes(done);
    setTitle('');
    if (input.current) input.current.value = '';
    await refresh();
  }

  async function remove(id: string) {
    setRemoveError(null);
    try {
      await removeFile(id);
    } catch (err) {
      setRemoveError(errorText(err, t, lang));
    }
    await refresh();
  }

  const data = files.data;
  return (
    <section className="card control-files" aria-labelledby="files-title" data-testid="asset-files">
      <h2 id="files-title">{t('lot.filesTitle')}</h2>
      <p className="small muted">{t('lot.filesIntro')}</p>
      {data?.public && <Alert tone="info">{t('lot.filesPublic')}</Alert>}
      <div className="field">
        <label htmlFor="file-title">{t('lot.filesTitleLabel')}</label>
        <input id="file-title" type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} disabled={!!progress} />
      </div>
      <div className="field">
        <label htmlFor="file-input">{t('lot.filesChoose')}</label>
        <input id="file-input" ref={input} type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" disabled={!!progress}
          onChange={(e) => void upload(e.target.files)} data-testid="file-input" />
      </div>
      {progress && (
        <div role="status" data-testid="upload-progress">
          <label className="small" htmlFor="upload-progress">{t('lot.filesUploading', { name: progress.name, percent: progress.percent })}</label>
          <progress id="upload-progress" className="upload-progress" max={100} value={progress.percent} />
        </div>
      )}
      {outcomes.length > 0 && (
        <div role="status" data-testid="upload-outcomes">
          {outcomes.map((o, i) => <Alert key={i} tone={o.ok ? 'success' : 'error'}>{o.text}</Alert>)}
        </div>
      )}
      {removeError && <Alert tone="error">{removeError}</Alert>}
      {files.isError && <Alert tone="error">{errorText(files.error, t, lang)}</Alert>}
      {!data ? (files.isLoading ? <Spinner /> : null) : data.files.length === 0 ? (
        <p className="small muted">{t('lot.filesEmpty')}</p>
      ) : (
        <ul className="asset-files-list" data-testid="asset-files-list">
          {data.files.map((f) => (
            <li key={f.id}>
              {f.kind === 'photo' && f.thumbnailUrl ? <img src={f.thumbnailUrl} alt="" /> : <span className="tag">{t('lot.docType')}</span>}
              <span className="file-name">
                <a href={f.url} target="_blank" rel="noreferrer">{f.title ?? t('lot.fileUntitled')}</a>
                <span className="small muted"> · {formatSize(f.size)} · {t('lot.filesBy', { name: f.uploadedBy.name })}</span>
              </span>
              {f.removable && (
                <button type="button" className="btn btn-light btn-small" onClick={() => void remove(f.id)} aria-label={t('lot.filesRemoveOne', { name: f.title ?? t('lot.fileUntitled') })}>
                  {t('lot.filesRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
