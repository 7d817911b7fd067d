/** One form to start a determination by any method, open at once or behind a button. */
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../format';
import { useI18n, type T } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import type { AssetView, ValuationView } from '../../court/types';
import { currentReference, IN_PROGRESS, isInquiry } from '../valuation-logic';
import { StartValuationForm } from './start-valuation-form';

/** What a just-started determination means, in words. */
function startedText(t: T, v: ValuationView): string {
  const d = v.details ?? {};
  if (v.method === 'negotiated') return t(v.status === 'failed' ? 'valForm.done.noAgreement' : 'valForm.done.negotiated');
  if (v.method === 'targeted_inquiry') return t('valForm.done.targeted');
  if (isInquiry(v)) return t('valForm.done.inquiry', { deadline: v.deadlineAt ? formatDateTime(v.deadlineAt) : '—' });
  if (v.method === 'appraisal') {
    const base = t('valForm.done.appraisal', { commissioned: d.commissioned ?? '—', agencies: (d.agencies ?? []).join(' → '), deadline: v.deadlineAt ? formatDateTime(v.deadlineAt) : '—' });
    return d.drawSeed ? `${base} ${t('valForm.done.seed', { seed: d.drawSeed })}` : base;
  }
  return t('valForm.done.preValuation');
}

/**
 * The start form, open at once while the asset has no reference price and nothing under way; otherwise behind a
 * button, so that a case with many assets stays readable. Mounted once the history is known.
 */
export function StartValuation({ asset, valuations }: { asset: AssetView; valuations: ValuationView[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(() => !valuations.some((v) => IN_PROGRESS.has(v.status)) && !currentReference(valuations, serverNow()));
  const [started, setStarted] = useState<ValuationView | null>(null);
  return (
    <>
      {started && (
        <Alert tone="success" testId="valuation-started" action={<Link className="btn btn-light btn-small" to={`/court/valuations/${started.id}`}>{isInquiry(started) ? t('val.followQuotes') : t('val.open')}</Link>}>
          {startedText(t, started)}
        </Alert>
      )}
      {open ? (
        <StartValuationForm
          asset={asset}
          valuations={valuations}
          onCreated={(v) => {
            // Started: say what it means, and fold the form away until another determination is wanted.
            setStarted(v);
            setOpen(false);
          }}
        />
      ) : (
        <div className="btn-row valuation-start">
          <button type="button" className="btn btn-light btn-small" data-testid="valuation-start-open" aria-expanded={false} onClick={() => { setOpen(true); setStarted(null); }}>{t('valForm.open')}</button>
        </div>
      )}
    </>
  );
}
