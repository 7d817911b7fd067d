/** The registries an administrator keeps (inquiry platforms, courts): query keys, loaders, form schemas and writes. */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { courtBody, inquiryPlatformBody, moneyString } from '../../../../shared/api';
import { call } from '../../api';
import { cleanMoney } from '../../ui/money-input';

/** Every admin query sits under ['admin'], so one invalidation refreshes the lists and the change log. */
export const registryKeys = {
  all: ['admin'] as const,
  platforms: ['admin', 'inquiry-platforms'] as const,
  courts: ['admin', 'courts'] as const,
  courtChoices: ['courts'] as const,
};

export const useInquiryPlatforms = () =>
  useQuery({ queryKey: registryKeys.platforms, queryFn: ({ signal }) => call('adminInquiryPlatforms', { signal }).then((r) => r.platforms) });
export const useAdminCourts = () =>
  useQuery({ queryKey: registryKeys.courts, queryFn: ({ signal }) => call('adminCourts', { signal }).then((r) => r.courts) });
/** The registry's courts for court staff's case form; the form still takes a court not listed. */
export const useCourtChoices = () =>
  useQuery({ queryKey: registryKeys.courtChoices, queryFn: ({ signal }) => call('listCourts', { signal }).then((r) => r.courts), staleTime: 5 * 60_000 });

/** A fee as typed ("¥800", "800.5"): the symbol and separators go, the server's money rule (≥ 0, two places) checks the rest. */
const typedFee = z.string().transform(cleanMoney).pipe(moneyString);
/** A reason may be left empty; when given it is kept in the change log. */
const optionalReason = z.string().trim().max(500).refine((s) => s === '' || s.length >= 2);
const withReason = <B extends { reason?: string }>(b: B) => {
  const { reason, ...rest } = b;
  return reason ? { ...rest, reason } : rest;
};

export const platformForm = inquiryPlatformBody.extend({ fee: typedFee, reason: optionalReason });
export type PlatformInput = z.output<typeof platformForm>;
export const addPlatform = (b: PlatformInput) => call('addInquiryPlatform', { body: withReason(b) });

export const platformEditForm = z.strictObject({ url: inquiryPlatformBody.shape.url, fee: typedFee, reason: optionalReason });
export type PlatformEditInput = z.output<typeof platformEditForm>;
export const updatePlatform = (id: string, b: PlatformEditInput) => call('updateInquiryPlatform', { params: { id }, body: withReason(b) });

export const platformStateForm = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const setPlatformActive = (id: string, active: boolean, reason: string) =>
  call(active ? 'reactivateInquiryPlatform' : 'deactivateInquiryPlatform', { params: { id }, body: { reason } });

export const courtForm = courtBody;
export type CourtInput = z.output<typeof courtForm>;
export const addCourt = (b: CourtInput) => call('addCourt', { body: b });

export const courtEditForm = z.strictObject(courtBody.pick({ region: true, address: true, phone: true }).shape);
export type CourtEditInput = z.output<typeof courtEditForm>;
export const updateCourt = (id: string, b: CourtEditInput) => call('updateCourt', { params: { id }, body: b });
