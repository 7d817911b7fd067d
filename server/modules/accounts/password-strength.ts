import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { DomainError } from '../../platform/errors';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an online attack with throttling, which is ours. */
const MIN_SCORE = 3;
/** The estimate grows with length; a strong prefix makes the whole strong, so long inputs are cut here. */
const MAX_CHECKED_LENGTH = 100;

let factory: ZxcvbnFactory | null = null;
// Built on first use: loading the dictionaries takes about half a second.
const zxcvbn = () => (factory ??= new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
}));

/** Refuses common and easily guessed passwords, including ones built from the person's email or name. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3);
  const result = zxcvbn().check(password.slice(0, MAX_CHECKED_LENGTH), inputs);
  if (result.score >= MIN_SCORE) return;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new DomainError(400, 'VALIDATION_FAILED', `This password is too easy to guess. ${hint || 'Use a longer phrase of unrelated words.'}`.trim(), {
    reason: 'PASSWORD_TOO_WEAK',
    score: result.score,
    fields: [{ path: 'password', message: hint || 'too easy to guess' }],
  });
}
