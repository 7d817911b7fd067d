import { formatDateTimeSeconds } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { Money } from '../../../ui/money';
import { shortHash, type BidLogEntry, type EntryCheck } from '../bid-log';

/** The bid log's entries in order, each with its link and hash and what the browser's check found. */
export function BidLogTable({ entries, perEntry }: { entries: BidLogEntry[]; perEntry: Map<number, EntryCheck> | null }) {
  const { t } = useI18n();
  const columns: [MessageKey, boolean][] = [
    ['bidlog.bidder', false], ['bidlog.amount', true], ['audit.time', false], ['bidlog.prev', false], ['bidlog.hash', false], ['bidlog.check', false],
  ];
  return (
    <div className="table-wrap">
      <table className="table bidlog-table table-cards" data-testid="bid-log-entries">
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            {columns.map(([key, num]) => <th key={key} scope="col" className={num ? 'num' : undefined}>{t(key)}</th>)}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const c = perEntry?.get(e.seq);
            return (
              <tr key={e.seq} data-seq={e.seq} data-check={c ?? 'pending'} className={c && c !== 'ok' ? 'row-broken' : undefined}>
                <td className="num" data-label="#">{e.seq}</td>
                <td className="mono" data-label={t('bidlog.bidder')}>
                  {e.bidderCode}
                  {e.priorityMatch && <span className="tag tag-priority" data-testid="bid-priority">{t('record.priority')}</span>}
                </td>
                <td className="num" data-label={t('bidlog.amount')}><Money value={e.amount} showWan={false} /></td>
                <td className="nowrap small" data-label={t('audit.time')}>{formatDateTimeSeconds(e.at)}</td>
                <td className="mono small" title={e.prevHash || t('bidlog.genesis')} data-label={t('bidlog.prev')}>{e.prevHash ? shortHash(e.prevHash) : t('bidlog.genesis')}</td>
                <td className="mono small" title={e.hash} data-label={t('bidlog.hash')}>{shortHash(e.hash)}</td>
                <td className="small" data-label={t('bidlog.check')}>
                  {c === undefined ? '…' : c === 'ok' ? <span className="success-text">✓</span> : <span className="hint-error">✗ {t(c === 'link' ? 'bidlog.rowLink' : 'bidlog.rowHash')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
