import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { NotificationView } from '../../../shared/api';
import { call } from '../api';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import { notificationsKey, useMarkRead } from '../features/notifications/api';
import { useNotificationText } from '../features/notifications/notification-text';
import '../features/notifications/notifications.css';

const PAGE = 30;

/** The signed-in user's alerts, newest first, page by page; read one by opening it, or all at once. */
export function NotificationsPage() {
  const { user, loading } = useAuth();
  const { t } = useI18n();
  const text = useNotificationText();
  const markRead = useMarkRead(user);
  const pages = useInfiniteQuery({
    queryKey: [...notificationsKey(user?.id ?? null), 'pages'],
    queryFn: ({ pageParam, signal }) => call('myNotifications', { query: { limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }, signal }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: !!user,
  });
  if (loading) return <Spinner />;
  if (!user) {
    return (
      <div className="container narrow">
        <h1>{t('alerts.title')}</h1>
        <p><Link className="btn btn-primary" to="/login">{t('nav.login')}</Link></p>
      </div>
    );
  }
  const items: NotificationView[] = pages.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = pages.data?.pages[0]?.unread ?? 0;
  return (
    <div className="container narrow">
      <div className="alerts-head">
        <h1>{t('alerts.title')}</h1>
        <button type="button" className="btn btn-ghost btn-small" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })} data-testid="mark-all-read">
          {t('alerts.markAllRead')}
        </button>
      </div>
      {pages.isPending && <Spinner />}
      {pages.isError && <Alert tone="error">{t('alerts.loadFailed')}</Alert>}
      {pages.data && items.length === 0 && <p className="muted">{t('alerts.empty')}</p>}
      <ul className="alerts-list" data-testid="notifications-list">
        {items.map((n) => {
          const { title, body } = text(n);
          return (
            <li key={n.id} className={`alerts-item${n.readAt ? '' : ' alerts-item-unread'}`} data-testid="notification-item" data-kind={n.kind}>
              <strong>{title}{n.readAt ? '' : <span className="visually-hidden"> ({t('alerts.unread')})</span>}</strong>
              <p>{body}</p>
              <span className="muted small">{formatDateTime(n.createdAt)}</span>
              {n.lotId && (
                <Link to={`/lots/${n.lotId}`} onClick={() => { if (!n.readAt) markRead.mutate({ ids: [n.id] }); }}>{t('alerts.openLot')}</Link>
              )}
            </li>
          );
        })}
      </ul>
      {pages.hasNextPage && (
        <p><button type="button" className="btn btn-ghost" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>{t('alerts.more')}</button></p>
      )}
    </div>
  );
}
