/** An asset's valuation history and what may be done next under B4–B27. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatYuan } from '../../../../../shared/money';
import { formatDate, formatDateTime } from '../../../format';
import { methodLabel, useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import type { AssetView, ValuationView } from '../../court/types';
import { TableHead } from '../../../ui/table-head';
import {
  currentReference, determinationDueBy, IN_PROGRESS, isInquiry, priceBasisLabel, saleDueBy, triedMethods, valuationStatusLabel,
} from '../valuation-logic';

/** The history table: each determination with its status in words, price, deadlines and validity, linked to its page. */
export function ValuationHistory({ valuations }: { valuations: ValuationView[] }) {
  const { t } = useI18n();
  const now = serverNow();
  if (valuations.length === 0) return <p className="muted small">{t('asset.noValuations')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-cards valuation-table">
        <TableHead columns={[t('asset.method'), t('asset.valStatus'), { label: t('lot.referencePrice'), num: true }, t('val.deadlines'), t('val.validity'), { label: t('val.details'), hidden: true }]} />
        <tbody>
          {valuations.map((v) => {
            const overdue = (v.status === 'pending' || v.status === 'extended') && !!v.deadlineAt && Date.parse(v.deadlineAt) < now;
            return (
              <tr key={v.id} data-testid="valuation-row" data-status={v.status} data-method={v.method}>
                <td data-label={t('asset.method')}>
                  <strong>{methodLabel(t, v.method)}</strong>
                  {v.method === 'pre_valuation' && isInquiry(v) && <span className="block small muted">{t('val.viaInquiry')}</span>}
                  <MethodSummary v={v} />
                </td>
                <td data-label={t('asset.valStatus')}>
                  <span className={`pill pill-${v.status}`}>{valuationStatusLabel(t, v)}</span>
                  {overdue && <span className="block small hint-error">{t('val.overdue')}</span>}
                </td>
                <td data-label={t('lot.referencePrice')} className="num">
                  <Money value={v.referencePrice} showWan={false} />
                  {v.status === 'objection_window' && <span className="block small muted">{t('val.notYetEffective')}</span>}
                </td>
                <td data-label={t('val.deadlines')} className="small">
                  {v.deadlineAt && <span className="block">{t(v.method === 'appraisal' ? 'val.reportDue' : 'val.quotesDue', { at: formatDateTime(v.deadlineAt) })}</span>}
                  {(v.extensionCount ?? 0) > 0 && <span className="block muted">{t('val.extensions', { n: v.extensionCount ?? 0 })}</span>}
                  {v.objectionWindowEndsAt && <span className="block">{t('val.objectionsUntil', { at: formatDateTime(v.objectionWindowEndsAt) })}</span>}
                  {!v.deadlineAt && !v.objectionWindowEndsAt && '—'}
                </td>
                <td data-label={t('val.validity')} className="small">
                  {v.effectiveAt ? <span className="block">{t('val.effectiveSince', { at: formatDateTime(v.effectiveAt) })}</span> : null}
                  {v.validUntil ? <span className={`block${v.status === 'expired' ? ' hint-error' : ''}`}>{t(v.status === 'expired' ? 'val.expiredOn' : 'val.validUntil', { at: formatDateTime(v.validUntil) })}</span> : null}
                  {!v.effectiveAt && !v.validUntil && '—'}
                </td>
                <td data-label="">
                  <Link to={`/court/valuations/${v.id}`} className="btn btn-light btn-small nowrap" data-testid="valuation-link">
                    {IN_PROGRESS.has(v.status) && isInquiry(v) ? t('val.followQuotes') : t('val.open')}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MethodSummary({ v }: { v: ValuationView }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const lines: ReactNode[] = [];
  if (v.method === 'targeted_inquiry') lines.push(t('val.targetedLine', { basis: priceBasisLabel(t, d.priceBasis), body: d.bodyAsked ?? '—' }));
  if (v.method === 'appraisal' && d.commissioned) lines.push(t('val.commissionedLine', { agency: d.commissioned }));
  if (d.outcome === 'no_agreement') lines.push(t('val.noAgreementLine'));
  if (d.skipAgreement) lines.push(t('val.skipLine', { note: d.skipAgreement.note }));
  if (d.note) lines.push(d.note);
  if (d.failure) lines.push(d.failure);
  return <>{lines.map((l, i) => <span key={i} className="block small muted">{l}</span>)}</>;
}

/** The one line that says where the reference price stands and what the law allows next. */
export function ValuationNext({ asset, valuations, hasLot }: { asset: AssetView; valuations: ValuationView[]; hasLot: boolean }) {
  const { t } = useI18n();
  const now = serverNow();
  const inProgress = valuations.find((v) => IN_PROGRESS.has(v.status)) ?? null;
  const ref = currentReference(valuations, now);
  const expired = valuations.find((v) => v.status === 'expired') ?? null;
  const tried = triedMethods(valuations);
  const parts: Array<{ text: ReactNode; tone?: 'bad' }> = [];

  if (inProgress) {
    parts.push({
      text: <>{t('valNext.inProgress', { method: methodLabel(t, inProgress.method), status: valuationStatusLabel(t, inProgress) })} <Link to={`/court/valuations/${inProgress.id}`}>{t('val.openIt')}</Link></>,
    });
  }
  if (ref) {
    const due = saleDueBy(ref.effectiveAt!);
    parts.push({ text: t('valNext.effective', { price: formatYuan(ref.referencePrice!), method: methodLabel(t, ref.method), until: ref.validUntil ? formatDate(ref.validUntil) : '—' }) });
    // B30 runs from a reference price fixed for the sale; a pre-valuation of preserved property only serves until then.
    if (ref.method === 'pre_valuation') parts.push({ text: t('valNext.preValuationUse') });
    else if (!hasLot) parts.push({ text: t(due.getTime() < now ? 'valNext.saleLate' : 'valNext.saleBy', { date: formatDateTime(due) }), tone: due.getTime() < now ? 'bad' : undefined });
  } else if (!inProgress) {
    if (expired) parts.push({ text: t('valNext.expired', { date: expired.validUntil ? formatDate(expired.validUntil) : '—' }), tone: 'bad' });
    if (asset.appraisalMandatory) parts.push({ text: t('valNext.mandatory') });
    else if (tried.length === 0) parts.push({ text: t('valNext.start') });
    else parts.push({ text: t('valNext.later', { tried: [...new Set(tried)].map((m) => methodLabel(t, m)).join(t('common.listSep')) }) });
    if (asset.preserved) parts.push({ text: t('valNext.preserved') });
  }
  if (valuations.length === 0 && asset.seizedAt) {
    const due = determinationDueBy(asset.seizedAt);
    const late = due.getTime() < now;
    parts.push({ text: t(late ? 'valNext.startLate' : 'valNext.startBy', { seized: formatDate(asset.seizedAt), date: formatDate(due) }), tone: late ? 'bad' : undefined });
  }
  return (
    <p className="next-step" data-testid="valuation-next">
      <strong>{t('val.nextTitle')}</strong>{' '}
      {parts.map((p, i) => <span key={i} className={p.tone === 'bad' ? 'hint-error' : undefined}>{p.text}{' '}</span>)}
    </p>
  );
}
