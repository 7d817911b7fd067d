/**
 * Simplified Chinese and English. Every string on screen comes from here; the choice is kept in
 * localStorage. Interpolation: "{name}" is replaced by params.name.
 *
 * Chinese, the default, is bundled with the entry; English is fetched as its own chunk the first time
 * it is needed (before the first render when it is the initial language, see loadInitialLanguage).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './locales/en';
import { zh } from './locales/zh';

export type { MessageKey };

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

type Dictionary = Record<MessageKey, string>;
const dictionaries: Partial<Record<Lang, Dictionary>> = { zh };
const STORAGE_KEY = 'lang';

function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return Promise.resolve();
  return import('./locales/en').then((m) => {
    dictionaries.en = m.en;
  });
}

/** Fetches the stored or browser language's dictionary; main.tsx waits for it so the first paint is in that language. */
export function loadInitialLanguage(): Promise<void> {
  return loadLanguage(initialLang()).catch((err: unknown) => {
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
  // A language whose dictionary could not be fetched falls back to the bundled one.
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    return dictionaries[l] ? l : 'zh';
  });
  const setLang = useCallback((l: Lang) => {
    loadLanguage(l).then(() => {
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
  const t = useCallback<T>((key, params) => {
    const template = dictionaries[lang]?.[key] ?? zh[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  }, [lang]);
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
  return key in zh ? t(key as MessageKey) : value;
}

export const kindLabel = (t: T, kind: string) => lookup(t, 'kind', kind);
export const methodLabel = (t: T, method: string) => lookup(t, 'method', method);
/** A method named inside a sentence ("try negotiation or targeted inquiry first"). */
export const methodInline = (t: T, method: string) => lookup(t, 'methodIn', method);
export const roundLabel = (t: T, round: 1 | 2 | 'sell_off') => lookup(t, 'round', String(round));
export const accountLabel = (t: T, account: string) => lookup(t, 'account', account);
