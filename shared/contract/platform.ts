/** The platform's own endpoints: liveness, the server clock, and the test clock. */
import { z } from 'zod';
import { isoTime } from './common';

export const clockAdvanceBody = z.strictObject({ ms: z.number().int().min(0).max(400 * 24 * 60 * 60 * 1000) });
export const health = z.strictObject({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) });
export const clockView = z.strictObject({ now: isoTime });
/** The OpenAPI document itself; its shape is OpenAPI 3.1's. */
export const openApiDocumentView = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });
