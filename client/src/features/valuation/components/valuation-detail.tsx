import { Link } from 'react-router';
import { formatYuan } from '../../../../../shared/money';
import { ApiError } from '../../../api';
import { errorText } from '../../../error-text';
import { formatTime } from '../../../format';
import { methodLabel, useI18n } from '../../../i18n';
import { AppraisalCard } from './detail/appraisal-card';
import { CreateLotCard } from './detail/create-lot-card';
import { FactsCard } from './detail/facts-card';
import { ObjectionsCard } from './detail/objections-card';
import { QuotesCard } from './detail/quotes-card';
import { StatusExplanation } from './detail/status-explanation';
import { useValuationDetail } from '../api';
import { isInquiry, valuationStatusLabel } from '../valuation-logic';
import { Alert } from '../../../ui/alert';
import { PageLoading } from '../../../ui/spinner';

/** One reference-price determination: its status, the platforms' quotes as they arrive, objections, the appraisal, and the way to the lot. */
export function ValuationDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { v, asset, caseNumber, siblings, loadError, refreshedAt, liveError, reload, moving, pace } = useValuationDetail(id);

  if (!v) {
    if (loadError !== null) {
      const notFound = loadError instanceof ApiError && loadError.status === 404;
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('vd.loadFailed')} action={<button type="button" className="btn btn-light" onClick={reload}>{t('common.retry')}</button>}>
            {errorText(loadError, t, lang)} {notFound && <Link to="/court/worklist">{t('worklist.title')}</Link>}
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  const inquiry = isInquiry(v);
  const d = v.details ?? {};

  return (
    <div className="container valuation-page">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to="/court">{t('court.backToCases')}</Link>
        {asset && (
          <>
            <span aria-hidden="true"> › </span>
            <Link to={`/court/cases/${asset.caseId}#asset-${asset.id}-card`}>{caseNumber ?? t('vd.case')}</Link>
          </>
        )}
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{t('vd.crumb')}</span>
      </nav>
      <header className="control-head">
        <div className="lot-head-tags">
          <span className={`pill pill-large pill-${v.status}`} data-testid="valuation-status" data-status={v.status}>{valuationStatusLabel(t, v)}</span>
          {v.method === 'pre_valuation' && inquiry && <span className="tag">{t('val.viaInquiry')}</span>}
        </div>
        <h1 className="lot-title">{methodLabel(t, v.method)}{asset ? <span className="muted"> · {asset.title}</span> : null}</h1>
        <p className="small muted live-line" aria-live="off">
          {moving ? (
            <>
              <span className={`live-dot${liveError ? ' live-dot-off' : ''}`} aria-hidden="true" />
              {liveError ? t('vd.liveError') : t('vd.live', { seconds: pace / 1000, at: refreshedAt ? formatTime(refreshedAt) : '—' })}
            </>
          ) : (
            <button type="button" className="btn btn-light btn-small" onClick={reload}>{t('common.refresh')}</button>
          )}
        </p>
      </header>

      <StatusExplanation v={v} />

      <div className="valuation-layout">
        <div className="valuation-main">
          {inquiry && <QuotesCard v={v} />}
          {v.method === 'appraisal' && <AppraisalCard v={v} />}
          <ObjectionsCard v={v} />
        </div>
        <aside className="valuation-side">
          <FactsCard v={v} />
          {v.status === 'effective' && asset && <CreateLotCard v={v} asset={asset} siblings={siblings} />}
          {d.inquiryFee && (
            <section className="card">
              <h2>{t('vd.feeTitle')}</h2>
              <p className="small">{t('vd.fee', { winners: d.inquiryFee.winners.join(t('common.listSep')), share: d.inquiryFee.share, price: formatYuan(d.inquiryFee.finalPrice) })}</p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
