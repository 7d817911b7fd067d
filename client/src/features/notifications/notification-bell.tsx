import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { io } from 'socket.io-client';
import type { NotificationView } from '../../../../shared/api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { notificationsKey, useNotifications } from './api';
import { useNotificationText } from './notification-text';
import './notifications.css';

/**
 * The header's bell: the unread count, kept live by the user's own socket (the server pushes each alert as
 * `notification` to that user's sockets only), and the newest alert shown for a few seconds as it arrives.
 */
export function NotificationBell() {
  const { user } = useAuth();
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useNotifications(user);
  const text = useNotificationText();
  const [latest, setLatest] = useState<NotificationView | null>(null);
  const userId = user?.id ?? null;

  useEffect(() => {
    if (!userId) return;
    const socket = io('/live', { withCredentials: true, reconnectionDelay: 1000, reconnectionDelayMax: 10_000 });
    let hide: ReturnType<typeof setTimeout> | null = null;
    socket.on('notification', (n: NotificationView) => {
      void qc.invalidateQueries({ queryKey: notificationsKey(userId) });
      setLatest(n);
      if (hide) clearTimeout(hide);
      hide = setTimeout(() => setLatest(null), 8000);
    });
    // Alerts that came while the connection was down are in the list: read it again on reconnect.
    socket.io.on('reconnect', () => void qc.invalidateQueries({ queryKey: notificationsKey(userId) }));
    return () => {
      if (hide) clearTimeout(hide);
      socket.disconnect();
    };
  }, [userId, qc]);

  if (!user) return null;
  const unread = list.data?.unread ?? 0;
  const label = unread > 0 ? t('alerts.bellUnread', { n: unread }) : t('alerts.bell');
  return (
    <div className="bell-box">
      <Link to="/me/notifications" className="bell" aria-label={label} title={label} data-testid="notification-bell">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M12 3a6 6 0 0 0-6 6v3.5L4.5 16h15L18 12.5V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        </svg>
        {unread > 0 && <span className="bell-count" data-testid="notification-count">{unread > 99 ? '99+' : unread}</span>}
      </Link>
      <div className="bell-toast-region" role="status" aria-live="polite">
        {latest && (
          <Link to={latest.lotId ? `/lots/${latest.lotId}` : '/me/notifications'} className={`bell-toast bell-toast-${latest.kind}`} data-testid="notification-toast" onClick={() => setLatest(null)}>
            <strong>{text(latest).title}</strong>
            <span>{text(latest).body}</span>
          </Link>
        )}
      </div>
    </div>
  );
}
