/**
 * The tabs of one browser share one session cookie: when one logs out, or logs in as someone else, the
 * others must drop what they show of the old session at once. Each change is announced on a
 * BroadcastChannel (every browser the client is built for has one); a socket that hears `session:ended`
 * from the server announces it here too.
 */
type Listener = (userId: string | null) => void;

const listeners = new Set<Listener>();
const deliver = (userId: string | null) => {
  for (const l of [...listeners]) l(userId);
};

const channel = new BroadcastChannel('auction-session');
channel.onmessage = (e: MessageEvent<{ userId?: unknown }>) => {
  const userId = e.data?.userId;
  if (userId === null || typeof userId === 'string') deliver(userId);
};

/** This tab logged out (null) or in (the user's id): the other tabs hear it. */
export function announceSession(userId: string | null): void {
  channel.postMessage({ userId });
}

/** The server ended this tab's session (its socket heard `session:ended`): this tab hears it as if another tab had logged out. */
export function sessionEndedHere(): void {
  deliver(null);
}

/** Calls `listener` when another tab (or this tab's socket) reports a new session owner; returns the unsubscribe. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
