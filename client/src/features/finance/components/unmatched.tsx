import { Decimal } from 'decimal.js';
import { useId, useState } from 'react';
import { z } from 'zod';
import { idString } from '../../../../../shared/contract/common';
import { returnLineBody } from '../../../../../shared/contract/money';
import { formatYuan } from '../../../../../shared/money';
import { formatDate } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { Money } from '../../../ui/money';
import { QueryCard } from '../../../ui/query-card';
import { financeKeys, matchLine, returnLine, useBalances, useDeposits, useUnmatched, type UnmatchedLine } from '../api';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { LotLink } from './lot-link';

/** Money that arrived and matched nothing: finance matches it by hand or returns it to the payer. */
export function Unmatched() {
  const { t } = useI18n();
  const query = useUnmatched();
  const rows = query.data ?? null;
  const [done, setDone] = useState<string[]>([]);
  return (
    <QueryCard id="unmatched-title" title={t('finance.unmatched.title')} query={query} testId="unmatched">
      <p className="small muted">{t('finance.unmatched.intro')}</p>
      {done.length > 0 && (
        <Alert tone="success"><ul className="plain-list">{done.map((d, i) => <li key={i}>{d}</li>)}</ul></Alert>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('finance.unmatched.none')}</p>}
      {rows && rows.length > 0 && (
        <ul className="deposit-rows">
          {rows.map((r) => <UnmatchedRow key={r.id} row={r} onDone={(msg) => setDone((d) => [msg, ...d].slice(0, 5))} />)}
        </ul>
      )}
    </QueryCard>
  );
}

function UnmatchedRow({ row, onDone }: { row: UnmatchedLine; onDone(message: string): void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<'match' | 'return' | null>(null);
  return (
    <li className="deposit-row unmatched-row" data-testid="unmatched-row" data-line-id={row.id} data-reference={row.reference}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <strong className="unmatched-amount"><Money value={row.amount} /></strong>
          <span className="pill pill-stmt-queued">{t(`finance.reason.${row.reason}` as MessageKey)}</span>
        </div>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('finance.stmt.payer')}</dt><dd>{row.payerName}<span className="block mono muted">{row.payerAccount}</span></dd></div>
          <div><dt>{t('finance.reference')}</dt><dd className="mono">{row.reference || '—'}</dd></div>
          <div><dt>{t('finance.unmatched.valueDate')}</dt><dd>{formatDate(row.valueDate)}</dd></div>
          <div><dt>{t('finance.unmatched.bankTxn')}</dt><dd className="mono">{row.bankTxnId}</dd></div>
        </dl>
        {row.lotId && <p className="small"><LotLink lotId={row.lotId}>{t('finance.openLot')}</LotLink></p>}
      </div>
      <div className="deposit-row-action">
        <div className="btn-row" role="group" aria-label={t('finance.unmatched.actions')}>
          <button type="button" className={`btn btn-small ${action === 'match' ? 'btn-primary' : 'btn-light'}`} aria-expanded={action === 'match'} data-testid="unmatched-match-open" onClick={() => setAction(action === 'match' ? null : 'match')}>{t('finance.unmatched.match')}</button>
          <button type="button" className={`btn btn-small ${action === 'return' ? 'btn-primary' : 'btn-light'}`} aria-expanded={action === 'return'} data-testid="unmatched-return-open" onClick={() => setAction(action === 'return' ? null : 'return')}>{t('finance.unmatched.return')}</button>
        </div>
        {action === 'match' && <MatchForm row={row} onDone={onDone} />}
        {action === 'return' && <ReturnForm row={row} onDone={onDone} />}
      </div>
    </li>
  );
}

const matchForm = z.strictObject({ target: z.enum(['registration', 'lot']), id: idString, note: z.string().trim().max(2000) });

