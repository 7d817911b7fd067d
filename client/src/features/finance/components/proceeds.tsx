import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { Money } from '../../../ui/money';
import { QueryCard } from '../../../ui/query-card';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { payoutProceeds, useProceeds, type ProceedsRow } from '../api';
import { BankReferenceForm } from './bank-reference-form';
import { LotLink } from './lot-link';

type State = 'awaitingBalance' | 'awaitingApproval' | 'approved' | 'paid';

function stateOf(r: ProceedsRow): State {
  if (r.paidAt) return 'paid';
  if (r.approvedAt) return 'approved';
  return r.balancePaidAt ? 'awaitingApproval' : 'awaitingBalance';
}
const ORDER: Record<State, number> = { approved: 0, awaitingApproval: 1, awaitingBalance: 2, paid: 3 };

/** A sold lot's proceeds go to the court's enforcement account once the court approves; finance records the payout. */
export function Proceeds() {
  const { t, lang } = useI18n();
  const query = useProceeds();
  const rows = query.data ?? null;
  const sorted = rows ? [...rows].sort((a, b) => ORDER[stateOf(a)] - ORDER[stateOf(b)]) : null;
  return (
    <QueryCard id="proceeds-title" title={t('finance.proceeds.title')} query={query} testId="proceeds">
      <p className="small muted">{t('finance.proceeds.intro')}</p>
      {sorted && sorted.length === 0 && <p className="muted">{t('finance.proceeds.none')}</p>}
      {sorted && sorted.length > 0 && (
        <ul className="deposit-rows">
          {sorted.map((r) => {
            const state = stateOf(r);
            return (
              <li key={r.lotId} className={`deposit-row${state === 'approved' ? '' : ' balance-row-closed'}`} data-testid="proceeds-row" data-lot-id={r.lotId} data-state={state}>
                <div className="deposit-row-info">
                  <div className="deposit-row-top">
                    <LotLink lotId={r.lotId}><strong>{lotTitle(r, lang)}</strong></LotLink>
                    <span className={`pill pill-proceeds-${state}`}>{t(`finance.proceeds.state.${state}` as MessageKey)}</span>
                  </div>
                  <p className="small muted">{r.court}</p>
                  <dl className="kv-list kv-inline small">
                    <div><dt>{t('lot.finalPrice')}</dt><dd><Money value={r.finalPrice} /></dd></div>
                    <div><dt>{t('finance.proceeds.amount')}</dt><dd><strong><Money value={r.amount} /></strong></dd></div>
                    {r.approvedAt && <div><dt>{t('finance.proceeds.approvedAt')}</dt><dd>{formatDateTime(r.approvedAt)}</dd></div>}
                    {r.paidAt && <div><dt>{t('finance.proceeds.paidAt')}</dt><dd>{formatDateTime(r.paidAt)}</dd></div>}
                    {r.bankReference && <div><dt>{t('finance.bankReference')}</dt><dd className="mono">{r.bankReference}</dd></div>}
                  </dl>
                </div>
                {state === 'approved' && (
                  <BankReferenceForm
                    id={`payout-${r.lotId}`} hint={t('finance.proceeds.hint', { amount: formatYuan(r.amount) })}
                    submitLabel={t('finance.proceeds.payout')} pendingLabel={t('common.working')}
                    testIds={{ input: 'payout-bank-reference', submit: 'payout-submit' }} send={(bank) => payoutProceeds(r.lotId, bank)}
                  />
                )}
                {state === 'awaitingApproval' && <p className="small muted">{t('finance.proceeds.waitCourt')}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </QueryCard>
  );
}
