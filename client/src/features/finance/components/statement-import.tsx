import { useId, useState } from 'react';
import { STATEMENT_FIELDS, STATEMENT_PROBLEM_CODES, type StatementProblem } from '../../../../../shared/contract/money';
import { ApiError } from '../../../api';
import { useI18n, type MessageKey } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation } from '../../../ui/form';
import { Money } from '../../../ui/money';
import { TableHead } from '../../../ui/table-head';
import { financeKeys, importStatement, type StatementImport } from '../api';
import { LotLink } from './lot-link';

type Decision = StatementImport['decisions'][number];
type Tone = 'matched' | 'queued' | 'ignored';

const TONE: Record<Decision['outcome'], Tone> = {
  deposit: 'matched', balance: 'matched', overpaid: 'matched',
  underpaid: 'queued', balance_overpaid: 'queued', unknown_reference: 'queued', already_settled: 'queued', lot_closed: 'queued',
  duplicate: 'ignored',
};

const HEADER = 'value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id';

/**
 * A bank statement (api.md's CSV) chosen as a file or pasted. Preview decides every line and applies
 * nothing; Apply sends the very text that was previewed, and the file is applied whole or not at all.
 */
export function StatementImportCard() {
  const { t } = useI18n();
  const ids = { text: useId(), file: useId() };
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<{ text: string; result: StatementImport } | null>(null);
  const [applied, setApplied] = useState<StatementImport | null>(null);
  const preview = useApiMutation((csv: string) => importStatement(csv, true), {
    onSuccess: (result, csv) => { setPreviewed({ text: csv, result }); setApplied(null); },
  });
  const apply = useApiMutation((csv: string) => importStatement(csv, false), {
    invalidate: [financeKeys.all],
    onSuccess: (result) => { setApplied(result); setPreviewed(null); setText(''); setFileName(null); },
  });
  const current = previewed && previewed.text === text ? previewed.result : null;
  const change = (value: string) => {
    setText(value);
    setApplied(null);
    preview.reset();
    apply.reset();
  };

  return (
    <section className="card" aria-labelledby="stmt-title" data-testid="statement-import">
      <h2 id="stmt-title">{t('finance.stmt.title')}</h2>
      <p className="small muted">{t('finance.stmt.intro')}</p>
      <div className="field">
        <label htmlFor={ids.file}>{t('finance.stmt.file')}</label>
        <input
          id={ids.file} type="file" accept=".csv,text/csv,text/plain" data-testid="statement-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file.text().then((s) => { change(s); setFileName(file.name); });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.text}>{fileName ? t('finance.stmt.textOf', { name: fileName }) : t('finance.stmt.paste')}</label>
        <textarea
          id={ids.text} className="mono stmt-text" rows={6} spellCheck={false} value={text} placeholder={HEADER}
          data-testid="statement-text" aria-describedby={`${ids.text}-hint`}
          onChange={(e) => { change(e.target.value); setFileName(null); }}
        />
        <span id={`${ids.text}-hint`} className="hint stmt-columns">{t('finance.stmt.columns', { header: HEADER })}</span>
      </div>
      <div className="btn-row">
        <button type="button" className="btn btn-light" data-testid="statement-preview" disabled={text.trim() === '' || preview.isPending} onClick={() => preview.mutate(text)}>
          {preview.isPending ? t('finance.stmt.previewing') : t('finance.stmt.preview')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="statement-apply" disabled={!current || apply.isPending || current.lines === current.duplicates} onClick={() => apply.mutate(text)}>
          {apply.isPending ? t('finance.stmt.applying') : t('finance.stmt.apply', { n: current ? current.lines - current.duplicates : 0 })}
        </button>
      </div>
      {!current && !applied && text.trim() !== '' && !preview.isPending && <p className="small muted">{t('finance.stmt.previewFirst')}</p>}
      <LineErrors error={preview.error ?? apply.error} message={preview.errorMessage ?? apply.errorMessage} />
      {current && <Decisions result={current} applied={false} />}
      {applied && <Decisions result={applied} applied />}
    </section>
  );
}

type LineError = { line?: unknown; message?: unknown; problems?: unknown };

/** A problem's code and parameters in the reader's language; the server's English only for a code this client does not know. */
function useProblemText() {
  const { t } = useI18n();
  return (l: LineError): string => {
    const problems = Array.isArray(l.problems) ? (l.problems as StatementProblem[]) : [];
    const known = problems.length > 0 && problems.every((p) => (STATEMENT_PROBLEM_CODES as readonly string[]).includes(p.code));
    if (!known) return String(l.message ?? '');
    return problems.map((p) => t(`finance.stmt.problem.${p.code}` as MessageKey, {
      ...p.params,
      field: p.field && (STATEMENT_FIELDS as readonly string[]).includes(p.field) ? t(`finance.stmt.field.${p.field}` as MessageKey) : '',
    })).join(' ');
  };
}

/** STATEMENT_INVALID names each bad line: list them so the clerk can fix the file. */
function LineErrors({ error, message }: { error: unknown; message: string | null }) {
  const { t } = useI18n();
  const problemText = useProblemText();
  if (!message) return null;
  const lines = error instanceof ApiError && Array.isArray(error.details.errors) ? (error.details.errors as LineError[]) : [];
  return (
    <Alert tone="error" testId="statement-error">
      {message}
      {lines.length > 0 && (
        <ul className="plain-list small">
          {lines.slice(0, 20).map((l, i) => <li key={i}>{t('finance.stmt.lineError', { line: String(l.line ?? '?'), message: problemText(l) })}</li>)}
          {lines.length > 20 && <li>{t('finance.stmt.moreErrors', { n: lines.length - 20 })}</li>}
        </ul>
      )}
    </Alert>
  );
}

function Decisions({ result, applied }: { result: StatementImport; applied: boolean }) {
  const { t } = useI18n();
  return (
    <div className="stmt-result" data-testid={applied ? 'statement-applied' : 'statement-preview-result'}>
      {applied
        ? <Alert tone="success" title={t('finance.stmt.appliedTitle')}>{t('finance.stmt.summary', { lines: result.lines, matched: result.matched, unmatched: result.unmatched, duplicates: result.duplicates })}</Alert>
        : <Alert tone="info" title={t('finance.stmt.previewTitle')}>{t('finance.stmt.summary', { lines: result.lines, matched: result.matched, unmatched: result.unmatched, duplicates: result.duplicates })} {t('finance.stmt.nothingYet')}</Alert>}
      <div className="table-wrap">
        <table className="table stmt-table table-cards">
          <TableHead columns={[t('finance.stmt.line'), t('finance.stmt.payer'), t('finance.reference'), { label: t('pay.amount'), num: true }, t('finance.stmt.decision')]} />
          <tbody>
            {result.decisions.map((d) => (
              <tr key={d.line} className={`stmt-${TONE[d.outcome]}`} data-testid="statement-decision" data-outcome={d.outcome}>
                <td className="mono" data-label={t('finance.stmt.line')}>{d.line}<span className="block small muted">{d.bankTxnId}</span></td>
                <td data-label={t('finance.stmt.payer')}>{d.payerName}</td>
                <td className="mono" data-label={t('finance.reference')}>{d.reference}</td>
                <td className="num" data-label={t('pay.amount')}><Money value={d.amount} showWan={false} /></td>
                <td className="stmt-outcome" data-label={t('finance.stmt.decision')}>
                  <span className={`pill pill-stmt-${TONE[d.outcome]}`}>{t(`finance.outcome.${d.outcome}` as MessageKey)}</span>
                  {d.unmatchedReason && <span className="block small">{t(`finance.reason.${d.unmatchedReason}` as MessageKey)}</span>}
                  {d.expected && <span className="block small muted">{t('finance.stmt.expected')} <Money value={d.expected} showWan={false} />{d.difference && <> · {t('finance.stmt.difference')} <Money value={d.difference} showWan={false} /></>}</span>}
                  {d.lotId && <span className="block small"><LotLink lotId={d.lotId}>{t('finance.openLot')}</LotLink></span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
