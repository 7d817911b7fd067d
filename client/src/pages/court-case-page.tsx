import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { api } from '../api';
import { errorText } from '../error-text';
import { kindLabel, useI18n } from '../i18n';
import { AssetPanel } from '../features/court/asset-panel';
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
  const [kase, setKase] = useState<CaseWithAssets | null>(null);
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
      <h2>{t('court.assets')}</h2>
      {kase.assets.length === 0 && <p className="muted">{t('court.noAssets')}</p>}
      <div className="asset-list">
        {kase.assets.map((a) => (
          <AssetPanel key={a.id} asset={a} lots={lots.filter((l) => l.assetId === a.id)} onLotsChanged={() => void loadLots()} />
        ))}
      </div>
      <NewAssetForm caseId={kase.id} onCreated={(a) => setKase((k) => (k ? { ...k, assets: [...k.assets, a] } : k))} />
    </div>
  );
}

function NewAssetForm({ caseId, onCreated }: { caseId: string; onCreated(a: AssetView): void }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AssetView['kind']>('immovable');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api<AssetView>('/assets', { body: { caseId, title: title.trim(), kind, description: description.trim() } });
      onCreated(a);
      setTitle('');
      setDescription('');
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
        {error && <Alert tone="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>{busy ? t('common.saving') : t('court.addAsset')}</button>
      </form>
    </section>
  );
}
