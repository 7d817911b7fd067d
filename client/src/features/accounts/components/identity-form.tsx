import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { identityBody, type UserView } from '../../../../../shared/api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { setMe, verifyIdentity } from '../api';

/** A resident identity card number has 18 characters; the last may be an X, written in capitals. */
const ID_NUMBER_LENGTH = 18;
const identityForm = identityBody.extend({
  idNumber: identityBody.shape.idNumber.toUpperCase().refine((s) => s.length === ID_NUMBER_LENGTH),
});

/** The bidder's real-name check; once passed, the name it was passed under. */
export function IdentitySection({ user }: { user: UserView }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [justVerified, setJustVerified] = useState(false);
  const form = useZodForm(identityForm, { realName: '', idNumber: '' });
  const verify = useApiMutation(verifyIdentity, {
    onSuccess: (res) => {
      setJustVerified(true);
      setMe(queryClient, res.user);
    },
  });

  if (user.identityVerified) {
    return (
      <div className="identity-ok">
        <Alert tone="success" title={t('id.verified')}>
          {t('id.verifiedAs', { name: user.realName ?? user.name })}
          {justVerified && <> {t('id.nowRegister')}</>}
        </Alert>
      </div>
    );
  }
  const typed = form.watch('idNumber').trim().length;
  return (
    <form className="form identity-form" onSubmit={form.handleSubmit((body) => verify.mutate(body))} noValidate aria-labelledby="id-title">
      <h3 id="id-title">{t('id.title')}</h3>
      <p className="small muted">{t('id.intro')}</p>
      <Field form={form} name="realName" id="id-name" label={t('id.realName')}>
        {(p) => <input {...p} autoComplete="name" maxLength={50} />}
      </Field>
      <Field form={form} name="idNumber" id="id-number" label={t('id.number')} hint={t('id.hint')} invalid={t('id.lengthWrong', { n: typed })}>
        {(p) => <input {...p} className="mono" inputMode="text" autoComplete="off" maxLength={ID_NUMBER_LENGTH} />}
      </Field>
      {verify.errorMessage && <Alert tone="error">{verify.errorMessage}</Alert>}
      <SubmitButton form={form} required={{ realName: t('id.realName'), idNumber: t('id.number') }} pending={verify.isPending} pendingLabel={t('id.busy')}>
        {t('id.submit')}
      </SubmitButton>
    </form>
  );
}
