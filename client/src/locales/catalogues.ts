/**
 * Where every message catalogue lives and how it is fetched. The entry holds only the Chinese app-shell
 * catalogue; English and each feature's catalogues are chunks of their own, fetched with the routes that
 * need them (see withMessages in i18n.tsx).
 */
import type { shell } from './en';
import type { messages as accounts } from '../features/accounts/messages/en';
import type { messages as auctions } from '../features/auctions/messages/en';
import type { messages as bidding } from '../features/bidding/messages/en';
import type { messages as cases } from '../features/cases/messages/en';
import type { messages as valuation } from '../features/valuation/messages/en';
import type { messages as finance } from '../features/finance/messages/en';
import type { messages as audit } from '../features/audit/messages/en';
import type { messages as stats } from '../features/stats/messages/en';
import type { messages as results } from '../features/results/messages/en';

export type Lang = 'zh' | 'en';

/** Every message key, from the English catalogues: a key missing there is a compile error where it is used. */
export type MessageKey =
  | keyof typeof shell | keyof typeof accounts | keyof typeof auctions | keyof typeof bidding
  | keyof typeof cases | keyof typeof valuation | keyof typeof finance | keyof typeof audit
  | keyof typeof stats | keyof typeof results;

export type Module = 'accounts' | 'auctions' | 'bidding' | 'cases' | 'valuation' | 'finance' | 'audit' | 'stats' | 'results';
export const MODULES: Module[] = ['accounts', 'auctions', 'bidding', 'cases', 'valuation', 'finance', 'audit', 'stats', 'results'];

export type Catalogue = Record<string, string>;
type Loader = () => Promise<Catalogue>;

/** Literal import() calls, one per file, so the bundler makes each catalogue its own chunk. */
export const MODULE_LOADERS: Record<Module, Record<Lang, Loader>> = {
  accounts: {
    en: () => import('../features/accounts/messages/en').then((m) => m.messages),
    zh: () => import('../features/accounts/messages/zh').then((m) => m.messages),
  },
  auctions: {
    en: () => import('../features/auctions/messages/en').then((m) => m.messages),
    zh: () => import('../features/auctions/messages/zh').then((m) => m.messages),
  },
  bidding: {
    en: () => import('../features/bidding/messages/en').then((m) => m.messages),
    zh: () => import('../features/bidding/messages/zh').then((m) => m.messages),
  },
  cases: {
    en: () => import('../features/cases/messages/en').then((m) => m.messages),
    zh: () => import('../features/cases/messages/zh').then((m) => m.messages),
  },
  valuation: {
    en: () => import('../features/valuation/messages/en').then((m) => m.messages),
    zh: () => import('../features/valuation/messages/zh').then((m) => m.messages),
  },
  finance: {
    en: () => import('../features/finance/messages/en').then((m) => m.messages),
    zh: () => import('../features/finance/messages/zh').then((m) => m.messages),
  },
  audit: {
    en: () => import('../features/audit/messages/en').then((m) => m.messages),
    zh: () => import('../features/audit/messages/zh').then((m) => m.messages),
  },
  stats: {
    en: () => import('../features/stats/messages/en').then((m) => m.messages),
    zh: () => import('../features/stats/messages/zh').then((m) => m.messages),
  },
  results: {
    en: () => import('../features/results/messages/en').then((m) => m.messages),
    zh: () => import('../features/results/messages/zh').then((m) => m.messages),
  },
};

export const loadEnglishShell: Loader = () => import('./en').then((m) => m.shell);

/**
 * The module owning each key prefix ("vd.live" belongs to valuation). A key whose catalogue a route did
 * not ask for is still found: its module is fetched and the screen re-renders. Shell prefixes are absent.
 */
export const PREFIX_MODULE: Record<string, Module> = {
  me: 'accounts', id: 'accounts', check: 'accounts', register: 'accounts', login: 'accounts', account: 'accounts',
  lot: 'auctions', selloff: 'auctions', notice: 'auctions', control: 'auctions', lotForm: 'auctions',
  bound: 'auctions', disclosure: 'auctions', actionHint: 'auctions', actionBtn: 'auctions', action: 'auctions', actionReason: 'auctions',
  bidlog: 'bidding', bid: 'bidding', room: 'bidding', reg: 'bidding', deposit: 'bidding', buyer: 'bidding',
  pay: 'bidding', depositState: 'bidding',
  court: 'cases', asset: 'cases', pres: 'cases', flags: 'cases', worklist: 'cases', record: 'cases', duty: 'cases', assetKind: 'cases',
  admin: 'accounts', alerts: 'accounts', list: 'auctions',
  vd: 'valuation', valForm: 'valuation', val: 'valuation', valNext: 'valuation', valuation: 'valuation',
  quoteError: 'valuation', quote: 'valuation', methodIn: 'valuation', method: 'valuation',
  priceBasis: 'valuation', objection: 'valuation',
  finance: 'finance', balances: 'finance',
  audit: 'audit',
  stats: 'stats', results: 'results',
};

export function moduleOfKey(key: string): Module | undefined {
  const prefix = key.slice(0, key.indexOf('.'));
  return Object.hasOwn(PREFIX_MODULE, prefix) ? PREFIX_MODULE[prefix] : undefined;
}
