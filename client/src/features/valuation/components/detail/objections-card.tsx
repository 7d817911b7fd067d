import { useState } from 'react';
import { z } from 'zod';
import { objectionBody, resolveObjectionBody } from '../../../../../../shared/api';
import { formatYuan } from '../../../../../../shared/money';
import { OBJECTION_DAYS } from '../../../../../../shared/valuation-rules';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { serverNow } from '../../../../server-clock';
import { Alert } from '../../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../../ui/form';
import type { ObjectionView, ValuationDetailView } from '../../../court/types';
import { fileObjection, resolveObjection, useValuationChanged } from '../../api';

export function ObjectionsCard({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const now = serverNow();
  const open = v.status === 'objection_window' && !!v.objectionWindowEndsAt && Date.parse(v.objectionWindowEndsAt) >= now;
  const platformOf = (o: ObjectionView) => (o.quoteId ? v.quotes.find((q) => q.id === o.quoteId)?.platform ?? '—' : null);
  let closedText: string | null = null;
  if (!d.objectionAllowed) closedText = t('vd.objNotAllowed');
  else if (v.status === 'pending' || v.status === 'extended') closedText = t('vd.objNotYet', { days: OBJECTION_DAYS });
  else if (!open) closedText = t('vd.objClosed', { at: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—' });
  return (
    <section className="card" aria-labelledby="vd-objections">
      <h2 id="vd-objections">{t('vd.objectionsTitle')}</h2>
      {v.objections.length === 0 ? <p className="small muted">{t('vd.noObjections')}</p> : (
        <ul className="objection-list" data-testid="objections">
          {v.objections.map((o) => (
            <li key={o.id} className={`objection objection-${o.status}`} data-testid="objection" data-status={o.status}>
              <div className="objection-head">
                <strong>{o.party}</strong>
                <span className={`pill pill-objection-${o.status}`}>{t(`objection.${o.status}`)}</span>
                <span className="small muted">{t('vd.filedAt', { at: formatDateTime(o.filedAt) })}</span>
              </div>
              <p className="small">{platformOf(o) ? t('vd.againstQuote', { platform: platformOf(o)! }) : t('vd.againstWhole')}</p>
              <p className="prewrap">{o.reason}</p>
              {o.resolution && <p className="small"><strong>{t('vd.resolution')}</strong> {o.resolution}{o.resolvedAt && <span className="muted"> · {formatDateTime(o.resolvedAt)}</span>}</p>}
              {o.status === 'pending' && <ResolveForm v={v} o={o} />}
            </li>
          ))}
        </ul>
      )}
      {closedText ? <p className="small muted">{closedText}</p> : <FileObjectionForm v={v} />}
    </section>
  );
}

/** "" in the select means the whole determination, not one quote. */
const fileForm = objectionBody.extend({ quoteId: z.string() });

function FileObjectionForm({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const changed = useValuationChanged();
  const form = useZodForm(fileForm, { party: '', reason: '', quoteId: '' });
  const file = useApiMutation(({ quoteId, ...body }: z.output<typeof fileForm>) => fileObjection(v.id, { ...body, ...(quoteId ? { quoteId } : {}) }), {
    onSuccess: () => { form.reset(); changed(null, v.id); },
  });
  const reportable = v.quotes.filter((q) => q.status === 'reported' || q.status === 'late');
  const labels = { party: t('vd.party'), reason: t('vd.objReason') };
  return (
    <form className="form sub-form" onSubmit={form.handleSubmit((b) => file.mutate(b))} noValidate aria-labelledby={`file-${v.id}`}>
      <h3 id={`file-${v.id}`}>{t('vd.fileTitle')}</h3>
      <p className="small muted">{t('vd.fileHint', { ends: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—', days: OBJECTION_DAYS })}</p>
      <div className="form-grid">
        <Field form={form} name="party" id={`obj-party-${v.id}`} label={labels.party}>
          {(p) => <input {...p} data-testid="objection-party" maxLength={200} placeholder={t('vd.partyPlaceholder')} />}
        </Field>
        {reportable.length > 0 && (
          <Field form={form} name="quoteId" id={`obj-quote-${v.id}`} label={t('vd.against')}>
            {(p) => (
              <select {...p} data-testid="objection-quote">
                <option value="">{t('vd.againstWholeOption')}</option>
                {reportable.map((q) => <option key={q.id} value={q.id}>{q.platform}{q.price ? ` · ${formatYuan(q.price)}` : ''}</option>)}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field form={form} name="reason" id={`obj-reason-${v.id}`} label={labels.reason} hint={t('vd.objReasonHint')}>
        {(p) => <textarea {...p} data-testid="objection-reason" rows={3} maxLength={2000} />}
      </Field>
      {file.errorMessage && <Alert tone="error">{file.errorMessage}</Alert>}
      <div className="btn-row">
        <SubmitButton form={form} required={labels} pending={file.isPending} testId="objection-submit" pendingLabel={t('common.saving')}>{t('vd.fileSubmit')}</SubmitButton>
      </div>
    </form>
  );
}

/** Both decisions need the resolution; the decision is the button pressed. */
const resolveForm = resolveObjectionBody.omit({ decision: true });

function ResolveForm({ v, o }: { v: ValuationDetailView; o: ObjectionView }) {
  const { t } = useI18n();
  const changed = useValuationChanged();
  const [decision, setDecision] = useState<'sustained' | 'rejected'>('sustained');
  const form = useZodForm(resolveForm, { resolution: '' });
  const resolve = useApiMutation((body: { decision: 'sustained' | 'rejected'; resolution: string }) => resolveObjection(v.id, o.id, body), {
    onSuccess: (next) => changed(next),
  });
  const ok = (form.watch('resolution') ?? '').trim().length >= 3;
  const decide = (d: 'sustained' | 'rejected') => {
    setDecision(d);
    void form.handleSubmit(({ resolution }) => resolve.mutate({ decision: d, resolution }))();
  };
  const effect = o.quoteId ? t('vd.sustainQuote') : v.method === 'appraisal' ? t('vd.sustainAppraisal') : t('vd.sustainWhole');
  const busy = (d: 'sustained' | 'rejected') => resolve.isPending && decision === d;
  return (
    <form className="form resolve-form" onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('vd.resolveTitle', { party: o.party })}>
      <Field form={form} name="resolution" id={`res-${o.id}`} label={t('vd.resolutionLabel')} hint={effect}>
        {(p) => <textarea {...p} data-testid="objection-resolution" rows={2} maxLength={2000} />}
      </Field>
      {resolve.errorMessage && <Alert tone="error">{resolve.errorMessage}</Alert>}
      <div className="btn-row">
        <button type="button" className="btn btn-danger btn-small" data-testid="objection-sustain" disabled={!ok || resolve.isPending} onClick={() => decide('sustained')}>{busy('sustained') ? t('common.saving') : t('vd.sustain')}</button>
        <button type="button" className="btn btn-light btn-small" data-testid="objection-reject" disabled={!ok || resolve.isPending} onClick={() => decide('rejected')}>{busy('rejected') ? t('common.saving') : t('vd.reject')}</button>
      </div>
    </form>
  );
}
