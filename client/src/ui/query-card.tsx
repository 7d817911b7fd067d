import type { ReactNode } from 'react';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { Alert } from './alert';
import { RefreshButton } from './refresh-button';
import { Spinner } from './spinner';

/** A card showing one query: its title with a refresh button, the failure in words, a spinner until the first answer. */
export function QueryCard({ id, title, query, testId, children }: {
  id: string;
  title: string;
  query: { isFetching: boolean; error: unknown; data: unknown; refetch(): unknown };
  testId?: string;
  children: ReactNode;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        <RefreshButton refreshing={query.isFetching} onClick={() => void query.refetch()} />
      </div>
      {query.error !== null && <Alert tone="error">{errorText(query.error, t, lang)}</Alert>}
      {query.data === undefined && query.isFetching && <Spinner />}
      {children}
    </section>
  );
}
