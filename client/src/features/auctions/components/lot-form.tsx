import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { MAX_BALANCE_DUE_DAYS, SELL_OFF_WINDOW_DAYS } from '../../../../../shared/rules';
import { ApiError } from '../../../api';
import { violationsOf } from '../../../error-text';
import { formatDateTime, fromCstInput, toCstInput } from '../../../format';
import { roundLabel, useI18n, type MessageKey } from '../../../i18n';
import { ruleText } from '../../../rule-text';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { MoneyInput } from '../../../ui/money-input';
import { controlKeys, createLot } from '../control-api';
import type { AssetView } from '../../court/types';
import { checkLot } from '../lot-check';
import { DisclosureFields } from './disclosure-fields';
import { lotDraftForm, roundOfMode, suggestedDraft, toRound, SELL_OFF_WINDOW_MS, type Draft, type LotFormMode, type RoundValue } from '../lot-rules';

export type { LotFormMode };

const TITLE_KEY: Record<LotFormMode, MessageKey> = {
  first: 'court.newLot',
  second_round: 'lotForm.titleSecond',
  sell_off: 'lotForm.titleSellOff',
  re_auction: 'lotForm.titleReAuction',
};
const NOTE_KEY: Record<LotFormMode, MessageKey> = {
  first: 'court.suggestedNote',
  second_round: 'lotForm.noteSecond',
  sell_off: 'lotForm.noteSellOff',
  re_auction: 'lotForm.noteReAuction',
};

