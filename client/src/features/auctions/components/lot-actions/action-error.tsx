import { ApiError } from '../../../../api';
import { errorText, violationsOf } from '../../../../error-text';
import { useI18n } from '../../../../i18n';
import { ruleText } from '../../../../rule-text';
import { Alert } from '../../../../ui/alert';

/** An error in the reader's language: the rule texts when the server names rules, else the coded message. */
export function ActionError({ error, overrides, fix, title }: { error: unknown; overrides?: Partial<Record<string, string>>; fix?: string; title?: string }) {
  const { t, lang } = useI18n();
  const violations = error instanceof ApiError ? violationsOf(error) : [];
  return (
    <Alert tone="error" title={title ?? t('control.refused')} testId="action-error">
      {violations.length > 0 ? (
        <ul className="rule-list">{violations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}</ul>
      ) : errorText(error, t, lang, overrides)}
      {fix && <p className="small">{fix}</p>}
    </Alert>
  );
}
