/**
 * The loaded catalogues and the formatter cache, outside React so that plain modules (format.ts) can
 * read the UI language too. Messages are ICU MessageFormat, formatted by FormatJS's intl-messageformat:
 * "{n, plural, one {# bid} other {# bids}}", "{amount, number}", "{at, date, medium}".
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { shell as zhShell } from './zh';
import {
  loadEnglishShell, moduleOfKey, MODULE_LOADERS, MODULES,
  type Catalogue, type Lang, type MessageKey, type Module,
} from './catalogues';

export type Params = Record<string, string | number | Date>;

/** BCP 47 locale of each UI language, for Intl formatters. */
export const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

const dictionaries: Record<Lang, Catalogue> = { zh: { ...zhShell }, en: {} };
const loaded: Record<Lang, Set<Module | 'shell'>> = { zh: new Set(['shell']), en: new Set() };
const inFlight = new Map<string, Promise<void>>();
/** Modules some screen asked for; switching language fetches them all in the new language first. */
const wanted = new Set<Module>();
const formatters = new Map<string, IntlMessageFormat | null>();
const listeners = new Set<() => void>();
let version = 0;
let current: Lang = 'zh';

export const uiLang = (): Lang => current;
export const setUiLang = (lang: Lang) => {
  current = lang;
  notify();
};

export const storeVersion = () => version;
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function notify() {
  version++;
  for (const l of listeners) l();
}

function loadPart(lang: Lang, part: Module | 'shell'): Promise<void> {
  if (loaded[lang].has(part)) return Promise.resolve();
  const id = `${lang}:${part}`;
  let p = inFlight.get(id);
  if (!p) {
    const loader = part === 'shell' ? loadEnglishShell : MODULE_LOADERS[part][lang];
    p = loader().then((messages) => {
      Object.assign(dictionaries[lang], messages);
      loaded[lang].add(part);
      notify();
    }).finally(() => inFlight.delete(id));
    inFlight.set(id, p);
  }
  return p;
}

/** Fetches the shell and every module screens have asked for, in one language. */
export function loadLanguage(lang: Lang): Promise<void> {
  return Promise.all([loadPart(lang, 'shell'), ...[...wanted].map((m) => loadPart(lang, m))]).then(() => undefined);
}

/** Fetches feature catalogues in the current language (and remembers them for a language switch). */
export function loadModules(modules: readonly Module[]): Promise<void> {
  for (const m of modules) wanted.add(m);
  return Promise.all(modules.map((m) => loadPart(current, m))).then(() => undefined);
}

export const isModule = (m: string): m is Module => (MODULES as string[]).includes(m);

/** True when the key is in a loaded catalogue, or belongs to a module that translate() will fetch. */
export function isKnownKey(key: string): boolean {
  if (key in dictionaries[current] || key in dictionaries.zh) return true;
  const mod = moduleOfKey(key);
  return mod !== undefined && !loaded[current].has(mod);
}

function formatter(lang: Lang, key: string, template: string): IntlMessageFormat | null {
  const id = `${lang}\u0000${key}`;
  let f = formatters.get(id);
  if (f === undefined) {
    try {
      f = new IntlMessageFormat(template, LOCALES[lang]);
    } catch (err) {
      console.error(`message ${key} (${lang}) does not parse`, err);
      f = null;
    }
    formatters.set(id, f);
  }
  return f;
}

/**
 * The message in the language, formatted with params. A key of a module not yet fetched starts the
 * fetch and shows the key until it arrives (the store's listeners then re-render).
 */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  let useLang = lang;
  let template = dictionaries[lang][key];
  if (template === undefined) {
    const mod = moduleOfKey(key);
    if (mod && !loaded[lang].has(mod)) {
      loadModules([mod]).catch((err: unknown) => console.error(`messages of ${mod} failed to load`, err));
    }
    template = dictionaries.zh[key];
    useLang = 'zh';
    if (template === undefined) return key;
  }
  const f = formatter(useLang, key, template);
  if (!f) return template;
  try {
    const out = f.format(params);
    return Array.isArray(out) ? out.join('') : String(out);
  } catch (err) {
    console.error(`message ${key} (${useLang}) could not be formatted`, err);
    return template;
  }
}
