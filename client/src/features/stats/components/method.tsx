import { useI18n, type MessageKey } from '../../../i18n';

const ITEMS: MessageKey[] = [
  'stats.method.unit', 'stats.method.outcomes', 'stats.method.rounds', 'stats.method.takeover', 'stats.method.period',
  'stats.method.turnover', 'stats.method.premium', 'stats.method.realisation', 'stats.method.commission',
  'stats.method.success', 'stats.method.perLot', 'stats.method.refunds', 'stats.method.rounding',
];

/** How every figure on the page is counted, in the words of shared/stats.ts and the README. */
export function Method({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card stats-method" aria-labelledby="stats-method-title" data-testid="stats-method">
      <H id="stats-method-title">{t('stats.method.title')}</H>
      <ul className="plain-list">
        {ITEMS.map((key) => <li key={key}>{t(key)}</li>)}
      </ul>
      <table className="table stats-c29" data-testid="stats-c29">
        <caption>{t('stats.method.c29Caption')}</caption>
        <thead><tr><th scope="col">{t('stats.method.c29Band')}</th><th scope="col" className="num">{t('stats.method.c29Rate')}</th></tr></thead>
        <tbody>
          {(['1', '2', '3', '4', '5'] as const).map((b, i) => (
            <tr key={b}><td>{t(`stats.method.c29b${b}` as MessageKey)}</td><td className="num">{['5%', '3%', '2%', '1%', '0.5%'][i]}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
