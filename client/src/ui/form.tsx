/**
 * Form building blocks: react-hook-form validated by the same zod request schemas the server parses
 * (shared/api.ts), field errors and missing fields in the reader's language, and mutations whose
 * refusals are worded by error-text.ts.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import {
  useForm, useWatch, type DefaultValues, type FieldPath, type FieldValues, type RegisterOptions,
  type UseFormRegisterReturn, type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { errorText } from '../error-text';
import { inputLang } from '../format';
import { useI18n, type MessageKey, type T } from '../i18n';

/**
 * zod's own messages are the server's English; the form instead stores a catalogue key and its
 * parameters as the message, and Field words it. Messages a schema sets itself (refinements) stay
 * English and are replaced by the field's `invalid` text.
 */
const localIssue = (iss: { code: string; minimum?: unknown; maximum?: unknown; origin?: unknown; input?: unknown }) => {
  if (iss.input === undefined || iss.input === '' || (iss.code === 'too_small' && iss.origin === 'string' && iss.minimum === 1)) return JSON.stringify({ key: 'forms.required' });
  if (iss.code === 'too_small') return JSON.stringify({ key: iss.origin === 'string' ? 'forms.tooShort' : 'forms.tooLow', params: { n: Number(iss.minimum) } });
  if (iss.code === 'too_big') return JSON.stringify({ key: iss.origin === 'string' ? 'forms.tooLong' : 'forms.tooHigh', params: { n: Number(iss.maximum) } });
  return JSON.stringify({ key: 'forms.invalid' });
};

/** A form checked by a shared request schema; `mode: 'onChange'` so a field's error shows as it is typed. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, defaultValues: DefaultValues<z.input<S>>) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never, { error: localIssue, reportInput: true }) as never,
    defaultValues,
    mode: 'onChange',
  });
}

function messageOf(t: T, message: string | undefined, invalid: string | undefined): string {
  if (message?.startsWith('{')) {
    try {
      const { key, params } = JSON.parse(message) as { key: MessageKey; params?: Record<string, number> };
      return key === 'forms.invalid' && invalid ? invalid : t(key, params);
    } catch {
      // not one of ours: fall through
    }
  }
  return invalid ?? t('forms.invalid');
}

/** The props a control needs: its registration, id, and the hint or error it is described by. */
/** `lang` is the UI language's, so a date or number control the browser localises follows the page, not the system. */
export type ControlProps<N extends string> = UseFormRegisterReturn<N> & { id: string; lang: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/** A labelled control with its hint, replaced by its error text once the value is refused. */
export function Field<V extends FieldValues, O, N extends FieldPath<V>>({ form, name, id, label, hint, hintId, invalid, wide, className, rules, children }: {
  form: UseFormReturn<V, unknown, O>;
  name: N;
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintId?: string;
  /** The words for a value the schema refuses by its own rule (money, dates). */
  invalid?: string;
  wide?: boolean;
  className?: string;
  rules?: RegisterOptions<V, N>;
  children(control: ControlProps<N>): ReactNode;
}) {
  const { t, lang } = useI18n();
  const state = form.getFieldState(name, form.formState);
  const error = state.error ? messageOf(t, state.error.message, invalid) : null;
  const described = error !== null || hint ? hintId ?? `${id}-hint` : undefined;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ ...form.register(name, rules), id, lang: inputLang(lang), 'aria-invalid': error !== null, 'aria-describedby': described })}
      {described && <span id={described} className={`hint${error !== null ? ' hint-error' : ''}`} data-testid={error !== null ? 'field-error' : undefined}>{error ?? hint}</span>}
    </div>
  );
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The form's submit button. Disabled while sending, while the form is invalid, or while a required
 * field is empty; then it names the empty fields in a line it is described by.
 */
export function SubmitButton<V extends FieldValues, O>({ form, required, pending, blocked, className = 'btn btn-primary', testId, pendingLabel, children }: {
  form: UseFormReturn<V, unknown, O>;
  /** Required fields and their labels, in the order the form shows them. */
  required: Partial<Record<FieldPath<V>, string>>;
  pending: boolean;
  /** Another reason to hold the button, already explained on screen. */
  blocked?: boolean;
  className?: string;
  testId?: string;
  pendingLabel?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const names = Object.keys(required) as FieldPath<V>[];
  const values = useWatch({ control: form.control, name: names }) as unknown[];
  const missing = names.filter((_, i) => isBlank(values[i])).map((n) => required[n]);
  const invalid = Object.keys(form.formState.errors).length > 0;
  const disabled = pending || missing.length > 0 || invalid || !!blocked;
  return (
    <>
      <button type="submit" className={className} data-testid={testId} disabled={disabled} aria-describedby={missing.length > 0 ? id : undefined}>
        {pending ? pendingLabel ?? t('common.working') : children}
      </button>
      {missing.length > 0 && !pending && <span id={id} className="hint" data-testid="missing-fields">{t('forms.missing', { fields: missing.join(t('forms.listSeparator')) })}</span>}
    </>
  );
}

/**
 * A server write: refusals worded for the reader (`errorMessage`), and the named queries refetched
 * after success so every view of the changed resource catches up.
 */
export function useApiMutation<In, Out>(mutationFn: (input: In) => Promise<Out>, opts: {
  invalidate?: QueryKey[] | ((out: Out, input: In) => QueryKey[]);
  onSuccess?(out: Out, input: In): void;
  overrides?: Partial<Record<string, string>>;
} = {}) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const mutation = useMutation<Out, unknown, In>({
    mutationFn,
    onSuccess: async (out, input) => {
      const keys = typeof opts.invalidate === 'function' ? opts.invalidate(out, input) : opts.invalidate ?? [];
      opts.onSuccess?.(out, input);
      await Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
  const errorMessage = mutation.error === null ? null : errorText(mutation.error, t, lang, opts.overrides);
  return { ...mutation, errorMessage };
}
