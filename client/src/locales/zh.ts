import type { shell as en } from './en';
import { app } from './zh/app';
import { errors } from './zh/errors';
import { forms } from './zh/forms';

/** Simplified Chinese app-shell messages, the default language: the only catalogue in the entry chunk. */
export const shell: Record<keyof typeof en, string> = { ...app, ...errors, ...forms };
