import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** What happened when an outcome ("what we heard") was published. */
export interface OutcomePublishedEvent {
  topicId: number;
  topicSlug: string;
  partyCode: string;
  outcomeId: number;
  /** The languages the published response is written in. */
  locales: Array<"en" | "fr" | "es">;
  publishedAt: string;
  /** False when an already published response was published again after an edit. */
  first: boolean;
}

/**
 * SUBSCRIPTIONS HOOK (issue 17, item 4 — not built yet). Called inside the transaction that
 * publishes an outcome, after the public copy is written and audited: the subscriptions work
 * queues here the "what we heard" email to the consultation's subscribers (through the outbox,
 * in each subscriber's language), so that it is sent if and only if the publication commits.
 * Until then it does nothing.
 */
export async function onOutcomePublished(_trx: Kysely<Database> | Transaction<Database>, _event: OutcomePublishedEvent): Promise<void> {}
