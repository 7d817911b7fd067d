import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DUTY_REASON_CODES, type DutyReasonCode, type DutyUrgency } from '../../../../../shared/court-duties';
import type { DutyItem } from '../../../../../shared/api';
import { inLanguage } from '../../../../../shared/disclosure';
import { formatYuan } from '../../../../../shared/money';
import { formatDate, formatDateTime } from '../../../format';
import { methodLabel, useI18n, type MessageKey, type T } from '../../../i18n';
import { Money } from '../../../ui/money';
import { useDuties } from '../duties-api';

type Filter = 'all' | DutyUrgency;
const FILTERS: readonly Filter[] = ['all', 'overdue', 'today', 'upcoming'];

const isCode = (c: string): c is DutyReasonCode => (DUTY_REASON_CODES as readonly string[]).includes(c);

/** The reason in the reader's words: dates and instants in the court's zone, counts as numbers. */
export function dutyReasonText(t: T, d: Pick<DutyItem, 'reasonCode' | 'reasonParams'>): string {
  if (!isCode(d.reasonCode)) return '';
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(d.reasonParams)) {
    if (k === 'days' || k === 'objections') p[k] = Number(v);
    else if (k.endsWith('At')) p[k] = formatDateTime(v);
    else if (k.endsWith('Date')) p[k] = formatDate(`${v}T00:00:00+08:00`);
    else if (k === 'method') p[k] = methodLabel(t, v);
    else if (k === 'amount') p[k] = formatYuan(v);
    else p[k] = v;
  }
  p.dueAt ??= '—';
  return t(`duty.reason.${d.reasonCode}` as MessageKey, p);
}

/** Where the duty is done: the lot's control page, the determination, or the case. */
function target(d: DutyItem): string {
  if (d.lotId) return `/court/lots/${d.lotId}`;
  if (d.valuationId) return `/court/valuations/${d.valuationId}`;
  return `/court/cases/${d.caseId}#asset-${d.assetId}-card`;
}

/** Every duty of the court, overdue first, then today's, then the rest, each with what to do and by when. */
export function DutyList() {
  const { t, lang } = useI18n();
  // ?court= keeps the list to one court, so a clerk can bookmark their own court's day.
  const [params] = useSearchParams();
  const court = params.get('court')?.trim() || null;
  const query = useDuties(court);
  const [filter, setFilter] = useState<Filter>('all');
  const all = query.data?.items ?? [];
  const shown = filter === 'all' ? all : all.filter((d) => d.urgency === filter);
  const count = (f: Filter) => (f === 'all' ? all.length : all.filter((d) => d.urgency === f).length);
  return (
    <section className="card" aria-labelledby="duties-title" data-testid="duties">
      <div className="card-head">
        <h2 id="duties-title">{t('duty.title')}</h2>
      </div>
      <p className="small muted">{t('duty.intro')}</p>
      {court && <p className="small" data-testid="duties-court">{t('duty.court', { court })} <Link to="/court/worklist">{t('duty.allCourts')}</Link></p>}
      <div className="segmented" role="group" aria-label={t('worklist.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`seg-btn${filter === f ? ' seg-btn-active' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)} data-testid={`duty-filter-${f}`}>
            {t(`duty.f.${f}` as MessageKey)} <span className="seg-count">{count(f)}</span>
          </button>
        ))}
      </div>
      {query.data && shown.length === 0 && <p className="muted" data-testid="duties-empty">{t('duty.empty')}</p>}
      {query.data?.truncated && <p className="small muted">{t('duty.truncated', { n: all.length })}</p>}
      <ul className="duty-list">
        {shown.map((d) => (
          <li key={`${d.kind}-${d.lotId ?? ''}-${d.valuationId ?? ''}-${d.refundId ?? ''}`} className={`duty duty-${d.urgency}`}
            data-testid="duty" data-kind={d.kind} data-urgency={d.urgency} data-lot={d.lotId ?? undefined}>
            <div className="duty-head">
              <span className={`pill duty-pill-${d.urgency}`}>{t(`duty.urgency.${d.urgency}` as MessageKey)}</span>
              <strong className="duty-kind">{t(`duty.kind.${d.kind}` as MessageKey)}</strong>
              {d.article && <span className="tag">{d.article}</span>}
            </div>
            <Link to={target(d)} className="duty-asset">{inLanguage(d.assetTitle, d.assetTitleEn, lang).text}</Link>
            <span className="block small muted">{d.caseNumber} · {d.court}</span>
            <p className="small duty-reason" data-testid="duty-reason">{dutyReasonText(t, d)}</p>
            <div className="duty-foot small">
              {d.dueAt && <span>{t(d.kind === 'ending_today' ? 'duty.ends' : 'duty.due')} <span className="nowrap">{formatDateTime(d.dueAt)}</span></span>}
              {d.amount && <span><Money value={d.amount} /></span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
