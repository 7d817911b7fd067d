/** Litigation preservation (保全): the preserved assets' valid values against the claim, flagging over-seizure. */
import { Decimal } from 'decimal.js';
import { formatYuan } from '../../../../../shared/money';
import { OVER_SEIZURE_WARNING_RATIO } from '../../../../../shared/valuation-rules';
import { errorText } from '../../../error-text';
import { formatDate } from '../../../format';
import { methodLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { usePreservation } from '../api';
import { ratioPercent } from '../../valuation/valuation-logic';
import { TableHead } from '../../../ui/table-head';

/** The bar shows up to twice the claim; the claim and the warning line are marked on it. */
const BAR_MAX = new Decimal(2);

export function PreservationPanel({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const query = usePreservation(caseId);
  const p = query.data ?? null;
  const error = query.error;
  const load = () => void query.refetch();
  const threshold = ratioPercent(OVER_SEIZURE_WARNING_RATIO.toFixed(4)).replace('.00%', '%');
  const pct = (r: Decimal) => `${Decimal.min(r, BAR_MAX).div(BAR_MAX).mul(100).toFixed(2)}%`;
  return (
    <section className={`card preservation${p?.overSeized ? ' preservation-over' : ''}`} aria-labelledby="preservation-title" data-testid="preservation-panel" data-over-seized={p ? String(p.overSeized) : undefined}>
      <div className="card-head">
        <h2 id="preservation-title">{t('pres.title')}</h2>
        <button type="button" className="btn btn-light btn-small" onClick={load}>{t('common.refresh')}</button>
      </div>
      <p className="small muted">{t('pres.intro', { threshold })}</p>
      {error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={load}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>}
      {!p && error === null && <Spinner />}
      {p && (
        <>
          <dl className="kv-list kv-inline preservation-facts">
            <div><dt>{t('pres.total')}</dt><dd><Money value={p.preservedTotal} testId="preservation-total" /></dd></div>
            <div><dt>{t('court.claimAmount')}</dt><dd><Money value={p.claimAmount} /></dd></div>
            <div><dt>{t('pres.ratio')}</dt><dd><span className={p.overSeized ? 'hint-error' : undefined} data-testid="preservation-ratio">{ratioPercent(p.ratio)}</span></dd></div>
          </dl>
          <div className="seizure-bar" role="img" aria-label={t('pres.barLabel', { ratio: ratioPercent(p.ratio), threshold })}>
            <span className={`seizure-fill${p.overSeized ? ' seizure-fill-over' : ''}`} style={{ width: pct(new Decimal(p.ratio)) }} />
            <span className="seizure-mark" style={{ left: pct(new Decimal(1)) }}><span>{t('pres.claimMark')}</span></span>
            <span className="seizure-mark seizure-mark-warn" style={{ left: pct(OVER_SEIZURE_WARNING_RATIO) }}><span>{threshold}</span></span>
          </div>
          {p.overSeized ? (
            <Alert tone="warning" title={t('pres.overTitle')} testId="over-seizure-warning">
              {t('pres.overText', { ratio: ratioPercent(p.ratio), threshold, excess: formatYuan(new Decimal(p.preservedTotal).minus(p.claimAmount)) })}
            </Alert>
          ) : (
            <p className="small success-text">{t('pres.withinText', { threshold })}</p>
          )}
          {p.unvalued > 0 && <p className="small hint-warn">{t('pres.unvalued', { n: p.unvalued })}</p>}
          <div className="table-wrap">
            <table className="table table-cards">
              <TableHead columns={[t('pres.asset'), { label: t('pres.value'), num: true }, t('asset.method'), t('asset.validUntil')]} />
              <tbody>
                {p.assets.map((a) => (
                  <tr key={a.assetId}>
                    <td data-label={t('pres.asset')}><a href={`#asset-${a.assetId}-card`}>{a.title}</a></td>
                    <td data-label={t('pres.value')} className="num">{a.value ? <Money value={a.value} showWan={false} /> : <span className="hint-warn">{t('pres.noValue')}</span>}</td>
                    <td data-label={t('asset.method')}>{a.method ? methodLabel(t, a.method) : '—'}</td>
                    <td data-label={t('asset.validUntil')}>{a.validUntil ? formatDate(a.validUntil) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
