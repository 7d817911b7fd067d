import { averageQuotes } from '../../../../../../shared/valuation-rules';
import { formatDateTime } from '../../../../format';
import { useI18n, type T } from '../../../../i18n';
import { Money } from '../../../../ui/money';
import type { QuoteView, ValuationDetailView } from '../../../court/types';
import { quoteErrorLabel, quoteStatusLabel } from '../../valuation-logic';
import { TableHead } from '../../../../ui/table-head';

export function QuotesCard({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const counted = v.quotes.filter((q) => q.status === 'reported' && !q.excluded && q.price);
  const average = counted.length > 0 ? averageQuotes(counted.map((q) => q.price!)).toFixed(2) : null;
  const collecting = v.status === 'pending' || v.status === 'extended';
  const late = v.quotes.filter((q) => q.status === 'late').length;
  const excluded = v.quotes.filter((q) => q.excluded).length;
  return (
    <section className="card" aria-labelledby="vd-quotes">
      <h2 id="vd-quotes">{t('vd.quotesTitle')}</h2>
      <p className="small muted">{t('vd.quotesIntro')}</p>
      {v.quotes.length === 0 ? <p className="muted small">{t('vd.noQuotes')}</p> : (
        <div className="table-wrap">
          <table className="table table-cards quotes-table" data-testid="quotes">
            <TableHead columns={[t('vd.platform'), t('asset.valStatus'), { label: t('vd.price'), num: true }, t('vd.reportedAt'), t('vd.corrections'), t('vd.errors')]} />
            <tbody>
              {v.quotes.map((q) => (
                <tr key={q.id} data-testid="quote-row" data-platform={q.platform} data-status={q.status} data-excluded={q.excluded ? 'true' : 'false'} className={q.excluded ? 'quote-excluded' : undefined}>
                  <td data-label={t('vd.platform')}><strong>{q.platform}</strong></td>
                  <td data-label={t('asset.valStatus')}>
                    <span className={`pill pill-quote-${q.status}`}>{quoteStatusLabel(t, q.status)}</span>
                    {q.excluded && <span className="block small hint-error" data-testid="quote-excluded">{t('vd.excluded')}</span>}
                    {!q.excluded && v.objections.some((o) => o.quoteId === q.id && o.status === 'pending') && <span className="block small hint-warn">{t('vd.underObjection')}</span>}
                    {q.status === 'requesting' && q.attempts > 0 && <span className="block small muted">{t('vd.attempts', { n: q.attempts })}</span>}
                  </td>
                  <td data-label={t('vd.price')} className="num">
                    {q.price ? <Money value={q.price} showWan={false} testId="quote-price" /> : '—'}
                    {q.reportUrl && <a className="block small" href={q.reportUrl} target="_blank" rel="noopener noreferrer">{t('vd.report')}</a>}
                  </td>
                  <td data-label={t('vd.reportedAt')} className="small">{q.reportedAt ? formatDateTime(q.reportedAt) : '—'}</td>
                  <td data-label={t('vd.corrections')} className="small">
                    {q.correctionCount > 0 ? <>{t('vd.correctionCount', { n: q.correctionCount })}{q.correctedAt && <span className="block muted">{formatDateTime(q.correctedAt)}</span>}</> : '—'}
                  </td>
                  <td data-label={t('vd.errors')} className="small"><QuoteErrors t={t} q={q} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="quote-average" data-testid="quote-average">
        {average
          ? <>{t(collecting ? 'vd.averageSoFar' : 'vd.average', { n: counted.length })} <Money value={average} /></>
          : <span className="muted">{t(collecting ? 'vd.averageWaiting' : 'vd.averageNone')}</span>}
      </p>
      {(late > 0 || excluded > 0) && <p className="small muted">{t('vd.notAveraged', { late, excluded })}</p>}
    </section>
  );
}

function QuoteErrors({ t, q }: { t: T; q: QuoteView }) {
  const errors = q.errors ?? [];
  if (errors.length === 0) return <>—</>;
  return (
    <details className="quote-errors" data-testid="quote-errors">
      <summary>{t('vd.errorCount', { n: errors.length })}</summary>
      <ul>
        {errors.slice().reverse().map((e, i) => (
          <li key={i}><span className="muted">{formatDateTime(e.at, false)}</span> <strong>{quoteErrorLabel(t, e.kind)}</strong>: <span className="mono">{e.detail}</span></li>
        ))}
      </ul>
    </details>
  );
}
