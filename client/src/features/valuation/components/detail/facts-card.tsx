import type { ReactNode } from 'react';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Money } from '../../../../ui/money';
import type { ValuationDetailView } from '../../../court/types';
import { isInquiry, priceBasisLabel } from '../../valuation-logic';

export function FactsCard({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const row = (label: string, value: ReactNode) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>;
  const refLabel = isInquiry(v) ? t('vd.referenceAverage') : t('lot.referencePrice');
  return (
    <section className="card" aria-labelledby="vd-facts">
      <h2 id="vd-facts">{t('vd.factsTitle')}</h2>
      <dl className="kv-list control-facts">
        {row(refLabel, <Money value={v.referencePrice} testId="valuation-reference" />)}
        {row(t('vd.startedAt'), formatDateTime(v.createdAt))}
        {v.deadlineAt && row(v.method === 'appraisal' ? t('vd.reportDue') : t('vd.quotesDue'), formatDateTime(v.deadlineAt))}
        {(v.extensionCount ?? 0) > 0 && row(t('vd.extensions'), String(v.extensionCount))}
        {v.reportSentAt && row(t('vd.reportSent'), formatDateTime(v.reportSentAt))}
        {v.objectionWindowEndsAt && row(t('vd.objectionsUntil'), formatDateTime(v.objectionWindowEndsAt))}
        {v.effectiveAt && row(t('asset.effectiveAt'), formatDateTime(v.effectiveAt))}
        {v.validUntil && row(t('asset.validUntil'), formatDateTime(v.validUntil))}
        {v.method === 'targeted_inquiry' && row(t('valForm.priceBasis'), priceBasisLabel(t, d.priceBasis))}
        {d.bodyAsked && row(t('valForm.bodyAsked'), d.bodyAsked)}
        {d.documentRef && row(t('valForm.documentRef'), d.documentRef)}
        {d.skipAgreement && row(t('vd.skipAgreement'), <>{d.skipAgreement.note}<span className="block small muted">{formatDateTime(d.skipAgreement.recordedAt)}</span></>)}
        {d.note && row(t('asset.note'), d.note)}
        {d.failure && row(t('vd.failure'), d.failure)}
        {row(t('vd.objectionAllowed'), d.objectionAllowed ? t('vd.yes') : t('vd.noObjection'))}
      </dl>
    </section>
  );
}
