import { app } from './en/app';
import { account } from './en/account';
import { bidding } from './en/bidding';
import { court } from './en/court';
import { valuation } from './en/valuation';
import { finance } from './en/finance';
import { errors } from './en/errors';

/** English messages, one catalogue per feature; the key set of this dictionary is the set of message keys. Loaded on demand. */
export const en = { ...app, ...account, ...bidding, ...court, ...valuation, ...finance, ...errors };

export type MessageKey = keyof typeof en;
