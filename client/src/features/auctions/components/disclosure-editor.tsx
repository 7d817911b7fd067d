/** A draft's announcement translation and disclosure, completed or corrected before publishing (A13, A14). */
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { LotView } from '../../../../../shared/api';
import { DISCLOSURE_FIELDS, translationField } from '../../../../../shared/disclosure';
import { call } from '../../../api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation, useZodForm } from '../../../ui/form';
import { controlKeys } from '../control-api';
import { typedDisclosure, type Draft } from '../lot-rules';
import { DisclosureFields } from './disclosure-fields';

const editorForm = z.object({ announcementEn: z.string(), disclosure: z.record(z.string(), z.string()) });

function valuesOf(lot: LotView) {
  const disclosure: Record<string, string> = {};
  for (const f of DISCLOSURE_FIELDS) {
    disclosure[f] = lot.disclosure[f];
    disclosure[translationField(f)] = lot.disclosure[translationField(f)] ?? '';
  }
  return { announcementEn: lot.announcementEn ?? '', disclosure };
}

export function DisclosureEditor({ lot, onSaved }: { lot: LotView; onSaved(next: LotView): void }) {
  const { t } = useI18n();
  const form = useZodForm(editorForm, valuesOf(lot));
  const typed = useWatch({ control: form.control, name: 'disclosure' });
  const save = useApiMutation((v: z.output<typeof editorForm>) => {
    // Every field is sent: an emptied translation is cleared, an emptied Chinese field is stored empty.
    const disclosure: Record<string, string | null> = {};
    for (const f of DISCLOSURE_FIELDS) {
      disclosure[f] = (v.disclosure[f] ?? '').trim();
      disclosure[translationField(f)] = (typedDisclosure(v.disclosure as Draft['disclosure'])[translationField(f)]) ?? null;
    }
    return call('updateDisclosure', { params: { id: lot.id }, body: { announcementEn: v.announcementEn.trim() || null, disclosure } });
  }, { invalidate: [controlKeys.courtList()], onSuccess: (next) => { form.reset(valuesOf(next)); onSaved(next); } });
  return (
    <section className="card control-disclosure" aria-labelledby="disclosure-edit-title" data-testid="disclosure-editor">
      <h2 id="disclosure-edit-title">{t('disclosure.editTitle')}</h2>
      <p className="small muted">{t('disclosure.editIntro')}</p>
      <form className="form" onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <DisclosureFields form={form} idPrefix={`edit-${lot.id}`} values={typed} />
        {save.error !== null && <Alert tone="error">{save.errorMessage}</Alert>}
        {save.data && !form.formState.isDirty && (
          <p className="small success-text" role="status" data-testid="disclosure-saved">{t('disclosure.saved', { count: save.data.disclosureMissing.length })}</p>
        )}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="disclosure-save">
            {save.isPending ? t('disclosure.saving') : t('disclosure.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
