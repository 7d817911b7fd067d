import { useQueryClient } from '@tanstack/react-query';
import { loginBody, type UserView } from '../../../../../shared/api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { logIn } from '../api';

export function LoginForm({ onLoggedIn }: { onLoggedIn(user: UserView): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useZodForm(loginBody, { email: '', password: '' });
  const login = useApiMutation((body: { email: string; password: string }) => logIn(queryClient, body.email.trim(), body.password), {
    onSuccess: onLoggedIn,
    overrides: { UNAUTHENTICATED: t('login.wrong') },
  });
  return (
    <form onSubmit={form.handleSubmit((body) => login.mutate(body))} className="form" noValidate>
      <Field form={form} name="email" id="login-email" label={t('login.email')}>
        {(p) => <input {...p} data-testid="login-email" type="email" autoComplete="username" required />}
      </Field>
      <Field form={form} name="password" id="login-password" label={t('login.password')}>
        {(p) => <input {...p} data-testid="login-password" type="password" autoComplete="current-password" required />}
      </Field>
      {login.errorMessage && <Alert tone="error">{login.errorMessage}</Alert>}
      <SubmitButton
        form={form}
        required={{ email: t('login.email'), password: t('login.password') }}
        pending={login.isPending}
        pendingLabel={t('login.busy')}
        className="btn btn-primary btn-block"
        testId="login-submit"
      >
        {t('login.submit')}
      </SubmitButton>
    </form>
  );
}
