import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { formatYuan } from '../../../shared/money';
import { earliestDateAfterPeriod, NOTICE_BEFORE_ANNOUNCEMENT_DAYS } from '../../../shared/rules';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { kindLabel, roundLabel, useI18n } from '../i18n';
import { AuditLog } from '../features/audit/components/audit-log';
import { BuyerPanel } from '../features/auctions/components/buyer-panel';
import { LotActionsPanel } from '../features/auctions/components/lot-actions-panel';
import { LotForm, type LotFormMode } from '../features/auctions/components/lot-form';
import type { AssetView, AuditTrail, LotActionView, ValuationView } from '../features/court/types';
import { serverNow } from '../server-clock';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { PageLoading, Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';

const OPEN = new Set(['announced', 'live', 'suspended']);

export function CourtLotPage() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['court_staff']}>
      <CourtLot key={id} id={id} />
    </RequireRole>
  );
}

interface Notice { tone: 'success' | 'info'; text: string }

function CourtLot({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [lot, setLot] = useState<LotView | null>(null);
  const [actions, setActions] = useState<LotActionView[] | null>(null);
  const [audit, setAudit] = useState<AuditTrail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [partError, setPartError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(() => {
    const s = location.state as { created?: string } | null;
    return s?.created ? { tone: 'success', text: t('control.createdNotice', { round: s.created }) } : null;
  });
  const [form, setForm] = useState<LotFormMode | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const enc = encodeURIComponent(id);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const view = await api<LotView>(`/lots/${enc}`);
      setLot(view);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
      setLoading(false);
      return;
    }
    const [a, l] = await Promise.allSettled([
      api<{ actions: LotActionView[] }>(`/lots/${enc}/actions`),
      api<AuditTrail>(`/lots/${enc}/audit`),
    ]);
    if (a.status === 'fulfilled') setActions(a.value.actions);
    if (l.status === 'fulfilled') setAudit(l.value);
    setPartError(a.status === 'rejected' ? a.reason : l.status === 'rejected' ? l.reason : null);
    setLoading(false);
  }, [enc]);
  useEffect(() => {
    void load();
  }, [load]);

  // An open lot moves on its own (start, bids, close, default): re-read it while the page is visible.
  const status = lot?.status;
  useEffect(() => {
    if (!status || !(OPEN.has(status) || status === 'sold')) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, 15_000);
    return () => clearInterval(timer);
  }, [status, load]);

  useEffect(() => {
    if (form) formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [form]);

  if (!lot) {
    if (loadError !== null) {
      const notFound = loadError instanceof ApiError && loadError.status === 404;
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('control.loadFailed')} action={<button type="button" className="btn btn-light" onClick={() => void load()}>{t('common.retry')}</button>}>
            {errorText(loadError, t, lang)} {notFound && <Link to="/court">{t('court.backToCases')}</Link>}
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  const onChanged = (next: LotView | null, message: string) => {
    if (next) setLot(next);
    if (message) setNotice({ tone: 'success', text: message });
    void load();
  };
  const asset: AssetView = { id: lot.assetId, caseId: lot.caseId, title: lot.title, kind: lot.kind as AssetView['kind'], description: lot.description, createdAt: '' };
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);

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
          <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
            {loading ? t('common.refreshing') : t('common.refresh')}
          </button>
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
          {actions === null ? <Spinner /> : (
            <LotActionsPanel lot={lot} actions={actions} onChanged={onChanged} onOpenForm={setForm} openForm={form} />
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
        <aside className="control-side">
          <LotKeyFacts lot={lot} />
          {(closed || lot.winnerCode) && <BuyerPanel lot={lot} />}
        </aside>
        <section className="card control-audit" aria-labelledby="audit-title">
          <h2 id="audit-title">{t('audit.title')}</h2>
          {audit === null ? <Spinner /> : <AuditLog lotId={lot.id} trail={audit} me={user ? { id: user.id, name: user.name } : null} />}
        </section>
      </div>
    </div>
  );
}

/** The one line that says where the lot stands: suspended (and by when it must resume), cancelled, defaulted. */
function StatusBanner({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  if (lot.status === 'suspended') {
    const overdue = lot.resumeBy !== null && Date.parse(lot.resumeBy) < serverNow();
    return (
      <Alert tone={overdue ? 'error' : 'warning'} title={t('banner.suspendedTitle')} testId="suspended-banner">
        {t(overdue ? 'control.resumeOverdue' : 'banner.suspendedStaff', { by: lot.resumeBy ? formatDateTime(lot.resumeBy) : '—', since: lot.suspendedAt ? formatDateTime(lot.suspendedAt) : '—' })}
      </Alert>
    );
  }
  if (lot.status === 'cancelled') {
    return <Alert tone="info" title={t('banner.cancelledTitle')} testId="cancelled-banner">{t('banner.cancelled', { reason: lot.cancelReason ?? '—' })}</Alert>;
  }
  if (lot.status === 'defaulted') {
    return <Alert tone="warning" title={t('status.defaulted')}>{t('control.defaulted', { at: lot.defaultedAt ? formatDateTime(lot.defaultedAt) : '—' })}</Alert>;
  }
  return null;
}

function LotKeyFacts({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  const row = (label: string, value: ReactNode, key?: string) => <div key={key ?? label}><dt>{label}</dt><dd>{value}</dd></div>;
  return (
    <section className="card" aria-labelledby="control-facts-title">
      <h2 id="control-facts-title">{t('lot.factsTitle')}</h2>
      <dl className="kv-list control-facts" data-testid="control-facts">
        {row(t('lot.referencePrice'), <Money value={lot.referencePrice} />)}
        {row(t('lot.startingPrice'), <Money value={lot.startingPrice} />)}
        {row(t('lot.increment'), <Money value={lot.bidIncrement} showWan={false} />)}
        {row(t('lot.deposit'), <Money value={lot.deposit} />)}
        {row(t('lot.period'), `${formatDateTime(lot.startsAt, false)} – ${formatDateTime(lot.endsAt)}`)}
        {lot.windowEndsAt && row(t('lot.windowEnds'), formatDateTime(lot.windowEndsAt))}
        {row(t('control.noticesSentAt'), lot.noticesSentAt
          ? <>{formatDateTime(lot.noticesSentAt)}{lot.status === 'draft' && <span className="block small muted">{t('control.publishFrom', { date: earliestDateAfterPeriod(new Date(lot.noticesSentAt), NOTICE_BEFORE_ANNOUNCEMENT_DAYS) })}</span>}</>
          : t('control.noticesNone'))}
        {row(t('control.announcedAt'), lot.announcedAt ? formatDateTime(lot.announcedAt) : t('control.notPublished'))}
        {row(t('lot.registrants'), lot.registrantCount)}
        {row(t('lot.bidCount'), lot.bidCount)}
        {lot.status === 'live' && lot.currentPrice && row(t('lot.currentPrice'), <><Money value={lot.currentPrice} /> · <span className="mono">{lot.leadingBidderCode}</span></>)}
        {lot.finalPrice && row(t('lot.finalPrice'), <><Money value={lot.finalPrice} /> · <span className="mono">{lot.winnerCode}</span></>)}
        {lot.closedAt && row(t('control.closedAt'), formatDateTime(lot.closedAt))}
        {lot.balanceDueAt && row(t('lot.balanceDueAt'), formatDateTime(lot.balanceDueAt))}
        {(lot.status === 'sold' || lot.balancePaidAt) && row(t('control.balancePaid'), lot.balancePaidAt ? formatDateTime(lot.balancePaidAt) : t('control.notYet'))}
        {lot.defaultedAt && row(t('control.defaultedAt'), formatDateTime(lot.defaultedAt))}
        {lot.suspendedAt && row(t('control.suspendedAt'), formatDateTime(lot.suspendedAt))}
        {lot.resumeBy && row(t('control.resumeBy'), formatDateTime(lot.resumeBy))}
        {lot.cancelReason && row(t('control.cancelReason'), lot.cancelReason)}
        {row(t('control.priorityRights'), lot.priorityRights ? t('control.priorityYes') : t('control.priorityNo'))}
        {lot.creditorTakeover && row(t('control.takeover'), t('control.takeoverLine', { creditor: lot.creditorTakeover.creditor, price: formatYuan(lot.creditorTakeover.price), at: formatDateTime(lot.creditorTakeover.at) }))}
        {lot.previousLotId && row(t('control.previousLot'), <Link to={`/court/lots/${lot.previousLotId}`}>{t('control.open')}</Link>)}
        {row(t('bidlog.head'), <span className="mono hash-full">{lot.bidLogHead || '—'}</span>)}
      </dl>
    </section>
  );
}

/** The lot form opened for the next round of this lot's asset; a re-auction needs the asset's effective reference price. */
function NextLotForm({ lot, asset, mode, onCreated, onCancel }: { lot: LotView; asset: AssetView; mode: LotFormMode; onCreated(l: LotView): void; onCancel(): void }) {
  const { t, lang } = useI18n();
  const [reference, setReference] = useState<{ price: string | null } | null>(mode === 're_auction' ? null : { price: lot.referencePrice });
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (mode !== 're_auction') {
      setReference({ price: lot.referencePrice });
      return;
    }
    let live = true;
    setReference(null);
    api<{ valuations: ValuationView[] }>(`/assets/${encodeURIComponent(lot.assetId)}/valuations`)
      .then(({ valuations }) => {
        if (!live) return;
        const now = serverNow();
        const effective = valuations.find((v) => v.status === 'effective' && v.referencePrice && (!v.validUntil || Date.parse(v.validUntil) > now));
        setReference({ price: effective?.referencePrice ?? null });
      })
      .catch((err) => { if (live) setError(err); });
    return () => { live = false; };
  }, [mode, lot.assetId, lot.referencePrice]);

  if (error !== null) return <Alert tone="error">{errorText(error, t, lang)}</Alert>;
  if (!reference) return <Spinner />;
  if (mode === 're_auction' && !reference.price) {
    return (
      <Alert tone="warning" title={t('lotForm.titleReAuction')} action={<button type="button" className="btn btn-light btn-small" onClick={onCancel}>{t('common.close')}</button>}>
        {t('lotForm.reAuctionNeedsReference')} <Link to={`/court/cases/${lot.caseId}`}>{t('court.openCase')}</Link>
      </Alert>
    );
  }
  return <LotForm key={mode} asset={asset} referencePrice={reference.price} mode={mode} previous={lot} onCreated={onCreated} onCancel={onCancel} />;
}
