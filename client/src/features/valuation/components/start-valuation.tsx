/** One form to start a determination by any method, open at once or behind a button. */
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatYuan, isMoneyString } from '../../../../../shared/money';
import { APPRAISAL_AGENCY_COUNT, TARGETED_PRICE_BASES } from '../../../../../shared/valuation-rules';
import { api } from '../../../api';
import { errorText } from '../../../error-text';
import { formatDateTime } from '../../../format';
import { methodLabel, useI18n, type MessageKey, type T } from '../../../i18n';
import { ruleText } from '../../../rule-text';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import type { AssetView, ValuationView } from '../../court/types';
import {
  currentReference, IN_PROGRESS, isInquiry, methodOrderViolations, priceBasisLabel, START_METHODS, type StartMethod,
} from '../valuation-logic';

const clean = (raw: string) => raw.replace(/[¥,，\s]/g, '');
const validAmount = (raw: string) => {
  const c = clean(raw);
  return isMoneyString(c) && /[1-9]/.test(c);
};

interface Fields {
  negOutcome: 'agreed' | 'none';
  amount: string;
  note: string;
  priceBasis: (typeof TARGETED_PRICE_BASES)[number];
  bodyAsked: string;
  documentRef: string;
  selection: 'agreed' | 'lot';
  agencies: string;
  drawSeed: string;
  preMode: 'amount' | 'inquiry';
  skip: boolean;
  skipNote: string;
}

const EMPTY: Fields = {
  negOutcome: 'agreed', amount: '', note: '', priceBasis: 'tax_base', bodyAsked: '', documentRef: '', selection: 'agreed', agencies: '', drawSeed: '',
  preMode: 'amount', skip: false, skipNote: '',
};

const METHOD_HINT: Record<StartMethod, MessageKey> = {
  negotiated: 'valForm.hint.negotiated',
  targeted_inquiry: 'valForm.hint.targeted_inquiry',
  network_inquiry: 'valForm.hint.network_inquiry',
  appraisal: 'valForm.hint.appraisal',
  pre_valuation: 'valForm.hint.pre_valuation',
};

function agencyLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

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
export function StartValuation({ asset, valuations, onCreated }: { asset: AssetView; valuations: ValuationView[]; onCreated(v: ValuationView): void | Promise<void> }) {
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
          onCreated={async (v) => {
            // Started: say what it means, and fold the form away until another determination is wanted.
            setStarted(v);
            setOpen(false);
            await onCreated(v);
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

function StartValuationForm({ asset, valuations, onCreated }: { asset: AssetView; valuations: ValuationView[]; onCreated(v: ValuationView): void | Promise<void> }) {
  const { t, lang } = useI18n();
  const mandatory = !!asset.appraisalMandatory;
  const [method, setMethod] = useState<StartMethod>(mandatory ? 'appraisal' : 'negotiated');
  const [f, setF] = useState<Fields>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF((x) => ({ ...x, [k]: v }));
  const id = (k: string) => `val-${asset.id}-${k}`;
  // Pre-valuation is only for preserved property; a method chosen earlier may vanish when the flag is cleared.
  const chosen: StartMethod = method === 'pre_valuation' && !asset.preserved ? 'negotiated' : method;

  const check = useMemo(() => {
    const order = methodOrderViolations(chosen, valuations, false, mandatory);
    const mandatoryBlock = order.find((v) => v.rule === 'APPRAISAL_MANDATORY') ?? null;
    const needsSkip = order.some((v) => v.rule === 'METHOD_ORDER');
    const problems: string[] = [];
    const needsAmount = (chosen === 'negotiated' && f.negOutcome === 'agreed') || chosen === 'targeted_inquiry' || (chosen === 'pre_valuation' && f.preMode === 'amount');
    const amountOk = !needsAmount || validAmount(f.amount);
    if (needsAmount && !amountOk) problems.push('amount');
    if (chosen === 'targeted_inquiry' && f.bodyAsked.trim().length < 2) problems.push('bodyAsked');
    const agencies = agencyLines(f.agencies);
    const dupes = agencies.length !== new Set(agencies.map((a) => a.toLowerCase())).size;
    const shortAgency = agencies.some((a) => a.length < 2 || a.length > 200);
    if (chosen === 'appraisal' && (agencies.length < APPRAISAL_AGENCY_COUNT || agencies.length > 30 || dupes || shortAgency)) problems.push('agencies');
    const seed = f.drawSeed.trim();
    if (chosen === 'appraisal' && f.selection === 'lot' && seed && (seed.length < 4 || seed.length > 64)) problems.push('seed');
    const skipOk = !needsSkip || (f.skip && f.skipNote.trim().length >= 3);
    if (!skipOk) problems.push('skip');
    return { order, mandatoryBlock, needsSkip, needsAmount, amountOk, agencies, dupes, shortAgency, problems, blocked: !!mandatoryBlock || problems.length > 0 };
  }, [chosen, valuations, mandatory, f]);

  const inProgress = valuations.find((v) => IN_PROGRESS.has(v.status)) ?? null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (check.blocked || busy) return;
    const skipAgreement = check.needsSkip && f.skip ? { skipAgreement: { note: f.skipNote.trim() } } : {};
    const note = f.note.trim() ? { note: f.note.trim() } : {};
    let body: Record<string, unknown>;
    switch (chosen) {
      case 'negotiated':
        body = f.negOutcome === 'agreed' ? { method: chosen, amount: clean(f.amount), ...note } : { method: chosen, noAgreement: true, ...note };
        break;
      case 'targeted_inquiry':
        body = { method: chosen, priceBasis: f.priceBasis, bodyAsked: f.bodyAsked.trim(), amount: clean(f.amount), ...(f.documentRef.trim() ? { documentRef: f.documentRef.trim() } : {}), ...skipAgreement };
        break;
      case 'network_inquiry':
        body = { method: chosen, ...skipAgreement };
        break;
      case 'appraisal':
        body = { method: chosen, selection: f.selection, agencies: check.agencies, ...(f.selection === 'lot' && f.drawSeed.trim() ? { drawSeed: f.drawSeed.trim() } : {}), ...skipAgreement };
        break;
      case 'pre_valuation':
        body = f.preMode === 'amount' ? { method: chosen, amount: clean(f.amount), ...note } : { method: chosen, viaNetworkInquiry: true };
        break;
    }
    setBusy(true);
    setError(null);
    try {
      const v = await api<ValuationView>(`/assets/${encodeURIComponent(asset.id)}/valuations`, { body });
      setF(EMPTY);
      await onCreated(v);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  const amountLabel = chosen === 'negotiated' ? t('valForm.agreedAmount') : chosen === 'targeted_inquiry' ? t('valForm.targetedAmount') : t('valForm.preAmount');
  const submitKey: MessageKey = chosen === 'network_inquiry' || (chosen === 'pre_valuation' && f.preMode === 'inquiry')
    ? 'valForm.submitInquiry'
    : chosen === 'appraisal' ? 'valForm.submitAppraisal' : chosen === 'negotiated' && f.negOutcome === 'none' ? 'valForm.submitNoAgreement' : 'valForm.submitRecord';

  return (
    <form className="form valuation-form" onSubmit={onSubmit} noValidate aria-labelledby={id('title')}>
      <h5 id={id('title')}>{t('valForm.title')}</h5>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={id('method')}>{t('asset.method')}</label>
          <select id={id('method')} data-testid="valuation-method" value={chosen} onChange={(e) => { setMethod(e.target.value as StartMethod); setError(null); }} aria-describedby={id('method-hint')}>
            {START_METHODS.filter((m) => m !== 'pre_valuation' || asset.preserved).map((m, i) => (
              <option key={m} value={m} disabled={mandatory && m !== 'appraisal' && m !== 'pre_valuation'}>
                {m === 'pre_valuation' ? methodLabel(t, m) : `${i + 1}. ${methodLabel(t, m)}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={id('method-hint')} className="small muted method-hint">{t(METHOD_HINT[chosen])}</p>
      {check.mandatoryBlock && <Alert tone="warning">{ruleText(check.mandatoryBlock, t)}</Alert>}
      {inProgress && <p className="small hint-warn">{t('valForm.inProgressNote', { method: methodLabel(t, inProgress.method) })}</p>}

      {chosen === 'negotiated' && (
        <fieldset className="choice">
          <legend>{t('valForm.negOutcome')}</legend>
          <label className="checkbox"><input type="radio" name={id('neg')} checked={f.negOutcome === 'agreed'} onChange={() => set('negOutcome', 'agreed')} /> {t('valForm.negAgreed')}</label>
          <label className="checkbox"><input type="radio" name={id('neg')} checked={f.negOutcome === 'none'} onChange={() => set('negOutcome', 'none')} /> {t('valForm.negNone')}</label>
        </fieldset>
      )}
      {chosen === 'targeted_inquiry' && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={id('basis')}>{t('valForm.priceBasis')}</label>
            <select id={id('basis')} value={f.priceBasis} onChange={(e) => set('priceBasis', e.target.value as Fields['priceBasis'])}>
              {TARGETED_PRICE_BASES.map((b) => <option key={b} value={b}>{priceBasisLabel(t, b)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('body')}>{t('valForm.bodyAsked')}</label>
            <input id={id('body')} value={f.bodyAsked} maxLength={200} onChange={(e) => set('bodyAsked', e.target.value)} placeholder={t('valForm.bodyAskedPlaceholder')} aria-invalid={f.bodyAsked !== '' && f.bodyAsked.trim().length < 2} />
          </div>
          <div className="field">
            <label htmlFor={id('docref')}>{t('valForm.documentRef')}</label>
            <input id={id('docref')} value={f.documentRef} maxLength={200} onChange={(e) => set('documentRef', e.target.value)} />
          </div>
        </div>
      )}
      {chosen === 'pre_valuation' && (
        <fieldset className="choice">
          <legend>{t('valForm.preHow')}</legend>
          <label className="checkbox"><input type="radio" name={id('pre')} checked={f.preMode === 'amount'} onChange={() => set('preMode', 'amount')} /> {t('valForm.preAmountChoice')}</label>
          <label className="checkbox"><input type="radio" name={id('pre')} checked={f.preMode === 'inquiry'} onChange={() => set('preMode', 'inquiry')} /> {t('valForm.preInquiryChoice')}</label>
        </fieldset>
      )}
      {check.needsAmount && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={id('amount')}>{amountLabel}</label>
            <div className="input-money">
              <span className="input-prefix" aria-hidden="true">¥</span>
              <input id={id('amount')} data-testid="valuation-amount" inputMode="decimal" value={f.amount} onChange={(e) => set('amount', e.target.value)} aria-invalid={f.amount !== '' && !check.amountOk} aria-describedby={id('amount-hint')} />
            </div>
            <span id={id('amount-hint')} className={`hint${f.amount !== '' && !check.amountOk ? ' hint-error' : ''}`}>
              {f.amount === '' ? '' : check.amountOk ? formatYuan(clean(f.amount)) : t('court.moneyInvalid')}
            </span>
          </div>
        </div>
      )}
      {(chosen === 'negotiated' || (chosen === 'pre_valuation' && f.preMode === 'amount')) && (
        <div className="field">
          <label htmlFor={id('note')}>{chosen === 'negotiated' && f.negOutcome === 'none' ? t('valForm.noAgreementNote') : t('asset.note')}</label>
          <input id={id('note')} value={f.note} maxLength={2000} onChange={(e) => set('note', e.target.value)} />
        </div>
      )}
      {chosen === 'appraisal' && (
        <>
          <fieldset className="choice">
            <legend>{t('valForm.selection')}</legend>
            <label className="checkbox"><input type="radio" name={id('sel')} checked={f.selection === 'agreed'} onChange={() => set('selection', 'agreed')} /> {t('valForm.selectionAgreed')}</label>
            <label className="checkbox"><input type="radio" name={id('sel')} checked={f.selection === 'lot'} onChange={() => set('selection', 'lot')} /> {t('valForm.selectionLot')}</label>
          </fieldset>
          <div className="field">
            <label htmlFor={id('agencies')}>{t(f.selection === 'agreed' ? 'valForm.agenciesAgreed' : 'valForm.agenciesLot')}</label>
            <textarea id={id('agencies')} rows={5} value={f.agencies} onChange={(e) => set('agencies', e.target.value)} aria-describedby={id('agencies-hint')} aria-invalid={f.agencies !== '' && check.problems.includes('agencies')} />
            <span id={id('agencies-hint')} className={`hint${f.agencies !== '' && check.problems.includes('agencies') ? ' hint-error' : ''}`}>
              {check.dupes ? t('valForm.agenciesDupes') : check.shortAgency ? t('valForm.agenciesShort') : t('valForm.agenciesCount', { n: check.agencies.length, min: APPRAISAL_AGENCY_COUNT })}
            </span>
          </div>
          {f.selection === 'lot' && (
            <div className="field">
              <label htmlFor={id('seed')}>{t('valForm.drawSeed')}</label>
              <input id={id('seed')} value={f.drawSeed} maxLength={64} onChange={(e) => set('drawSeed', e.target.value)} aria-describedby={id('seed-hint')} aria-invalid={check.problems.includes('seed')} />
              <span id={id('seed-hint')} className={`hint${check.problems.includes('seed') ? ' hint-error' : ''}`}>{t('valForm.drawSeedHint')}</span>
            </div>
          )}
        </>
      )}
      {check.needsSkip && (
        <div className="skip-box" data-testid="valuation-order">
          <p className="small">{check.order.filter((v) => v.rule === 'METHOD_ORDER').map((v) => ruleText(v, t)).join(' ')}</p>
          <label className="checkbox">
            <input type="checkbox" data-testid="valuation-skip" checked={f.skip} onChange={(e) => set('skip', e.target.checked)} />
            <span>{t('valForm.skip')}</span>
          </label>
          {f.skip && (
            <div className="field">
              <label htmlFor={id('skip-note')}>{t('valForm.skipNote')}</label>
              <textarea id={id('skip-note')} data-testid="valuation-skip-note" rows={2} maxLength={2000} value={f.skipNote} onChange={(e) => set('skipNote', e.target.value)} placeholder={t('valForm.skipPlaceholder')} aria-describedby={id('skip-hint')} />
              <span id={id('skip-hint')} className="hint">{t('valForm.skipHint')}</span>
            </div>
          )}
        </div>
      )}
      {error && <Alert tone="error" title={t('valForm.refused')}>{error}</Alert>}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="valuation-submit" disabled={busy || check.blocked}>{busy ? t('common.saving') : t(submitKey)}</button>
        {check.blocked && !check.mandatoryBlock && <span className="small muted">{t(check.problems.includes('skip') ? 'valForm.needSkip' : 'valForm.completeFirst')}</span>}
      </div>
    </form>
  );
}
