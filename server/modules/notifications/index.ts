/** Watching and alerts: what other modules call. Alerts are written in the caller's transaction (notify.ts). */
export { notifyBalanceReminders, notifyDepositsHeld, notifyLotsStarted, notifyLotWon, notifyRefundSent } from './notify';
export { createNotifications, type Notifications, type UserPush } from './notifications.service';
export { notificationsRoutes } from './notifications.routes';
