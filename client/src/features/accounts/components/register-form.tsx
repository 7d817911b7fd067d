import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { registerBody } from '../../../../../shared/api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { logIn, registerAccount } from '../api';

/** The server's schema, with the email trimmed first: a stray space from pasting is not a typing error. */
const registerForm = registerBody.extend({ email: z.string().trim().pipe(registerBody.shape.email) });
type RegisterInput = z.output<typeof registerForm>;

/** Creates the account and signs in with it, in one step for the reader. */
export function RegisterForm({ onRegistered }: { onRegistered(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'register' | 'login'>('register');
  const form = useZodForm(registerForm, { name: '', email: '', password: '' });
  const register = useApiMutation(async (body: RegisterInput) => {
    setStep('register');
    await registerAccount(body);
    setStep('login');
    return logIn(queryClient, body.email, body.password);
  }, {
    onSuccess: onRegistered,
    // Registering answers alike for a new and a taken email; a taken one shows only here, as a failed login.
    overrides: step === 'login' ? { UNAUTHENTICATED: t('register.loginFailed') } : {},
  });
  const labels = { name: t('register.name'), email: t('login.email'), password: t('login.password') };
  return (
    <form onSubmit={form.handleSubmit((body) => register.mutate(body))} className="form" noValidate>
      <Field form={form} name="name" id="reg-name" label={labels.name}>
        {(p) => <input {...p} autoComplete="name" required maxLength={100} />}
      </Field>
      <Field form={form} name="email" id="reg-email" label={labels.email}>
        {(p) => <input {...p} type="email" autoComplete="email" required />}
      </Field>
      <Field form={form} name="password" id="reg-password" label={labels.password} hint={t('register.passwordHint')} invalid={t('register.passwordHint')}>
        {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={8} />}
      </Field>
      {register.errorMessage && <Alert tone="error">{register.errorMessage}</Alert>}
      <SubmitButton
        form={form}
        required={labels}
        pending={register.isPending}
        pendingLabel={step === 'register' ? t('register.busy') : t('login.busy')}
        className="btn btn-primary btn-block"
      >
        {t('register.submit')}
      </SubmitButton>
    </form>
  );
}
