import { formatWanYi, formatYuan } from '../../../shared/money';
import { useI18n } from '../i18n';

/** ¥ with thousands separators; in Chinese, large sums also in 万 / 亿. */
export function Money({ value, testId, className, showWan = true }: { value: string | null | undefined; testId?: string; className?: string; showWan?: boolean }) {
  const { lang } = useI18n();
  if (value === null || value === undefined) {
    return <span className={className} data-testid={testId}>—</span>;
  }
  const wan = showWan && lang === 'zh' ? formatWanYi(value) : null;
  return (
    <span className={`money ${className ?? ''}`}>
      <span className="money-figure" data-testid={testId}>{formatYuan(value)}</span>
      {wan && <span className="money-wan">（{wan}）</span>}
    </span>
  );
}
