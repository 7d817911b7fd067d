import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { formatDateTime } from '../../../format';
import { roundLabel, useI18n } from '../../../i18n';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { StatusBadge } from '../../../ui/status-badge';
import { PublishButton } from './publish-button';
import { TableHead } from '../../../ui/table-head';

/**
 * The court's lots, drafts too, each with its way to the control page and the case. `filters` sits under the
 * title, `more` under the table (the next page); `filtered` says the lots were chosen by a filter, for the empty text.
 */
export function CourtLotsTable({ lots, loading, filters, more, filtered }: { lots: LotView[] | null; loading: boolean; filters?: ReactNode; more?: ReactNode; filtered?: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="all-lots-title" data-testid="court-lots">
      <h2 id="all-lots-title">{t('court.allLots')}</h2>
      {filters}
      {lots === null && loading && <Spinner />}
      {lots && lots.length === 0 && <p className="muted">{filtered ? t('court.noLotsFiltered') : t('court.noLots')}</p>}
      {lots && lots.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <TableHead columns={[t('court.lot'), t('list.status'), { label: t('lot.startingPrice'), num: true }, { label: t('lot.currentPrice'), num: true }, t('lot.period'), t('court.actions')]} />
            <tbody>
              {lots.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/court/lots/${l.id}`} data-testid="lot-control-link">{l.title}</Link>
                    <span className="block small muted">{l.caseNumber} · {roundLabel(t, l.round)}</span>
                  </td>
                  <td><StatusBadge status={l.status} /></td>
                  <td className="num"><Money value={l.startingPrice} showWan={false} /></td>
                  <td className="num">{l.status === 'sold' ? <Money value={l.finalPrice} showWan={false} /> : l.bidCount > 0 ? <Money value={l.currentPrice} showWan={false} /> : '—'}</td>
                  <td className="small">{formatDateTime(l.startsAt, false)} –<br />{formatDateTime(l.endsAt)}</td>
                  <td>
                    <div className="table-actions">
                      <Link to={`/court/lots/${l.id}`} className="btn btn-light btn-small nowrap">{t('court.manage')}</Link>
                      {l.status === 'draft' && <PublishButton lotId={l.id} />}
                      {l.status === 'suspended' && l.resumeBy && <span className="small hint-error nowrap">{t('court.resumeBy', { at: formatDateTime(l.resumeBy) })}</span>}
                      {l.status === 'sold' && !l.balancePaidAt && l.balanceDueAt && <span className="small muted nowrap">{t('court.balanceDueBy', { at: formatDateTime(l.balanceDueAt, false) })}</span>}
                      <Link to={`/court/cases/${l.caseId}`} className="small nowrap">{t('court.openCase')}</Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more}
    </section>
  );
}
