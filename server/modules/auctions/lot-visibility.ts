/**
 * Whether a lot was ever made public. A draft is the court's own; a lot cancelled while still a draft (it has no
 * announcement time) stays the court's own too: only an announced lot's page, files and room are public.
 */
export function neverPublic(lot: { status: string; announcedAt: Date | string | null }): boolean {
  return lot.status === 'draft' || (lot.status === 'cancelled' && lot.announcedAt === null);
}
