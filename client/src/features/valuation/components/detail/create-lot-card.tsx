import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Decimal } from 'decimal.js';
import { formatYuan } from '../../../../../../shared/money';
import { FIRST_ROUND_MIN_STARTING_RATIO } from '../../../../../../shared/rules';
import { formatDateTime } from '../../../../format';
import { methodLabel, useI18n } from '../../../../i18n';
import { serverNow, syncClock } from '../../../../server-clock';
import type { AssetView, ValuationDetailView, ValuationView } from '../../../court/types';
import { currentReference, saleDueBy } from '../../valuation-logic';

/** Effective: the first auction's lot form, prefilled at 70% of this reference (A10), on the case page. */
export function CreateLotCard({ v, asset, siblings }: { v: ValuationDetailView; asset: AssetView; siblings: ValuationView[] | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!v.referencePrice) return null;
  const current = siblings ? currentReference(siblings, serverNow()) : null;
  if (siblings && current && current.id !== v.id) {
    return (
      <section className="card">
        <p className="small">{t('vd.newerReference', { price: formatYuan(current.referencePrice!), method: methodLabel(t, current.method) })} <Link to={`/court/valuations/${current.id}`}>{t('val.open')}</Link></p>
      </section>
    );
  }
  const minimum = new Decimal(v.referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
  const go = async () => {
    setBusy(true);
    // The lot form suggests dates from the server clock; read it fresh before the form opens.
    await syncClock(2);
    navigate(`/court/cases/${asset.caseId}?newLot=${encodeURIComponent(asset.id)}`);
  };
  return (
    <section className="card create-lot-card" aria-labelledby="vd-lot">
      <h2 id="vd-lot">{t('vd.lotTitle')}</h2>
      <p className="small">{t('vd.lotText', { minimum: formatYuan(minimum), reference: formatYuan(v.referencePrice), due: v.effectiveAt ? formatDateTime(saleDueBy(v.effectiveAt)) : '—' })}</p>
      <button type="button" className="btn btn-primary btn-block" data-testid="create-lot-at-70" onClick={() => void go()} disabled={busy}>
        {busy ? t('common.loading') : t('vd.createLot')}
      </button>
    </section>
  );
}
