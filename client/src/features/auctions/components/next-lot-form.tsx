import { Link } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import { Spinner } from '../../../ui/spinner';
import type { AssetView } from '../../court/types';
import { useAssetValuations } from '../../valuation/api';
import { currentReference } from '../../valuation/valuation-logic';
import { LotForm, type LotFormMode } from './lot-form';

/** The lot form opened for the next round of this lot's asset; a re-auction needs the asset's effective reference price. */
export function NextLotForm({ lot, asset, mode, onCreated, onCancel }: { lot: LotView; asset: AssetView; mode: LotFormMode; onCreated(l: LotView): void; onCancel(): void }) {
  const { t, lang } = useI18n();
  // A re-auction is priced against the asset's reference price in force now (A24, A10).
  const valuations = useAssetValuations(lot.assetId, { enabled: mode === 're_auction' });
  const reference = mode !== 're_auction' ? { price: lot.referencePrice }
    : valuations.data ? { price: currentReference(valuations.data, serverNow())?.referencePrice ?? null } : null;

  if (valuations.error !== null) return <Alert tone="error">{errorText(valuations.error, t, lang)}</Alert>;
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