function MatchForm({ row, onDone }: { row: UnmatchedLine; onDone(message: string): void }) {
  const { t } = useI18n();
  const target = row.registrationId || !row.lotId ? 'registration' : 'lot';
  const form = useZodForm(matchForm, { target, id: (target === 'registration' ? row.registrationId : row.lotId) ?? '', note: '' });
  const chosen = form.watch('target');
  const mutation = useApiMutation((v: z.output<typeof matchForm>) => matchLine(row.id, v.target === 'registration' ? { registrationId: v.id } : { lotId: v.id }, v.note.length >= 3 ? v.note : undefined), {
    invalidate: [financeKeys.all],
    onSuccess: (_, v) => onDone(t('finance.unmatched.matched', { amount: formatYuan(row.amount), payer: row.payerName, id: v.id })),
  });
  const p = `match-${row.id}`;
  return (
    <form className="stack-sm" onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate data-testid="unmatched-match-form">
      <fieldset className="radio-row">
        <legend className="small">{t('finance.unmatched.matchTo')}</legend>
        <label className="checkbox"><input type="radio" value="registration" {...form.register('target')} data-testid="match-target-registration" /><span>{t('finance.unmatched.toDeposit')}</span></label>
        <label className="checkbox"><input type="radio" value="lot" {...form.register('target')} data-testid="match-target-lot" /><span>{t('finance.unmatched.toBalance')}</span></label>
      </fieldset>
      <Candidates row={row} target={chosen} onPick={(id) => form.setValue('id', id, { shouldValidate: true, shouldDirty: true })} />
      <Field form={form} name="id" id={`${p}-id`} label={chosen === 'lot' ? t('finance.unmatched.lotId') : t('finance.unmatched.registrationId')} hint={t('finance.unmatched.amountMustMatch', { amount: formatYuan(row.amount) })}>
        {(c) => <input {...c} className="mono" data-testid="match-id" autoComplete="off" />}
      </Field>
      <Field form={form} name="note" id={`${p}-note`} label={t('finance.unmatched.noteOptional')}>
        {(c) => <input {...c} maxLength={2000} data-testid="match-note" />}
      </Field>
      <SubmitButton form={form} required={{ id: chosen === 'lot' ? t('finance.unmatched.lotId') : t('finance.unmatched.registrationId') }} pending={mutation.isPending} testId="match-submit" className="btn btn-primary btn-small">
        {t('finance.unmatched.matchSubmit', { amount: formatYuan(row.amount) })}
      </SubmitButton>
      {mutation.errorMessage && <Alert tone="error">{mutation.errorMessage}</Alert>}
    </form>
  );
}

/**
 * A clerk knows the payer and the amount, not ids: offer the open deposits (or unpaid balances) of exactly
 * this amount, and fill the id from the one picked.
 */
function Candidates({ row, target, onPick }: { row: UnmatchedLine; target: 'registration' | 'lot'; onPick(id: string): void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const deposits = useDeposits();
  const balances = useBalances();
  const options = target === 'registration'
    ? (deposits.data ?? []).filter((d) => d.amount === row.amount).map((d) => ({ id: d.registrationId, label: `${d.payerName ?? d.payerEmail} · ${lotTitle({ title: d.lotTitle, titleEn: d.lotTitleEn }, lang)} · ${d.paymentReference}` }))
    : (balances.data ?? []).filter((b) => b.status === 'sold' && !b.balancePaidAt && b.finalPrice && new Decimal(b.finalPrice).minus(b.deposit).equals(row.amount))
      .map((b) => ({ id: b.id, label: `${lotTitle(b, lang)} · ${b.court} · ${t('balances.buyer', { code: b.winnerCode ?? '—' })}` }));
  const loading = target === 'registration' ? deposits.isPending : balances.isPending;
  if (loading) return null;
  if (options.length === 0) return <p className="small muted">{target === 'registration' ? t('finance.unmatched.noDeposit', { amount: formatYuan(row.amount) }) : t('finance.unmatched.noBalance', { amount: formatYuan(row.amount) })}</p>;
  return (
    <div className="field">
      <label htmlFor={id}>{target === 'registration' ? t('finance.unmatched.openDeposits', { amount: formatYuan(row.amount) }) : t('finance.unmatched.openBalances', { amount: formatYuan(row.amount) })}</label>
      <select id={id} defaultValue="" onChange={(e) => { if (e.target.value) onPick(e.target.value); }} data-testid="match-candidate">
        <option value="">{t('finance.unmatched.pick')}</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
    </div>
  );
}

function ReturnForm({ row, onDone }: { row: UnmatchedLine; onDone(message: string): void }) {
  const { t } = useI18n();
  const form = useZodForm(returnLineBody, { note: '' });
  const mutation = useApiMutation((v: { note: string }) => returnLine(row.id, v.note), {
    invalidate: [financeKeys.all],
    onSuccess: () => onDone(t('finance.unmatched.returned', { amount: formatYuan(row.amount), payer: row.payerName })),
  });
  return (
    <form className="stack-sm" onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate data-testid="unmatched-return-form">
      <Field form={form} name="note" id={`return-${row.id}-note`} label={t('finance.unmatched.returnNote')} hint={t('finance.unmatched.returnHint', { account: row.payerAccount })}>
        {(c) => <textarea {...c} rows={2} maxLength={2000} data-testid="return-note" />}
      </Field>
      <SubmitButton form={form} required={{ note: t('finance.unmatched.returnNote') }} pending={mutation.isPending} testId="return-submit" className="btn btn-primary btn-small">
        {t('finance.unmatched.returnSubmit')}
      </SubmitButton>
      {mutation.errorMessage && <Alert tone="error">{mutation.errorMessage}</Alert>}
    </form>
  );
}
