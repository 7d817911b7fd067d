/**
 * The orders the public lot list can be read in (GET /api/lots?sort=): a leading `-` reads it backwards.
 * Without one the list puts live lots first, then upcoming ones, then finished ones.
 */
export const LOT_SORTS = ['startsAt', '-startsAt', 'endsAt', 'currentPrice', '-currentPrice'] as const;
export type LotSort = (typeof LOT_SORTS)[number];
