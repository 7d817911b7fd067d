import express, { Router } from 'express';
import { idString } from '../../../shared/api';
import { matchLineBody, returnLineBody, statementQuery } from '../../../shared/contract/money';
import { DomainError } from '../../platform/errors';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import { STATEMENT_MAX_BYTES } from '../payments/bank-statement';
import type { Statements } from './statements.service';
import type { UnmatchedQueue } from './statements.queue';

/** Only this route reads text/csv, and up to a statement's size; every other route keeps the small JSON limit. */
const csvBody = express.raw({ type: 'text/csv', limit: STATEMENT_MAX_BYTES });

/** Finance's bank side: statement import and the queue of lines that matched nothing. */
export function statementsRoutes(statements: Statements, queue: UnmatchedQueue): Router {
  const r = Router();
  r.post('/finance/statements', csvBody, async (req, res) => {
    const user = requireRole(req, 'finance');
    const query = parse(statementQuery, req.query, 'query');
    if (!Buffer.isBuffer(req.body)) {
      if (req.is('text/csv') === false && req.headers['content-type']) {
        throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the statement as text/csv (header value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id).');
      }
      throw new DomainError(400, 'BAD_REQUEST', 'The request has no statement: send the CSV file as a text/csv body.');
    }
    res.json(await statements.importStatement(req.body, { preview: query.preview === '1', by: user.id }));
  });
  r.get('/finance/unmatched', async (req, res) => {
    requireRole(req, 'finance');
    res.json({ lines: await queue.list() });
  });
  r.post('/finance/unmatched/:id/match', async (req, res) => {
    const user = requireRole(req, 'finance');
    const id = parse(idString, req.params.id, 'line id');
    const body = parse(matchLineBody, req.body);
    const target = 'registrationId' in body ? { registrationId: body.registrationId } : { lotId: body.lotId };
    res.json(await queue.match(id, target, body.note, user.id));
  });
  r.post('/finance/unmatched/:id/return', async (req, res) => {
    const user = requireRole(req, 'finance');
    const id = parse(idString, req.params.id, 'line id');
    const body = parse(returnLineBody, req.body);
    res.json(await queue.returnLine(id, body.note, user.id));
  });
  return r;
}
