/**
 * Simplified Chinese and English. Every string on screen comes from a message catalogue; the choice is
 * kept in localStorage. Messages are ICU MessageFormat (plurals, numbers, dates), see locales/store.ts.
 *
 * The entry holds only the Chinese app-shell catalogue. English, and every feature's catalogues, are
 * chunks of their own: a route's loader fetches its features' catalogues with its page (withMessages),
 * and loadInitialLanguage fetches English before the first render when English is the initial language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Lang, MessageKey, Module } from './locales/catalogues';
import {
  isKnownKey, loadLanguage, loadModules, setUiLang, storeVersion, subscribe, translate, uiLang, type Params,
} from './locales/store';

export type { Lang, MessageKey, Module };

export const LANGS: Lang[] = ['zh', 'en'];
export type T = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'lang';

/**
 * A route's loader that also fetches the feature catalogues its page shows, so the page renders with
 * its words (one Suspense fallback for both): lazy(withMessages(['bidding'], () => import('./pages/x'))).
 */
export function withMessages<M>(modules: readonly Module[], load: () => Promise<M>): () => Promise<M> {
  return () => Promise.all([load(), loadModules(modules)]).then(([m]) => m);
}

/** Fetches the stored or browser language's shell catalogue; main.tsx waits for it so the first paint is in that language. */
export function loadInitialLanguage(): Promise<void> {
  const lang = initialLang();
  return loadLanguage(lang).then(() => setUiLang(lang), (err: unknown) => {
    console.error('language dictionary failed to load; showing Chinese', err);
  });
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage blocked: fall through
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

interface I18nValue { lang: Lang; setLang(lang: Lang): void; t: T }
const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // uiLang() is the initial language once its catalogue is here (loadInitialLanguage), else Chinese.
  const [lang, setLangState] = useState<Lang>(uiLang);
  // Re-render when a catalogue arrives.
  const version = useSyncExternalStore(subscribe, storeVersion);
  const setLang = useCallback((l: Lang) => {
    // Everything on screen is fetched in the new language before switching, so no key shows bare.
    loadLanguage(l).then(() => {
      setUiLang(l);
      setLangState(l);
      try {
        localStorage.setItem(STORAGE_KEY, l);
      } catch {
        // not persisted; still switched
      }
    }, (err: unknown) => {
      console.error('language dictionary failed to load', err);
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '司法拍卖' : 'Judicial Auctions';
  }, [lang]);
  // A new t when a catalogue arrives (version), so components that memoise on t re-render with its words.
  const t = useCallback<T>((key, params) => translate(lang, key, params), [lang, version]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

function lookup(t: T, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isKnownKey(key) ? t(key as MessageKey) : value;
}

export const kindLabel = (t: T, kind: string) => lookup(t, 'kind', kind);
export const methodLabel = (t: T, method: string) => lookup(t, 'method', method);
/** A method named inside a sentence ("try negotiation or targeted inquiry first"). */
export const methodInline = (t: T, method: string) => lookup(t, 'methodIn', method);
export const roundLabel = (t: T, round: 1 | 2 | 'sell_off') => lookup(t, 'round', String(round));
export const accountLabel = (t: T, account: string) => lookup(t, 'account', account);
