/**
 * The one database schema: every capability's tables, gathered for Drizzle
 * and drizzle-kit. Capabilities own their tables in their own folder.
 */
export * from '../accounts/schema.ts';
export * from '../initiatives/schema.ts';
export * from '../activities/schema.ts';
export * from '../activities/notifications/schema.ts';
export * from '../exchange/schema.ts';
export * from '../messages/schema.ts';
export * from '../notify/schema.ts';
export * from '../moderation/schema.ts';
export * from '../deals/schema.ts';
export * from '../profiles/schema.ts';
export * from '../stories/schema.ts';
export * from '../outside/schema.ts';
export * from '../handover/schema.ts';
export * from '../expertise/schema.ts';
export * from '../space/schema.ts';
export * from '../impact/schema.ts';
export * from '../announcements/schema.ts';
export * from '../pagecache/schema.ts';
