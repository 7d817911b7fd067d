/** A lot's structured disclosure (A13, A14) as the contract carries it: shared/disclosure.ts names the fields. */
import { z } from 'zod';
import { DISCLOSURE_FIELDS, DISCLOSURE_MAX_CHARS, type DisclosureField, type DisclosureTranslationField } from '../disclosure';

const text = z.string().trim().max(DISCLOSURE_MAX_CHARS);
/** A translation: empty or null clears it. */
const translation = z.string().trim().max(DISCLOSURE_MAX_CHARS).nullable();

const inputShape = Object.fromEntries(DISCLOSURE_FIELDS.flatMap((f) => [[f, text.optional()], [`${f}En`, translation.optional()]])) as
  Record<DisclosureField, z.ZodOptional<typeof text>> & Record<DisclosureTranslationField, z.ZodOptional<typeof translation>>;
/**
 * The disclosure as court staff write it: every field may be left out while the lot is a draft (publishing
 * needs each Chinese field); a field given replaces the stored one.
 */
export const disclosureInput = z.strictObject(inputShape);
export type DisclosureInput = z.infer<typeof disclosureInput>;

const viewShape = Object.fromEntries(DISCLOSURE_FIELDS.flatMap((f) => [[f, z.string()], [`${f}En`, z.string().nullable()]])) as
  Record<DisclosureField, z.ZodString> & Record<DisclosureTranslationField, z.ZodNullable<z.ZodString>>;
/** The disclosure as anyone reads it: each Chinese field ('' while a draft leaves it empty) and its English translation or null. */
export const disclosureView = z.strictObject(viewShape);

/** POST /api/lots/:id/disclosure (a draft): the announcement, its translation and any disclosure fields to replace. */
export const disclosureUpdateBody = z.strictObject({
  announcement: z.string().trim().max(20000).optional(),
  announcementEn: z.string().trim().max(20000).nullable().optional(),
  disclosure: disclosureInput.optional(),
}).refine((b) => b.announcement !== undefined || b.announcementEn !== undefined || (b.disclosure && Object.keys(b.disclosure).length > 0), {
  message: 'give the announcement, its translation or a disclosure field',
  path: ['disclosure'],
});

export const disclosureFieldName = z.enum(DISCLOSURE_FIELDS);
