import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';
import { StatusBadge } from '../../../ui/status-badge';
import { confirmDeposit, financeKeys, useDeposits, type PendingDeposit } from '../api';
import { QueryCard } from '../../../ui/query-card';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { BankReferenceForm } from './bank-reference-form';

export function Deposits() {
  const { t } = useI18n();
  const query = useDeposits();
  const rows = query.data ?? null;
  const qc = useQueryClient();
  const [confirmed, setConfirmed] = useState<Array<{ ref: string; bank: string; payer: string }>>([]);

  return (
    <QueryCard id="deposits-title" title={t('finance.deposits')} query={query}>
      <p className="small muted">{t('finance.depositsIntro')}</p>
      {confirmed.length > 0 && (
        <Alert tone="success" title={t('finance.confirmedTitle')}>
          <ul className="plain-list">
            {confirmed.map((c) => <li key={c.ref}>{t('finance.confirmedLine', { ref: c.ref, bank: c.bank, payer: c.payer })}</li>)}
          </ul>
        </Alert>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('finance.noDeposits')}</p>}
      {rows && rows.length > 0 && (
        <ul className="deposit-rows">
          {rows.map((r) => (
            <DepositRow
              key={r.registrationId}
              row={r}
              onDone={(bank) => {
                qc.setQueryData<PendingDeposit[]>(financeKeys.deposits(), (list) => (list ?? []).filter((x) => x.registrationId !== r.registrationId));
                setConfirmed((c) => [{ ref: r.paymentReference, bank, payer: r.payerName ?? r.payerEmail }, ...c].slice(0, 5));
              }}
            />
          ))}
        </ul>
      )}
    </QueryCard>
  );
}

function DepositRow({ row, onDone }: { row: PendingDeposit; onDone(bankReference: string): void }) {
  const { t, lang } = useI18n();
  const id = `bankref-${row.registrationId}`;
  return (
    <li className="deposit-row" data-testid="deposit-row" data-registration-id={row.registrationId}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <strong>{row.payerName ?? t('finance.noRealName')}</strong>
          <span className="small muted">{row.payerEmail}</span>
        </div>
        <div className="small">
          <Link to={`/lots/${row.lotId}`} data-testid="deposit-lot-title">{lotTitle({ title: row.lotTitle, titleEn: row.lotTitleEn }, lang)}</Link> <StatusBadge status={row.lotStatus} />
        </div>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('pay.amount')}</dt><dd><Money value={row.amount} /></dd></div>
          <div><dt>{t('finance.reference')}</dt><dd className="mono pay-ref">{row.paymentReference}</dd></div>
          <div><dt>{t('finance.registeredAt')}</dt><dd>{formatDateTime(row.registeredAt)}</dd></div>
        </dl>
      </div>
      <BankReferenceForm
        id={id} hint={t('finance.bankReferenceHint')} submitLabel={t('finance.confirm')} pendingLabel={t('finance.confirming')}
        payerAccount={{ label: t('finance.payerAccount'), hint: t('finance.payerAccountHint') }} send={(bank, account) => confirmDeposit(row.registrationId, bank, account)} onDone={(_, bank) => onDone(bank)}
      />
    </li>
  );
}
