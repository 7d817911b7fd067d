import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Spinner } from '../../../ui/spinner';

/**
 * One chart and, under it, the same figures as a table in a <details>: a drawing is not readable by a screen
 * reader, the table is. The chart follows its container's width (phones, a rotated tablet, print).
 */
export function StatsChart({ id, title, note, option, height = 320, testId, table }: {
  id: string;
  title: string;
  note?: ReactNode;
  option: EChartsCoreOption;
  height?: number;
  testId: string;
  table: ReactNode;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('../echarts').then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current, undefined, { renderer: 'svg' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setState('ready');
    }, () => { if (!disposed) setState('failed'); });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, { notMerge: true });
  }, [state, option]);

  return (
    <section className="card stats-chart-card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {note && <p className="muted small">{note}</p>}
      {state === 'failed' && <Alert tone="warning">{t('stats.chart.failed')}</Alert>}
      {state === 'loading' && <Spinner />}
      <div ref={box} className="stats-chart" style={{ height }} role="img" aria-label={t('stats.chart.label', { title })} data-testid={`${testId}-canvas`} />
      <details className="stats-data">
        <summary>{t('stats.chart.showData')}</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </section>
  );
}