export function LotForm({ asset, referencePrice, mode = 'first', previous = null, onCreated, onCancel }: {
  asset: AssetView;
  /** The asset's effective reference price (first auction and re-auction). Later rounds use the previous lot's. */
  referencePrice: string | null;
  mode?: LotFormMode;
  /** The lot this one follows (required for second_round, sell_off and re_auction). */
  previous?: LotView | null;
  onCreated(lot: LotView): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const roundValue = roundOfMode(mode);
  const round = toRound(roundValue);
  const reference = mode === 'second_round' || mode === 'sell_off' ? previous?.referencePrice ?? null : referencePrice;
  const suggest = (announcement: string) => suggestedDraft(asset.kind, mode, reference, previous, new Date(serverNow()), announcement);
  const form = useZodForm(lotDraftForm, suggest(t('court.defaultAnnouncement')));
  const draft = useWatch({ control: form.control }) as Draft;
  const check = useMemo(() => checkLot({ draft, mode, kind: asset.kind, round, reference, previous, t }), [draft, reference, asset.kind, t, mode, previous, round]);
  const blocked = !check.ready || check.violations.length > 0;
  const create = useApiMutation((terms: z.output<typeof lotDraftForm>) => createLot({
    ...terms, assetId: asset.id, round, ...(check.endsIso ? { endsAt: check.endsIso } : {}),
  }), { invalidate: [controlKeys.courtList()], onSuccess: onCreated });
  // A sell-off's window is fixed: it ends 60 days after the start, whatever is typed (the server sets it).
  const onStartsAt = (e: { target: { value: string } }) => {
    const iso = mode === 'sell_off' ? fromCstInput(e.target.value) : null;
    if (iso) form.setValue('endsAt', toCstInput(new Date(Date.parse(iso) + SELL_OFF_WINDOW_MS)));
  };

  const fid = (k: string) => `lot-${asset.id}-${k}`;
  const serverError = create.error;
  const serverViolations = serverError instanceof ApiError ? violationsOf(serverError) : [];
  const money = (k: 'startingPrice' | 'bidIncrement' | 'deposit', testId: string, label: string) => (
    <MoneyInput form={form} name={k} id={fid(k)} testId={testId} label={label} wan hintId={`${fid(k)}-preview`} />
  );
  const modeRounds: RoundValue[] = ['1', '2', 'sell_off'];
  return (
    <form className="form lot-form" onSubmit={form.handleSubmit((terms) => { if (!blocked) create.mutate(terms); })} noValidate aria-labelledby={fid('title')} data-mode={mode}>
      <div className="card-head">
        <h4 id={fid('title')}>{t(TITLE_KEY[mode])}</h4>
        <button type="button" className="btn btn-light btn-small" onClick={() => form.reset({ ...suggest(form.getValues('announcement')), announcementEn: form.getValues('announcementEn'), disclosure: form.getValues('disclosure') })}>
          {t('court.useSuggested')}
        </button>
      </div>
      {previous && mode !== 'first' && (
        <p className="small previous-lot">
          {t('lotForm.follows', { round: roundLabel(t, previous.round), status: t(`status.${previous.status}`), price: formatYuan(previous.startingPrice), closed: previous.closedAt ? formatDateTime(previous.closedAt) : '—' })}
        </p>
      )}
      <p className="small muted">
        {reference ? t('court.referenceFor', { price: formatYuan(reference) }) : t('court.noReference')} {t(NOTE_KEY[mode])}
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={fid('round')}>{t('court.round')}</label>
          <select id={fid('round')} data-testid="lot-form-round" value={roundValue} onChange={() => undefined} aria-describedby={`${fid('round')}-hint`}>
            {modeRounds.map((r) => (
              <option key={r} value={r} disabled={r !== roundValue}>{t(`round.${r}`)}</option>
            ))}
          </select>
          <span id={`${fid('round')}-hint`} className="hint">{t(mode === 'first' ? 'lotForm.roundHintFirst' : 'lotForm.roundHintFixed')}</span>
        </div>
        {money('startingPrice', 'lot-form-starting-price', t('lot.startingPrice'))}
        {money('bidIncrement', 'lot-form-increment', t('lot.increment'))}
        {money('deposit', 'lot-form-deposit', t('lot.deposit'))}
        <Field form={form} name="startsAt" id={fid('startsAt')} label={mode === 'sell_off' ? t('lotForm.windowStarts') : t('court.startsAt')} invalid={t('court.dateInvalid')} rules={{ onChange: onStartsAt }}>
          {(p) => <input {...p} data-testid="lot-form-starts-at" type="datetime-local" step={60} />}
        </Field>
        <Field
          form={form} name="endsAt" id={fid('endsAt')} label={mode === 'sell_off' ? t('lotForm.windowEnds') : t('court.endsAt')} invalid={t('court.dateInvalid')}
          hint={mode === 'sell_off' ? t('lotForm.windowEndsHint', { days: SELL_OFF_WINDOW_DAYS }) : undefined}
        >
          {(p) => <input {...p} data-testid="lot-form-ends-at" type="datetime-local" step={60} readOnly={mode === 'sell_off'} />}
        </Field>
        <Field form={form} name="balanceDueDays" id={fid('balanceDueDays')} label={t('court.balanceDueDays')} invalid={t('court.daysInvalid', { max: MAX_BALANCE_DUE_DAYS })}>
          {(p) => <input {...p} data-testid="lot-form-balance-days" inputMode="numeric" />}
        </Field>
      </div>
      <Field form={form} name="announcement" id={fid('announcement')} label={t('court.announcement')}>
        {(p) => <textarea {...p} rows={3} maxLength={20000} />}
      </Field>
      <DisclosureFields form={form} idPrefix={fid('disclosure')} values={draft.disclosure} />
      <p className="small muted">{t('disclosure.draftNote')}</p>
      <div className="bounds" aria-live="polite">
        <h5>{t(mode === 'sell_off' ? 'lotForm.boundsSellOff' : 'court.boundsTitle')}</h5>
        <ul data-testid="lot-form-violations" data-violations={check.violations.length}>
          {check.bounds.map((b) => (
            <li key={b.key} className={b.ok ? 'bound-ok' : 'bound-bad'} data-ok={b.ok ? 'true' : 'false'}>
              <span className="bound-mark" aria-hidden="true">{b.ok ? '✓' : '✗'}</span>
              <span>{b.text}<span className="visually-hidden"> — {b.ok ? t('court.boundOk') : t('court.boundBad')}</span></span>
            </li>
          ))}
        </ul>
        {check.startsIso && check.endsIso && (
          <p className="small muted">
            {mode === 'sell_off'
              ? t('lotForm.sellOffPreview', { from: formatDateTime(check.startsIso), to: formatDateTime(check.endsIso) })
              : t('court.periodPreview', { from: formatDateTime(check.startsIso), to: formatDateTime(check.endsIso) })}
          </p>
        )}
      </div>
      {serverError !== null && (
        <Alert tone="error" title={t('court.createRefused')} testId="lot-form-server-error">
          {serverViolations.length > 0 ? (
            <ul className="rule-list">{serverViolations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}</ul>
          ) : create.errorMessage}
          <p className="small">{t('lotForm.serverFix')}</p>
        </Alert>
      )}
      <div className="btn-row">
        <SubmitButton form={form} required={{}} pending={create.isPending} blocked={blocked} testId="lot-form-submit" pendingLabel={t('court.creating')}>{t('court.createLot')}</SubmitButton>
        {onCancel && <button type="button" className="btn btn-light" onClick={onCancel}>{t('common.cancel')}</button>}
        {blocked && <span className="small muted">{t('court.fixFirst')}</span>}
      </div>
      {mode === 'sell_off' && <p className="small muted">{t('lotForm.sellOffRule')}</p>}
    </form>
  );
}
