/** The last five minutes of a lot, when every bid extends its end (A20): an outbid alert then says so. */
export const LAST_MINUTES_MS = 5 * 60_000;
/** The winner is reminded this long before the balance falls due, if it is still unpaid (A25's deadline). */
export const BALANCE_REMINDER_BEFORE_MS = 24 * 60 * 60_000;
