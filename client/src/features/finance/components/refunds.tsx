import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import { QueryCard } from '../../../ui/query-card';
import { refundsCsvUrl, refundSent, useRefunds, type RefundView } from '../api';
import { BankReferenceForm } from './bank-reference-form';
import { LotLink } from './lot-link';
import { ProviderCalls } from './provider-calls';

const HOUR = 3_600_000;

/**
 * A23: a loser's deposit goes back within 24 hours of the close. Refunds to send, the late ones first and
 * marked in words as well as red; each is marked sent with the bank's reference, or all due ones are
 * exported as the bank's payment file.
 */
export function Refunds() {
  const { t } = useI18n();
  const query = useRefunds();
  const rows = query.data ?? null;
  const now = serverNow();
  const late = (r: RefundView) => r.overdue || Date.parse(r.dueBy) < now;
  const open = (rows ?? []).filter((r) => r.status !== 'sent')
    .sort((a, b) => Number(late(b)) - Number(late(a)) || a.dueBy.localeCompare(b.dueBy));
  const sent = (rows ?? []).filter((r) => r.status === 'sent').sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
  const overdue = open.filter(late).length;
  // The payment file leaves out refunds with no account: finance asks those payers first.
  const bankDue = open.filter((r) => r.method === 'bank' && r.status === 'due' && !r.accountNeeded).length;
  return (
    <>
      <QueryCard id="refunds-title" title={t('finance.refunds.title')} query={query} testId="refunds">
        <p className="small muted">{t('finance.refunds.intro')}</p>
        {rows && (
          <div className="refund-summary">
            <p className="small">
              {t('finance.refunds.counts', { due: open.length })}
              {overdue > 0 && <strong className="overdue-text"> {t('finance.refunds.overdueCount', { n: overdue })}</strong>}
            </p>
            {bankDue > 0 && (
              <a className="btn btn-light btn-small" href={refundsCsvUrl()} download data-testid="refunds-csv">{t('finance.refunds.csv', { n: bankDue })}</a>
            )}
          </div>
        )}
        {open.length > 0 && (
          <ul className="deposit-rows">
            {open.map((r) => <RefundRow key={r.id} row={r} late={late(r)} now={now} />)}
          </ul>
        )}
      </QueryCard>
      {sent.length > 0 && (
        <section className="card" aria-labelledby="refunds-sent-title" data-testid="refunds-sent">
          <h2 id="refunds-sent-title">{t('finance.refunds.sentTitle')}</h2>
          <ul className="deposit-rows">
            {sent.slice(0, 50).map((r) => <RefundRow key={r.id} row={r} late={false} now={now} />)}
          </ul>
        </section>
      )}
      <ProviderCalls />
    </>
  );
}

function RefundRow({ row, late, now }: { row: RefundView; late: boolean; now: number }) {
  const { t } = useI18n();
  const state = row.status === 'sent' ? 'sent' : row.status === 'failed' ? 'failed' : late ? 'overdue' : 'due';
  const left = Date.parse(row.dueBy) - now;
  return (
    <li className={`deposit-row refund-row refund-${state}`} data-testid="refund-row" data-refund-id={row.id} data-state={state}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <strong>{row.payeeName}</strong>
          <span className={`pill pill-refund-${state}`} data-testid="refund-state">
            {state === 'overdue' && <span aria-hidden="true">⚠ </span>}{t(`finance.refunds.state.${state}` as MessageKey)}
          </span>
        </div>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('pay.amount')}</dt><dd><strong><Money value={row.amount} /></strong></dd></div>
          <div><dt>{t('finance.refunds.kindLabel')}</dt><dd>{t(`finance.refunds.kind.${row.kind}` as MessageKey)}</dd></div>
          <div>
            <dt>{t('finance.refunds.account')}</dt>
            {row.accountNeeded
              ? <dd><strong className="overdue-text" data-testid="refund-account-needed">{t('finance.refunds.accountNeeded')}</strong></dd>
              : <dd className="mono">{row.payeeAccount ?? (row.method === 'provider' ? t('finance.refunds.toCard') : t('finance.refunds.toPayingAccount'))}</dd>}
          </div>
          <div><dt>{t('finance.refunds.dueBy')}</dt><dd>{formatDateTime(row.dueBy)}</dd></div>
          {row.sentAt && <div><dt>{t('finance.refunds.sentAt')}</dt><dd>{formatDateTime(row.sentAt)}</dd></div>}
          {row.bankReference && <div><dt>{t('finance.bankReference')}</dt><dd className="mono">{row.bankReference}</dd></div>}
        </dl>
        {state === 'overdue' && <p className="small overdue-text" data-testid="refund-overdue">{t('finance.refunds.overdueNote', { hours: Math.max(1, Math.floor(-left / HOUR)) })}</p>}
        {state === 'due' && <p className="small muted">{t('finance.refunds.leftNote', { hours: Math.max(1, Math.ceil(left / HOUR)) })}</p>}
        {row.accountNeeded && <p className="small" data-testid="refund-account-note">{t('finance.refunds.accountNeededNote')}</p>}
        {row.failure && <p className="small hint-error">{t('finance.refunds.failed', { reason: row.failure })}</p>}
        {row.lotId && <p className="small"><LotLink lotId={row.lotId}>{t('finance.openLot')}</LotLink></p>}
      </div>
      {row.status !== 'sent' && (row.method === 'bank' ? (
        <BankReferenceForm
          id={`refund-${row.id}`} hint={t('finance.refunds.hint', { amount: formatYuan(row.amount), payee: row.payeeName })}
          submitLabel={t('finance.refunds.markSent')} pendingLabel={t('common.working')}
          testIds={{ input: 'refund-bank-reference', submit: 'refund-sent' }} send={(bank, account) => refundSent(row.id, bank, account)}
          payerAccount={row.accountNeeded ? { label: t('finance.refunds.sentTo'), hint: t('finance.refunds.sentToHint') } : undefined}
        />
      ) : (
        <p className="small muted">{t('finance.refunds.providerNote')}</p>
      ))}
    </li>
  );
}
