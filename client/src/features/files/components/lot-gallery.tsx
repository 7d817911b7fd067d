/**
 * A lot's photos and documents as a bidder sees them: one photo large with the others as thumbnails, a dialog
 * that shows a photo whole (zoom) and is left with Escape, and the documents as a list with type and size.
 */
import { useEffect, useRef, useState } from 'react';
import type { LotFileView } from '../../../../../shared/contract/files';
import { useI18n } from '../../../i18n';
import { formatSize } from '../api';
import '../files.css';

export function LotGallery({ photos, title }: { photos: LotFileView[]; title: string }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const [zoomed, setZoomed] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const current = photos[Math.min(index, photos.length - 1)];
  const total = photos.length;
  const step = (by: number) => setIndex((i) => (i + by + total) % total);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (zoomed && !d.open) d.showModal();
    if (!zoomed && d.open) d.close();
  }, [zoomed]);

  if (!current) return null;
  const alt = (p: LotFileView, n: number) => p.title ?? t('lot.photoAlt', { n, title });
  return (
    <div className="lot-gallery" data-testid="lot-gallery">
      <button type="button" className="gallery-main" onClick={() => setZoomed(true)} aria-label={t('lot.zoom')} data-testid="gallery-zoom">
        <img src={current.displayUrl ?? current.url} alt={alt(current, index + 1)} width={current.width} height={current.height} />
      </button>
      <p className="small muted gallery-caption" aria-live="polite">
        {current.title ? `${current.title} · ` : ''}{t('lot.photoOf', { n: index + 1, total })}
      </p>
      {total > 1 && (
        <ul className="gallery-strip" aria-label={t('lot.photosTitle')}>
          {photos.map((p, i) => (
            <li key={p.id}>
              <button type="button" className={i === index ? 'gallery-thumb current' : 'gallery-thumb'} aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)}>
                <img src={p.thumbnailUrl ?? p.url} alt={alt(p, i + 1)} loading="lazy" width={120} height={90} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <dialog ref={dialog} className="gallery-dialog" aria-label={t('lot.zoomTitle', { n: index + 1, total })} onClose={() => setZoomed(false)}
        onKeyDown={(e) => { if (e.key === 'ArrowRight') step(1); if (e.key === 'ArrowLeft') step(-1); }} data-testid="gallery-dialog">
        {zoomed && (
          <>
            <img src={current.url} alt={alt(current, index + 1)} className="gallery-full" data-testid="gallery-full" />
            <div className="gallery-dialog-bar">
              <span className="small">{current.title ? `${current.title} · ` : ''}{t('lot.photoOf', { n: index + 1, total })}</span>
              {total > 1 && <button type="button" className="btn btn-light btn-small" onClick={() => step(-1)}>{t('lot.prevPhoto')}</button>}
              {total > 1 && <button type="button" className="btn btn-light btn-small" onClick={() => step(1)}>{t('lot.nextPhoto')}</button>}
              <button type="button" className="btn btn-light btn-small" onClick={() => setZoomed(false)} autoFocus>{t('lot.zoomClose')}</button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}

export function LotDocuments({ documents }: { documents: LotFileView[] }) {
  const { t } = useI18n();
  if (documents.length === 0) return null;
  return (
    <section className="card doc lot-documents" aria-labelledby="documents-title" data-testid="lot-documents">
      <h2 id="documents-title">{t('lot.docsTitle')}</h2>
      <ul className="document-list">
        {documents.map((d) => (
          <li key={d.id}>
            <a href={d.url} download>{d.title ?? t('lot.fileUntitled')}</a>
            <span className="small muted"> · {t('lot.docType')} · {formatSize(d.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
