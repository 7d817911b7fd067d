import { DisclosureEditor } from './disclosure-editor';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { ApiError } from '../../../api';
import { useAuth } from '../../../auth';
import { errorText } from '../../../error-text';
import { kindLabel, roundLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { RefreshButton } from '../../../ui/refresh-button';
import { PageLoading, Spinner } from '../../../ui/spinner';
import { StatusBadge } from '../../../ui/status-badge';
import { useLotAudit } from '../../audit/api';
import { AuditLog } from '../../audit/components/audit-log';
import type { AssetView } from '../../court/types';
import { controlRefresh, useControlledLot, useLotActions, useLotChanged } from '../control-api';
import { BuyerPanel } from './buyer-panel';
import { AssetFilesPanel } from '../../files/components/asset-files-panel';
import { LotActionsPanel } from './lot-actions-panel';
import type { LotFormMode } from './lot-form';
import { LotKeyFacts, StatusBanner } from './lot-key-facts';
import { NextLotForm } from './next-lot-form';

interface Notice { tone: 'success' | 'info'; text: string }

/** A lot's control page for court staff: where it stands, what may be done next and why not, and its audit log. */
export function LotControl({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const lotQuery = useControlledLot(id);
  const lot = lotQuery.data ?? null;
  // Actions and audit move with the lot: read them at the lot's pace.
  const pace = controlRefresh(lotQuery.data);
  const actions = useLotActions(id, pace);
  const audit = useLotAudit(id, pace);
  const lotChanged = useLotChanged();
  const [notice, setNotice] = useState<Notice | null>(() => {
    const s = location.state as { created?: string } | null;
    return s?.created ? { tone: 'success', text: t('control.createdNotice', { round: s.created }) } : null;
  });
  const [form, setForm] = useState<LotFormMode | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const reload = () => { void lotQuery.refetch(); void actions.refetch(); void audit.refetch(); };
  const loading = lotQuery.isFetching || actions.isFetching || audit.isFetching;

  useEffect(() => {
    if (form) formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [form]);

  if (!lot) {
    if (lotQuery.error !== null) {
      const notFound = lotQuery.error instanceof ApiError && lotQuery.error.status === 404;
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('control.loadFailed')} action={<button type="button" className="btn btn-light" onClick={reload}>{t('common.retry')}</button>}>
            {errorText(lotQuery.error, t, lang)} {notFound && <Link to="/court">{t('court.backToCases')}</Link>}
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  const onChanged = (next: LotView | null, message: string) => {
    if (message) setNotice({ tone: 'success', text: message });
    lotChanged(id, next);
  };
  const asset: AssetView = {
    id: lot.assetId, caseId: lot.caseId, title: lot.title, kind: lot.kind as AssetView['kind'], description: lot.description, createdAt: '',
    titleEn: lot.titleEn, descriptionEn: lot.descriptionEn,
    preserved: false, appraisalMandatory: false, seizedAt: null,
  };
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);
  const partError = actions.error ?? audit.error;

  return (
    <div className="container control-page">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to="/court">{t('court.backToCases')}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/court/cases/${lot.caseId}`}>{lot.caseNumber}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t('control.title')}</span>
      </nav>
      <header className="control-head">
        <div className="lot-head-tags">
          <StatusBadge status={lot.status} testId="control-status" large />
          <span className="tag">{roundLabel(t, lot.round)}</span>
          <span className="tag">{kindLabel(t, lot.kind)}</span>
        </div>
        <h1 className="lot-title">{lot.title}</h1>
        <p className="lot-court">{lot.court} · <span className="nowrap">{t('lot.caseNumber')} {lot.caseNumber}</span></p>
        <div className="btn-row control-links">
          {lot.status !== 'draft' && <Link className="btn btn-light btn-small" to={`/lots/${lot.id}`}>{t('court.viewPublic')}</Link>}
          {lot.status !== 'draft' && <Link className="btn btn-light btn-small" to={`/lots/${lot.id}/bid-log`}>{t('bidlog.link')}</Link>}
          <RefreshButton refreshing={loading} onClick={reload} />
        </div>
      </header>
      {notice && (
        <Alert tone={notice.tone} testId="control-notice" action={<button type="button" className="btn btn-light btn-small" onClick={() => setNotice(null)}>{t('common.close')}</button>}>
          {notice.text}
        </Alert>
      )}
      <StatusBanner lot={lot} />
      <div className="control-layout">
        <section className="card control-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('control.actionsTitle')}</h2>
          <p className="small muted">{t('control.actionsIntro')}</p>
          {partError !== null && <Alert tone="error">{errorText(partError, t, lang)}</Alert>}
          {!actions.data ? <Spinner /> : (
            <LotActionsPanel lot={lot} actions={actions.data} onChanged={onChanged} onOpenForm={setForm} openForm={form} />
          )}
        </section>
        {form && (
          <div ref={formRef} className="card control-form" data-testid="next-lot-form">
            <NextLotForm
              lot={lot}
              asset={asset}
              mode={form}
              onCancel={() => setForm(null)}
              onCreated={(created) => navigate(`/court/lots/${created.id}`, { state: { created: roundLabel(t, created.round) } })}
            />
          </div>
        )}
        {lot.status === 'draft' && <DisclosureEditor key={lot.id} lot={lot} onSaved={(next) => lotChanged(id, next)} />}
        <AssetFilesPanel assetId={lot.assetId} lotId={lot.id} />
        <aside className="control-side">
          <LotKeyFacts lot={lot} />
          {(closed || lot.winnerCode) && <BuyerPanel lot={lot} />}
        </aside>
        <section className="card control-audit" aria-labelledby="audit-title">
          <h2 id="audit-title">{t('audit.title')}</h2>
          {!audit.data ? <Spinner /> : <AuditLog lotId={lot.id} trail={audit.data} me={user ? { id: user.id, name: user.name } : null} />}
        </section>
      </div>
    </div>
  );
}
