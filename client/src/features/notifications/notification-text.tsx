import type { NotificationView } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

/** An alert in the reader's language: its title and one sentence, from the codes and figures the server sent. */
export function useNotificationText() {
  const { t, lang } = useI18n();
  return (n: NotificationView): { title: string; body: string } => {
    const p = n.params;
    const lot = String((lang === 'en' && p.titleEn ? p.titleEn : p.title) ?? '');
    const money = (v: unknown) => formatYuan(String(v ?? '0'));
    const at = (v: unknown) => (typeof v === 'string' ? formatDateTime(v) : '');
    switch (n.kind) {
      case 'lot_starting': return { title: t('alerts.kind.lot_starting'), body: t('alerts.body.lot_starting', { lot, endsAt: at(p.endsAt) }) };
      case 'outbid': return { title: t('alerts.kind.outbid'), body: t(p.lastMinutes ? 'alerts.body.outbidLate' : 'alerts.body.outbid', { lot, price: money(p.currentPrice), endsAt: at(p.endsAt) }) };
      case 'end_extended': return { title: t('alerts.kind.end_extended'), body: t('alerts.body.end_extended', { lot, endsAt: at(p.endsAt) }) };
      case 'deposit_held': return { title: t('alerts.kind.deposit_held'), body: t('alerts.body.deposit_held', { lot, amount: money(p.amount) }) };
      case 'refund_sent': return { title: t('alerts.kind.refund_sent'), body: t('alerts.body.refund_sent', { lot, amount: money(p.amount) }) };
      case 'lot_won': return { title: t('alerts.kind.lot_won'), body: t('alerts.body.lot_won', { lot, price: money(p.finalPrice) }) };
      case 'balance_due': return { title: t('alerts.kind.balance_due'), body: t('alerts.body.balance_due', { lot, amount: money(p.amount), dueAt: at(p.dueAt) }) };
      case 'balance_reminder': return { title: t('alerts.kind.balance_reminder'), body: t('alerts.body.balance_reminder', { lot, amount: money(p.amount), dueAt: at(p.dueAt) }) };
    }
  };
}
