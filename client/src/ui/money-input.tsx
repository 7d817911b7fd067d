/** A money field: "¥" before it, the amount read back in full (and in 万/亿 in Chinese) below it. */
import { useWatch, type FieldPath, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { positiveMoneyString } from '../../../shared/api';
import { formatWanYi, formatYuan, isMoneyString } from '../../../shared/money';
import { useI18n } from '../i18n';
import { Field } from './form';

/** Clerks paste amounts as printed ("¥3,200,000.00"); the symbol and separators are not part of the number. */
export const cleanMoney = (raw: string) => raw.replace(/[¥,，\s]/g, '');
export const typedMoney = z.string().transform(cleanMoney).pipe(positiveMoneyString);

export function MoneyInput<V extends FieldValues, O, N extends FieldPath<V>>({ form, name, id, label, testId, wan = false, hintId }: {
  form: UseFormReturn<V, unknown, O>;
  name: N;
  id: string;
  label: string;
  testId?: string;
  wan?: boolean;
  hintId?: string;
}) {
  const { t, lang } = useI18n();
  const clean = cleanMoney(String(useWatch({ control: form.control, name }) ?? ''));
  const valid = clean !== '' && isMoneyString(clean);
  const inWan = wan && lang === 'zh' && valid ? formatWanYi(clean) : null;
  const preview = valid ? `${formatYuan(clean)}${inWan ? `（${inWan}）` : ''}` : undefined;
  return (
    <Field form={form} name={name} id={id} label={label} hint={preview} hintId={hintId} invalid={t('court.moneyInvalid')}>
      {(p) => (
        <div className="input-money">
          <span className="input-prefix" aria-hidden="true">¥</span>
          <input {...p} data-testid={testId} inputMode="decimal" />
        </div>
      )}
    </Field>
  );
}
