import type { MessageKey } from './en';
import { app } from './zh/app';
import { account } from './zh/account';
import { bidding } from './zh/bidding';
import { court } from './zh/court';
import { valuation } from './zh/valuation';
import { finance } from './zh/finance';
import { errors } from './zh/errors';

/** Simplified Chinese, the default language, one catalogue per feature: part of the entry chunk. */
export const zh: Record<MessageKey, string> = { ...app, ...account, ...bidding, ...court, ...valuation, ...finance, ...errors };
