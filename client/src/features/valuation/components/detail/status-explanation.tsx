import { APPRAISAL_MAX_EXTENSIONS, OBJECTION_DAYS } from '../../../../../../shared/valuation-rules';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { serverNow } from '../../../../server-clock';
import { Alert } from '../../../../ui/alert';
import type { ValuationDetailView } from '../../../court/types';
import { isInquiry, saleDueBy } from '../../valuation-logic';

/** Where the determination stands under the B rules, and what happens next. */
export function StatusExplanation({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const now = serverNow();
  const inquiry = isInquiry(v);
  const deadline = v.deadlineAt ? formatDateTime(v.deadlineAt) : '—';
  const overdue = !!v.deadlineAt && Date.parse(v.deadlineAt) < now;
  let tone: 'info' | 'success' | 'warning' | 'error' = 'info';
  let text: string;
  switch (v.status) {
    case 'pending':
      if (inquiry) text = t(overdue ? 'vd.explain.inquiryOverdue' : 'vd.explain.inquiryPending', { deadline });
      else text = t(overdue ? 'vd.explain.appraisalOverdue' : 'vd.explain.appraisalPending', { deadline, used: v.extensionCount ?? 0, max: APPRAISAL_MAX_EXTENSIONS });
      if (overdue) tone = 'warning';
      break;
    case 'extended':
      text = t('vd.explain.extended', { deadline });
      tone = 'warning';
      break;
    case 'objection_window': {
      const pending = v.objections.filter((o) => o.status === 'pending').length;
      const ends = v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—';
      const closed = !!v.objectionWindowEndsAt && Date.parse(v.objectionWindowEndsAt) < now;
      text = closed
        ? t(pending > 0 ? 'vd.explain.windowClosedPending' : 'vd.explain.windowClosed', { n: pending })
        : t('vd.explain.window', { sent: v.reportSentAt ? formatDateTime(v.reportSentAt) : '—', ends, days: OBJECTION_DAYS });
      if (pending > 0) tone = 'warning';
      break;
    }
    case 'effective':
      text = t('vd.explain.effective', { since: v.effectiveAt ? formatDateTime(v.effectiveAt) : '—', until: v.validUntil ? formatDateTime(v.validUntil) : '—', due: v.effectiveAt ? formatDateTime(saleDueBy(v.effectiveAt)) : '—' });
      tone = 'success';
      break;
    case 'expired':
      text = t('vd.explain.expired', { until: v.validUntil ? formatDateTime(v.validUntil) : '—' });
      tone = 'warning';
      break;
    default:
      text = v.details?.outcome === 'no_agreement' ? t('vd.explain.noAgreement') : t('vd.explain.failed', { reason: v.details?.failure ?? '—' });
      tone = v.details?.outcome === 'no_agreement' ? 'info' : 'error';
  }
  return <Alert tone={tone} testId="valuation-explanation">{text}</Alert>;
}
