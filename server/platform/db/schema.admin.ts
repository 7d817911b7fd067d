/**
 * What the platform's administrators manage, and the record of every staff change. `staff_changes` is
 * append-only: who changed which user, holiday, asset, court or inquiry platform, from what to what, and when.
 */
import { pgTable, text, timestamp, jsonb, bigserial, index, numeric, boolean, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const staffChanges = pgTable('staff_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorId: text('actor_id').notNull(),
  /** user | court_holiday | asset | court | inquiry_platform */
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id').notNull(),
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
}, (t) => [index('staff_changes_subject_idx').on(t.subjectType, t.subjectId, t.at), index('staff_changes_at_idx').on(t.at)]);

/** A court's public holidays (CST dates): a period in days ending on one runs to the next working day. */
export const courtHolidays = pgTable('court_holidays', {
  date: text('date').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

/**
 * The inquiry platforms (询价平台) a network inquiry asks: each active one at the moment the inquiry starts
 * (a quote keeps the name and url it was asked at). `fromSetting`: the INQUIRY_PLATFORMS setting governs the
 * row (it is upserted by name at start, and retired when the setting drops it) until an administrator changes it.
 */
export const inquiryPlatforms = pgTable('inquiry_platforms', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** B31: what the platform charges for the inquiry closest to the sale price; null when it charges nothing. */
  fee: numeric('fee', { precision: 18, scale: 2 }),
  active: boolean('active').notNull().default(true),
  fromSetting: boolean('from_setting').notNull().default(false),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [uniqueIndex('inquiry_platforms_name_key').on(t.name)]);

/** The courts: cases name one (cases.court is its name); region, address and phone for viewings (看样). */
export const courts = pgTable('courts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Province and city, e.g. 浙江省杭州市. */
  region: text('region').notNull().default(''),
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [uniqueIndex('courts_name_key').on(t.name)]);
