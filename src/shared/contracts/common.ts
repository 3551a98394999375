import { z } from 'zod';

/**
 * Building blocks of the response contracts (src/shared/contracts/*.ts). These files import only zod and
 * src/shared, so the web app can import their types. A route's response schema is also its allowlist:
 * the serializer sends the fields a schema names and drops the rest.
 *
 * Types for the browser are `z.input<…>` of a schema: what travels on the wire. Handlers format instants
 * themselves (`toISOString()`), so the wire is what JSON.stringify gave before the schemas existed.
 */

/** An instant the server already formats (`toISOString()`): ISO 8601 in UTC. */
export const isoTime = z.string().meta({ format: 'date-time' });

/** A JSON object whose keys vary (event payloads, details). */
export const jsonObject = z.record(z.string(), z.unknown());

/** A body that is not JSON (CSV, Prometheus text), sent as the handler gives it (a string or a stream). */
export const textBody = z.any().meta({ type: 'string' });

/** 204: the answer has no body. */
export const noContent = z.undefined().describe('No content');

/** `{ items }`: a whole list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `{ items, total }`: one page of a list and the count over all pages. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** A page of a list: the items and the count over all pages. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** The order of a sorted list, as the list queries take it. */
export type SortOrder = 'asc' | 'desc';

/** `{ status: 'ok' }` */
export const okAnswer = z.object({ status: z.literal('ok') });
export type OkAnswer = z.input<typeof okAnswer>;
/** `{ status: 'accepted' }`: 202, the work happens after the answer. */
export const acceptedAnswer = z.object({ status: z.literal('accepted') });
