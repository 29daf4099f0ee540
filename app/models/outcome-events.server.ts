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
 * Called inside the transaction that publishes an outcome, after the public copy is written and
 * audited. Subscribers are told by the subscriptions' pass (ADR 039), not here: publishing advances
 * the publication version, which queues the pass once the change is made, and the pass reads only
 * committed outcomes — so the "what we heard" email (through the outbox, in each subscriber's
 * language, once per address) is sent if and only if the publication commits, and the transaction
 * never waits on mail. Kept as the place for other reactions to a publication.
 */
export async function onOutcomePublished(_trx: Kysely<Database> | Transaction<Database>, _event: OutcomePublishedEvent): Promise<void> {}
