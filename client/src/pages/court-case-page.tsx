import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { api } from '../api';
import { errorText } from '../error-text';
import { kindLabel, useI18n } from '../i18n';
import { AssetPanel } from '../features/cases/components/asset-panel';
import { seizedAtFromDate } from '../features/cases/components/asset-flags';
import { PreservationPanel } from '../features/cases/components/preservation-panel';
import type { AssetView, CaseWithAssets } from '../features/court/types';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { PageLoading } from '../ui/spinner';

// Not imported from shared/api.ts: that module pulls zod into the bundle.
const ASSET_KINDS = ['movable', 'immovable', 'property_right'] as const;

export function CourtCasePage() {
  return (
    <RequireRole roles={['court_staff']}>
      <CourtCase />
    </RequireRole>
  );
}

function CourtCase() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [search] = useSearchParams();
  // From a valuation page's "create lot at 70%": the asset whose lot form opens at once.
  const lotFor = search.get('newLot');
  const [kase, setKase] = useState<CaseWithAssets | null>(null);
  const [preservationKey, setPreservationKey] = useState(0);
  const [lots, setLots] = useState<LotView[]>([]);
  const [error, setError] = useState<unknown>(null);

  const loadCase = useCallback(async () => {
    try {
      setKase(await api<CaseWithAssets>(`/cases/${encodeURIComponent(id)}`));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  const loadLots = useCallback(async () => {
    try {
      const { lots: list } = await api<{ lots: LotView[] }>('/lots?limit=200');
      setLots(list.filter((l) => l.caseId === id));
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void loadCase();
    void loadLots();
  }, [loadCase, loadLots]);

  if (!kase) {
    if (error !== null) {
      return (
        <div className="container narrow">
          <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void loadCase()}>{t('common.retry')}</button>}>
            {errorText(error, t, lang)} <Link to="/court">{t('court.backToCases')}</Link>
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }
  return (
    <div className="container">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to="/court">← {t('court.backToCases')}</Link>
      </nav>
      <header className="page-head case-head">
        <div>
          <h1>{kase.caseNumber}</h1>
          <p className="muted">{kase.court}</p>
        </div>
      </header>
      <dl className="card kv-list kv-inline case-facts">
        <div><dt>{t('court.applicant')}</dt><dd>{kase.applicant}</dd></div>
        <div><dt>{t('court.respondent')}</dt><dd>{kase.respondent}</dd></div>
        <div><dt>{t('court.claimAmount')}</dt><dd><Money value={kase.claimAmount} /></dd></div>
      </dl>
      {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
      {kase.assets.some((a) => a.preserved) && <PreservationPanel caseId={kase.id} reloadKey={preservationKey} />}
      <h2>{t('court.assets')}</h2>
      {kase.assets.length === 0 && <p className="muted">{t('court.noAssets')}</p>}
      <div className="asset-list">
        {kase.assets.map((a) => (
          <AssetPanel
            key={a.id}
            asset={a}
            lots={lots.filter((l) => l.assetId === a.id)}
            onLotsChanged={() => void loadLots()}
            onAssetChanged={(next) => setKase((k) => (k ? { ...k, assets: k.assets.map((x) => (x.id === next.id ? next : x)) } : k))}
            onValuationsChanged={() => setPreservationKey((n) => n + 1)}
            openLotForm={lotFor === a.id}
          />
        ))}
      </div>
      <NewAssetForm caseId={kase.id} onCreated={(a) => { setKase((k) => (k ? { ...k, assets: [...k.assets, a] } : k)); setPreservationKey((n) => n + 1); }} />
    </div>
  );
}

function NewAssetForm({ caseId, onCreated }: { caseId: string; onCreated(a: AssetView): void }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AssetView['kind']>('immovable');
  const [description, setDescription] = useState('');
  const [preserved, setPreserved] = useState(false);
  const [mandatory, setMandatory] = useState(false);
  const [seized, setSeized] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seizedIso = seized ? seizedAtFromDate(seized) : null;
  const seizedBad = seized !== '' && !seizedIso;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || seizedBad) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api<AssetView>('/assets', {
        body: { caseId, title: title.trim(), kind, description: description.trim(), preserved, appraisalMandatory: mandatory, ...(seizedIso ? { seizedAt: seizedIso } : {}) },
      });
      onCreated(a);
      setTitle('');
      setDescription('');
      setPreserved(false);
      setMandatory(false);
      setSeized('');
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="new-asset-title">
      <h2 id="new-asset-title">{t('court.newAsset')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field field-wide">
            <label htmlFor="asset-title">{t('court.assetTitle')}</label>
            <input id="asset-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="asset-kind">{t('list.kind')}</label>
            <select id="asset-kind" value={kind} onChange={(e) => setKind(e.target.value as AssetView['kind'])}>
              {ASSET_KINDS.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="asset-description">{t('court.assetDescription')}</label>
          <textarea id="asset-description" rows={4} value={description} maxLength={20000} onChange={(e) => setDescription(e.target.value)} aria-describedby="asset-description-hint" />
          <span id="asset-description-hint" className="hint">{t('court.assetDescriptionHint')}</span>
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="asset-seized">{t('flags.seizedAt')}</label>
            <input id="asset-seized" type="date" value={seized} onChange={(e) => setSeized(e.target.value)} aria-invalid={seizedBad} aria-describedby="asset-seized-hint" />
            <span id="asset-seized-hint" className={`hint${seizedBad ? ' hint-error' : ''}`}>{seizedBad ? t('court.dateInvalid') : t('flags.seizedHint')}</span>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" data-testid="asset-preserved" checked={preserved} onChange={(e) => setPreserved(e.target.checked)} />
          <span>{t('flags.preservedLabel')}<span className="block small muted">{t('flags.preservedHint')}</span></span>
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="asset-appraisal-mandatory" checked={mandatory} onChange={(e) => setMandatory(e.target.checked)} />
          <span>{t('flags.mandatoryLabel')}<span className="block small muted">{t('flags.mandatoryHint')}</span></span>
        </label>
        {error && <Alert tone="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary" disabled={busy || !title.trim() || seizedBad}>{busy ? t('common.saving') : t('court.addAsset')}</button>
      </form>
    </section>
  );
}
