import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

/*
 * The publication version (ADR 027): one counter, in the database so that every app server agrees,
 * advanced in the same transaction as every change to what the public can see — moderation
 * decisions, redactions, translations and tags of approved submissions, campaigns, topic and theme
 * changes, syntheses. A new pending submission, or a person's edit or withdrawal of one, changes
 * nothing public and does not advance it.
 *
 * Public pages also change when a date passes (a consultation opens or closes), with nothing
 * written: the publication key therefore adds the last opening or closing date passed, and is valid
 * until the next one.
 */

/** Advances the version, inside the transaction that changes public data. */
export async function advancePublication(trx: Transaction<Database> | Kysely<Database>, now: Date = new Date()): Promise<void> {
  await trx
    .updateTable("publication_version")
    .set({ version: sql<number>`version + 1`, changed_at: now.toISOString() })
    .where("id", "=", 1)
    .execute();
  for (const listener of listeners) listener();
}

export interface PublicationState {
  version: number;
  /** Changes with the version and whenever a consultation's opening or closing date passes. */
  key: string;
  /** When public data last changed: the version's time, or the last date passed if later. */
  lastModified: Date;
  /** The next opening or closing date: the key is valid until then (null: no date to come). */
  validUntil: Date | null;
}

/** The publication key now: one read of the version and of the published topics' and events' dates. */
export async function readPublicationState(db: Kysely<Database>, now: Date = new Date()): Promise<PublicationState> {
  const [row, topicDates, eventDates] = await Promise.all([
    db.selectFrom("publication_version").select(["version", "changed_at"]).where("id", "=", 1).executeTakeFirst(),
    db.selectFrom("topics").select(["opens_at", "closes_at"]).where("state", "=", "published").execute(),
    // A published event's page changes when its registration opens or closes and when it ends
    // (it moves from upcoming to past); ADR 045.
    db
      .selectFrom("events")
      .select(["registration_opens_at as opens_at", "registration_closes_at as closes_at", "ends_at"])
      .where("state", "=", "published")
      .execute(),
  ]);
  const at = now.toISOString();
  let passed = "";
  let next: string | null = null;
  const dates = [...topicDates.flatMap((d) => [d.opens_at, d.closes_at]), ...eventDates.flatMap((d) => [d.opens_at, d.closes_at, d.ends_at])];
  for (const date of dates) {
    if (date <= at) passed = date > passed ? date : passed;
    else if (next === null || date < next) next = date;
  }
  const version = Number(row?.version ?? 0);
  const changedAt = row?.changed_at ?? new Date(0).toISOString();
  return {
    version,
    key: `${version}.${passed ? Date.parse(passed) : 0}`,
    lastModified: new Date(Math.max(Date.parse(changedAt), passed ? Date.parse(passed) : 0)),
    validUntil: next ? new Date(next) : null,
  };
}

declare global {
  var __puentePublicationListeners: Set<() => void> | undefined;
}
// On globalThis: the HTTP server (build/runtime) and the Remix build each bundle this module, and a
// change made by a route must reach the server's page cache.
const listeners = (globalThis.__puentePublicationListeners ??= new Set<() => void>());

/** Called (synchronously) whenever this process advances the version. Returns the unsubscribe. */
export function onPublicationAdvanced(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The publication state as this process sees it: read again at most every `pollMs` (other app
 * servers' changes are seen within that), at once after this process advanced it, and when the
 * next topic date passes.
 */
export class PublicationClock {
  #state: PublicationState | null = null;
  #readAt = 0;
  /** Bumped by each local change: a read that started before it is not kept. */
  #generation = 0;
  #unsettledUntil = 0;
  #reading: { generation: number; promise: Promise<PublicationState> } | null = null;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#unsubscribe = onPublicationAdvanced(() => this.invalidate());
  }

  /**
   * After a change by this process: read again now, and at every request for the next interval —
   * the listener runs inside the change's transaction, before its commit.
   */
  invalidate() {
    this.#state = null;
    this.#generation++;
    this.#unsettledUntil = this.now().getTime() + Math.max(this.pollMs, 1000);
  }

  close() {
    this.#unsubscribe();
  }

  async current(): Promise<PublicationState> {
    const now = this.now();
    const state = this.#state;
    if (state && now.getTime() - this.#readAt < this.pollMs && (!state.validUntil || now < state.validUntil)) return state;
    // One read at a time, shared by the requests that arrive meanwhile; a local change starts a new one.
    if (this.#reading?.generation === this.#generation) return this.#reading.promise;
    const generation = this.#generation;
    const promise = readPublicationState(this.db, now)
      .then((fresh) => {
        if (generation === this.#generation && now.getTime() >= this.#unsettledUntil) {
          this.#state = fresh;
          this.#readAt = now.getTime();
        }
        return fresh;
      })
      .finally(() => {
        if (this.#reading?.promise === promise) this.#reading = null;
      });
    this.#reading = { generation, promise };
    return promise;
  }
}
