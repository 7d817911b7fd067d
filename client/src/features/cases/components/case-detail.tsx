import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Breadcrumb } from '../../../ui/breadcrumb';
import { Money } from '../../../ui/money';
import { PageLoading } from '../../../ui/spinner';
import { useCourtLots } from '../../auctions/control-api';
import { useCase } from '../api';
import { AssetPanel } from './asset-panel';
import { NewAssetForm } from './new-asset-form';
import { PreservationPanel } from './preservation-panel';

/** One case: its parties and claim, the preservation check, each seized asset with its valuations and lots. */
export function CaseDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [search] = useSearchParams();
  // From a valuation page's "create lot at 70%": the asset whose lot form opens at once.
  const lotFor = search.get('newLot');
  const caseQuery = useCase(id);
  const lotsQuery = useCourtLots();
  const kase = caseQuery.data;
  const lots = (lotsQuery.data ?? []).filter((l) => l.caseId === id);
  const error = caseQuery.error ?? lotsQuery.error;

  if (!kase) {
    if (caseQuery.error !== null) {
      return (
        <div className="container narrow">
          <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void caseQuery.refetch()}>{t('common.retry')}</button>}>
            {errorText(caseQuery.error, t, lang)} <Link to="/court">{t('court.backToCases')}</Link>
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }
  return (
    <div className="container">
      <Breadcrumb to="/court">{t('court.backToCases')}</Breadcrumb>
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
      {kase.assets.some((a) => a.preserved) && <PreservationPanel caseId={kase.id} />}
      <h2>{t('court.assets')}</h2>
      {kase.assets.length === 0 && <p className="muted">{t('court.noAssets')}</p>}
      <div className="asset-list">
        {kase.assets.map((a) => (
          <AssetPanel key={a.id} asset={a} lots={lots.filter((l) => l.assetId === a.id)} openLotForm={lotFor === a.id} />
        ))}
      </div>
      <NewAssetForm caseId={kase.id} />
    </div>
  );
}
