import type { Db } from '../../platform/db/index';
import { verifyChains, type ChainBreak, type VerifyResult } from './audit.service';
import { reconcileBooks, type BooksResult } from './books';

export interface AuditReportLine {
  /** `error` for a break or mismatch and its summary, `ok` for a section that verifies. */
  level: 'ok' | 'error';
  text: string;
}

export interface AuditReport {
  chains: VerifyResult;
  books: BooksResult;
  /** What `npm run audit:verify` prints, in order. */
  lines: AuditReportLine[];
  /** 0 when every chain verifies and the books reconcile, else 1. */
  exitCode: 0 | 1;
}

const noun: Record<ChainBreak['chain'], string> = { bids: 'bid', audit: 'audit entry', valuation: 'valuation record entry' };

/**
 * The whole audit over `db`: every lot's bid and audit chains and every asset's valuation record chain
 * (verifyChains), then the books (reconcileBooks). Returns the findings, the report `npm run audit:verify`
 * prints, and the exit code it ends with.
 */
export async function auditVerify(db: Db): Promise<AuditReport> {
  const lines: AuditReportLine[] = [];
  const error = (text: string) => lines.push({ level: 'error', text });
  const ok = (text: string) => lines.push({ level: 'ok', text });

  const chains = await verifyChains(db);
  if (chains.breaks.length) {
    for (const b of chains.breaks) error(`BROKEN: ${b.subject} ${b.subjectId}, ${noun[b.chain]} #${b.seq}: ${b.problem}.`);
    const subjects = new Set(chains.breaks.map((b) => `${b.subject} ${b.subjectId}`)).size;
    error(`${chains.breaks.length} broken record(s) in ${subjects} chain owner(s); ${chains.entriesChecked} records checked.`);
  } else {
    ok(`OK: ${chains.lotsChecked} lots, ${chains.assetsChecked} assets, ${chains.entriesChecked} records; every chain verifies.`);
  }

  const books = await reconcileBooks(db);
  if (books.problems.length) {
    for (const p of books.problems) error(`BOOKS: ${p.subject} ${p.subjectId}: ${p.problem}.`);
    error(`${books.problems.length} mismatch(es) between the ledger and the deposits and refunds it accounts for.`);
  } else {
    ok(`OK: books reconcile (${books.registrationsChecked} deposits, ${books.refundPayeesChecked} refund payees).`);
  }

  const exitCode = chains.breaks.length || books.problems.length ? 1 : 0;
  return { chains, books, lines, exitCode };
}
