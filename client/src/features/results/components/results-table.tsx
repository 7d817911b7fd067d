import { Decimal } from 'decimal.js';
import { Link } from 'react-router';
import { formatDateTime } from '../../../format';
import { kindLabel, roundLabel, useI18n } from '../../../i18n';
import { Money } from '../../../ui/money';
import { TableHead } from '../../../ui/table-head';
import type { ResultItem } from '../api';

/** A signed four-place rate from the server ("0.3105", "-0.0420") as "+31.05%" / "−4.20%". */
export function signedPercent(rate: string): string {
  const p = new Decimal(rate).times(100).toFixed(2);
  return p.startsWith('-') ? `−${p.slice(1)}%` : `+${p}%`;
}

/**
 * One row per finished auction. The winner column holds the winning bidder code and, for a sold lot, the
 * buyer as the confirmation of sale names them, with the ID number masked by the server; a defaulted sale
 * shows the winning code only. At phone width the rows
 * become cards (styles: .table-cards, results.css).
 */
export function ResultsTable({ items }: { items: ResultItem[] }) {
  const { t } = useI18n();
  const col = {
    lot: t('results.col.lot'), court: t('results.col.court'), closed: t('results.col.closedAt'),
    outcome: t('results.col.outcome'), starting: t('results.col.startingPrice'), final: t('results.col.finalPrice'), bids: t('results.col.bids'),
    winner: t('results.col.winner'),
  };
  return (
    <div className="table-wrap results-table-wrap">
      <table className="table table-cards results-table" data-testid="results-table">
        <caption className="visually-hidden">{t('results.tableCaption')}</caption>
        <TableHead columns={[col.lot, col.court, col.closed, col.outcome, { label: col.starting, num: true }, { label: col.final, num: true }, { label: col.bids, num: true }, col.winner]} />
        <tbody>
          {items.map((i) => (
            <tr key={i.lotId} data-testid="result-row" data-lot-id={i.lotId} data-outcome={i.outcome}>
              <td data-label={col.lot} className="results-lot">
                <Link to={`/lots/${i.lotId}`} data-testid="result-title">{i.title}</Link>
                <span className="small muted results-kind" data-testid="result-round">{roundLabel(t, i.round === 'sell_off' ? 'sell_off' : i.round === '2' ? 2 : 1)} · {kindLabel(t, i.kind)}</span>
              </td>
              <td data-label={col.court} className="results-court">
                <span data-testid="result-court">{i.court}</span>
                <span className="small muted mono" data-testid="result-case">{i.caseNumber}</span>
              </td>
              <td data-label={col.closed} className="results-closed" data-testid="result-closed">{formatDateTime(i.closedAt, false)}</td>
              <td data-label={col.outcome}>
                <span className={`badge badge-${i.outcome}`} data-testid="result-outcome" data-outcome={i.outcome}>{t(`results.outcome.${i.outcome}`)}</span>
              </td>
              <td data-label={col.starting} className="num results-prices">
                <Money value={i.startingPrice} showWan={false} />
                <span className="small muted" data-testid="result-reference">
                  {t('results.col.referencePrice')} {i.referencePrice === null ? '—' : <Money value={i.referencePrice} showWan={false} />}
                </span>
              </td>
              <td data-label={col.final} className="num results-final">
                {i.finalPrice === null
                  ? <span className="muted" data-testid="result-final">{t('results.noPrice')}</span>
                  : <Money value={i.finalPrice} testId="result-final" showWan={false} />}
                {i.premiumOverStarting !== null && (
                  <span className="small muted results-premium" data-testid="result-premium-starting">{t('results.premiumOverStarting', { rate: signedPercent(i.premiumOverStarting) })}</span>
                )}
                {i.premiumOverReference !== null && (
                  <span className="small muted results-premium" data-testid="result-premium-reference">{t('results.premiumOverReference', { rate: signedPercent(i.premiumOverReference) })}</span>
                )}
              </td>
              <td data-label={col.bids} className="num" data-testid="result-bids">{i.bidCount}</td>
              <td data-label={col.winner} className="results-buyer">
                <span className="mono results-code" data-testid="result-winner">{i.winnerCode ?? '—'}</span>
                {i.buyerName !== null ? (
                  <>
                    <span data-testid="result-buyer-name">{i.buyerName}</span>
                    <span className="small mono" data-testid="result-buyer-id" aria-label={t('results.idMaskedLabel', { id: i.buyerIdMasked ?? '' })}>{i.buyerIdMasked}</span>
                  </>
                ) : (
                  <span className="muted small" data-testid="result-no-buyer">{i.outcome === 'defaulted' ? t('results.buyer.defaulted') : t('results.buyer.none')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
