import type { Kysely, Transaction } from "kysely";
import type { Database, Locale, SubscriptionKind, SubscriptionsTable } from "../../db/schema";
import type { Selectable } from "kysely";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { enqueueJob } from "~/utils/jobs.server";
import { deliverEmail, htmlEmail, recordEmail, sendEmail } from "~/utils/mail.server";
import { hashToken, newToken, safeEqual, signedRecordId, signedRecordToken } from "~/utils/tokens.server";
import { onPublicationAdvanced } from "./publication.server";
import { excerptOf, plainRedactions, publicSubmissions } from "./published-submissions.server";
import { takeSubmissionAllowance } from "./submission-rate-limit.server";
import { pickTranslation, topicStatus } from "./topics.server";

// Subscriptions by email, without an account (issue 17, item 4; ADR 039). A request creates
// pending subscriptions and emails a confirmation link (hashed, expiring); nothing else is sent
// before it is opened. Every later email names one subscription by a signed token (an HMAC with
// APP_SECRET, nothing usable stored) that unsubscribes it in one click (RFC 8058) and opens the
// page that manages every subscription of that address. What to send is worked out by one
// scheduled pass (`runSubscriptionTick`) over committed data, queued periodically and whenever
// the public data changes; `subscription_deliveries` (unique per address and event) and the
// digest's watermark (compare-and-set) make each notice once-only, however the pass is repeated.

export type Subscription = Selectable<SubscriptionsTable>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long a confirmation link works. */
export const CONFIRM_VALID_MS = 7 * DAY;
/** A digest at most once per this time per subscription. */
export const DIGEST_EVERY_MS = DAY;
/** The reminders before a consultation closes: each sent once, in its window only. */
export const REMINDERS = [
  { key: "week", before: 7 * DAY },
  { key: "day", before: DAY },
] as const;
/** Subscription requests per client address, and per email address, in the rate limit's hour. */
export const SUBSCRIBE_PER_ADDRESS = 10;
export const SUBSCRIBE_PER_EMAIL = 3;
/** At most this many submissions listed in one digest (the rest: "and N more"). */
const DIGEST_MAX_ITEMS = 50;

/** The scheduled pass (app/jobs/registry.server.ts): reminders, digests and notices. */
export const SUBSCRIPTIONS_TICK_JOB = "subscriptions.tick";

const TOKEN_PURPOSE = "subscription";

export class SubscriptionRefused extends Error {
  constructor(readonly reason: "topic" | "submission" | "area") {
    super(`subscription refused: ${reason}`);
  }
}

export interface SubscriptionRequest {
  email: string;
  locale: Locale;
  clientAddress: string;
  kinds: SubscriptionKind[];
  partyCode?: string | null;
  areaId?: number | null;
  topicSlug?: string | null;
  /** replies: the person's own proposal, by its reference and private link's token. */
  submission?: { reference: string; token: string } | null;
  now?: Date;
}

export type SubscriptionRequestResult = { ok: true; delivery: Promise<void> } | { ok: false; retryAfterSeconds: number };

/** The token in every email about a subscription: it unsubscribes it, and manages the address's. */
export function subscriptionToken(sub: Pick<Subscription, "id" | "token_salt">): string {
  return signedRecordToken(TOKEN_PURPOSE, sub.id, sub.token_salt);
}

/** A consultation one may subscribe to (reminders, digest): published, by its slug; its title in `locale`. */
export async function subscribableTopic(db: Kysely<Database>, slug: string, locale: Locale): Promise<{ slug: string; title: string } | null> {
  const topic = await db.selectFrom("topics").select("id").where("slug", "=", slug).where("state", "=", "published").executeTakeFirst();
  return topic ? topicTitle(db, topic.id, locale) : null;
}

/** The subscription a token names, when the token is genuine (any status). */
export async function subscriptionByToken(db: Kysely<Database>, token: string): Promise<Subscription | null> {
  const id = signedRecordId(token);
  if (id === null) return null;
  const row = await db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !safeEqual(subscriptionToken(row), token)) return null;
  return row;
}

/**
 * Takes a subscription request: checks what it names (a refusal is a 400), takes one of the
 * client's and the address's allowances (429), records the pending subscriptions and sends the
 * confirmation after the answer — the same answer whether or not the address is known.
 */
export async function requestSubscription(db: Kysely<Database>, input: SubscriptionRequest): Promise<SubscriptionRequestResult> {
  const now = input.now ?? new Date();
  let email = input.email.trim().toLowerCase();
  let topicId: number | null = null;
  let submissionId: number | null = null;
  const needsTopic = input.kinds.some((k) => k === "reminders" || k === "digest");
  if (needsTopic) {
    const topic = input.topicSlug
      ? await db.selectFrom("topics").selectAll().where("slug", "=", input.topicSlug).where("state", "=", "published").executeTakeFirst()
      : undefined;
    if (!topic) throw new SubscriptionRefused("topic");
    topicId = topic.id;
  }
  if (input.areaId !== null && input.areaId !== undefined && input.kinds.includes("new_consultations")) {
    const area = await db.selectFrom("workplan_areas").select("id").where("id", "=", input.areaId).executeTakeFirst();
    if (!area) throw new SubscriptionRefused("area");
  }
  if (input.kinds.includes("replies")) {
    const own = input.submission
      ? await db
          .selectFrom("submissions")
          .select(["id", "edit_token_hash", "contact_email", "kind", "status"])
          .where("reference", "=", input.submission.reference)
          .executeTakeFirst()
      : undefined;
    if (!own || !safeEqual(own.edit_token_hash, hashToken(input.submission!.token)) || own.kind !== "proposal" || own.status === "withdrawn") {
      throw new SubscriptionRefused("submission");
    }
    submissionId = own.id;
    // Only to the address the submission gave, never one typed here.
    email = own.contact_email.toLowerCase();
  }
  const byClient = await takeSubmissionAllowance(db, input.clientAddress, { scope: "subscribe", limit: SUBSCRIBE_PER_ADDRESS, now: now.getTime() });
  if (!byClient.allowed) return { ok: false, retryAfterSeconds: byClient.retryAfterSeconds };
  const byEmail = await takeSubmissionAllowance(db, email, { scope: "subscribe-email", limit: SUBSCRIBE_PER_EMAIL, now: now.getTime() });
  if (!byEmail.allowed) return { ok: false, retryAfterSeconds: byEmail.retryAfterSeconds };

  const token = newToken();
  const at = now.toISOString();
  await db
    .insertInto("subscriptions")
    .values(
      input.kinds.map((kind) => ({
        email,
        locale: input.locale,
        kind,
        party_code: kind === "new_consultations" ? (input.partyCode ?? null) : null,
        area_id: kind === "new_consultations" ? (input.areaId ?? null) : null,
        topic_id: kind === "reminders" || kind === "digest" ? topicId : null,
        submission_id: kind === "replies" ? submissionId : null,
        status: "pending" as const,
        confirm_token_hash: hashToken(token),
        confirm_expires_at: new Date(now.getTime() + CONFIRM_VALID_MS).toISOString(),
        token_salt: newToken().slice(0, 32),
        created_at: at,
      })),
    )
    .execute();
  const delivery = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sendConfirmation(db, email, input.locale, token))
    .catch((error) => console.error(`subscription confirmation could not be sent: ${error instanceof Error ? error.message : String(error)}`));
  return { ok: true, delivery };
}

async function sendConfirmation(db: Kysely<Database>, email: string, locale: Locale, token: string) {
  const t = getT(locale);
  const link = `${publicUrl()}/${locale}/subscriptions/confirm?${new URLSearchParams({ token })}`;
  const paragraphs = [t("emails.subscription.confirmIntro"), t("emails.subscription.confirmLink")];
  const after = [t("emails.subscription.confirmIgnore")];
  await sendEmail(db, {
    kind: "subscription_confirm",
    to: email,
    locale,
    subject: t("emails.subscription.confirmSubject"),
    text: [...paragraphs, link, ...after].join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(locale, paragraphs, { href: link, label: t("emails.subscription.confirmAction") }, after),
    secret: token,
  });
}

/** What a confirmation link confirms, before it is confirmed (null: unknown or expired). */
export async function pendingByConfirmToken(db: Kysely<Database>, token: string, now: Date = new Date()) {
  if (!/^[\w-]{20,100}$/.test(token)) return [];
  return db
    .selectFrom("subscriptions")
    .selectAll()
    .where("confirm_token_hash", "=", hashToken(token))
    .where("status", "=", "pending")
    .where("confirm_expires_at", ">", now.toISOString())
    .orderBy("id")
    .execute();
}

/**
 * Confirms the subscriptions of a confirmation link. Returns the token that manages the address's
 * subscriptions, or null when the link is unknown, used or expired. A subscription the address
 * already has stays the one kept (the new one is closed), so nothing is ever sent twice.
 */
export async function confirmSubscriptions(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<string | null> {
  const pending = await pendingByConfirmToken(db, token, now);
  if (pending.length === 0) return null;
  const at = now.toISOString();
  let kept: Subscription | null = null;
  await db.transaction().execute(async (trx) => {
    for (const sub of pending) {
      const same = await trx
        .selectFrom("subscriptions")
        .selectAll()
        .where("email", "=", sub.email)
        .where("kind", "=", sub.kind)
        .where("status", "=", "active")
        .where((eb) =>
          eb.and([
            sub.party_code === null ? eb("party_code", "is", null) : eb("party_code", "=", sub.party_code),
            sub.area_id === null ? eb("area_id", "is", null) : eb("area_id", "=", sub.area_id),
            sub.topic_id === null ? eb("topic_id", "is", null) : eb("topic_id", "=", sub.topic_id),
            sub.submission_id === null ? eb("submission_id", "is", null) : eb("submission_id", "=", sub.submission_id),
          ]),
        )
        .executeTakeFirst();
      if (same) {
        await trx
          .updateTable("subscriptions")
          .set({ status: "unsubscribed", unsubscribed_at: at, confirm_token_hash: null })
          .where("id", "=", sub.id)
          .where("status", "=", "pending")
          .execute();
        kept ??= same;
        continue;
      }
      const done = await trx
        .updateTable("subscriptions")
        .set({ status: "active", confirmed_at: at, confirm_token_hash: null, watermark: at })
        .where("id", "=", sub.id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) continue;
      kept ??= sub;
      if (sub.kind === "new_consultations") await markKnownConsultations(trx, { ...sub, status: "active" }, now);
    }
  });
  return kept ? subscriptionToken(kept) : null;
}

/** The consultations already public when a "new consultations" subscription starts are not news. */
async function markKnownConsultations(trx: Transaction<Database>, sub: Subscription, now: Date) {
  const topics = await matchingTopics(trx, sub, now);
  for (const topic of topics) {
    await trx
      .insertInto("subscription_deliveries")
      .values({ subscription_id: sub.id, email: sub.email, event_key: `consultation:${topic.id}`, outbox_id: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["email", "event_key"]).doNothing())
      .execute();
  }
}

/** Public consultations not yet closed that a "new consultations" subscription covers. */
async function matchingTopics(db: Kysely<Database> | Transaction<Database>, sub: Subscription, now: Date) {
  const rows = await db
    .selectFrom("topics")
    .selectAll()
    .where("state", "=", "published")
    .$if(sub.party_code !== null, (q) => q.where("party_code", "=", sub.party_code!))
    .$if(sub.area_id !== null, (q) => q.where("area_id", "=", sub.area_id!))
    .execute();
  return rows.filter((topic) => ["scheduled", "open"].includes(topicStatus(topic, now)));
}

/** Unsubscribes the one subscription a token names (RFC 8058 one-click; no session, no CSRF token). */
export async function unsubscribeByToken(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<Subscription | null> {
  const sub = await subscriptionByToken(db, token);
  if (!sub) return null;
  await db
    .updateTable("subscriptions")
    .set({ status: "unsubscribed", unsubscribed_at: now.toISOString(), confirm_token_hash: null })
    .where("id", "=", sub.id)
    .where("status", "!=", "unsubscribed")
    .execute();
  return sub;
}

export interface SubscriptionView {
  id: number;
  status: "pending" | "active";
  description: string;
}

/** The subscriptions of the address a token belongs to (null: not a genuine token). */
export async function manageSubscriptions(
  db: Kysely<Database>,
  token: string,
  locale: Locale,
): Promise<{ email: string; subscriptions: SubscriptionView[] } | null> {
  const sub = await subscriptionByToken(db, token);
  if (!sub) return null;
  const rows = await db.selectFrom("subscriptions").selectAll().where("email", "=", sub.email).where("status", "=", "active").orderBy("id").execute();
  const subscriptions: SubscriptionView[] = [];
  for (const row of rows) subscriptions.push({ id: row.id, status: "active", description: await describeSubscription(db, row, locale) });
  return { email: sub.email, subscriptions };
}

/** From the manage page: one of the address's subscriptions, or all of them. */
export async function unsubscribeFromManage(db: Kysely<Database>, token: string, which: number | "all", now: Date = new Date()): Promise<boolean> {
  const sub = await subscriptionByToken(db, token);
  if (!sub) return false;
  await db
    .updateTable("subscriptions")
    .set({ status: "unsubscribed", unsubscribed_at: now.toISOString(), confirm_token_hash: null })
    .where("email", "=", sub.email)
    .where("status", "!=", "unsubscribed")
    .$if(which !== "all", (q) => q.where("id", "=", which as number))
    .execute();
  return true;
}

async function topicTitle(db: Kysely<Database>, topicId: number, locale: Locale): Promise<{ title: string; slug: string }> {
  const [topic, titles] = await Promise.all([
    db.selectFrom("topics").select("slug").where("id", "=", topicId).executeTakeFirstOrThrow(),
    db.selectFrom("topic_translations").select(["locale", "title"]).where("topic_id", "=", topicId).execute(),
  ]);
  return { slug: topic.slug, title: pickTranslation(titles, locale)?.title ?? topic.slug };
}

/** One line naming what a subscription sends, in `locale`. */
export async function describeSubscription(db: Kysely<Database>, sub: Subscription, locale: Locale): Promise<string> {
  const t = getT(locale);
  switch (sub.kind) {
    case "new_consultations": {
      const party = sub.party_code
        ? (await db.selectFrom("party_translations").select("name").where("party_code", "=", sub.party_code).where("locale", "=", locale).executeTakeFirst())
            ?.name
        : null;
      const area = sub.area_id
        ? await db
            .selectFrom("workplan_areas as a")
            .innerJoin("workplan_area_translations as t", "t.area_id", "a.id")
            .select(["a.number", "t.title"])
            .where("a.id", "=", sub.area_id)
            .where("t.locale", "=", locale)
            .executeTakeFirst()
        : null;
      return t("subscriptions.describe.newConsultations", {
        country: party ?? t("subscriptions.anyCountry"),
        area: area ? `${area.number}. ${area.title}` : t("subscriptions.anyArea"),
      });
    }
    case "reminders":
      return t("subscriptions.describe.reminders", { title: (await topicTitle(db, sub.topic_id!, locale)).title });
    case "digest":
      return t("subscriptions.describe.digest", { title: (await topicTitle(db, sub.topic_id!, locale)).title });
    case "replies": {
      const s = await db.selectFrom("submissions").select("reference").where("id", "=", sub.submission_id!).executeTakeFirst();
      return t("subscriptions.describe.replies", { reference: s?.reference ?? "" });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The scheduled pass.

interface Notice {
  subject: string;
  paragraphs: string[];
  link?: { href: string; label: string };
  /** Lines after the link (a digest's list). */
  after?: string[];
}

/**
 * Records and sends one email about a subscription, once per address and event: the delivery rows
 * are inserted first (unique per address and event key), and the email is written only by the pass
 * that inserted them, in the same transaction. The first attempt to send is after the commit.
 */
async function notifyOnce(
  db: Kysely<Database>,
  sub: Subscription,
  eventKeys: string[],
  /** Runs inside the transaction: its queries go through `q` (on SQLite the transaction holds the one connection). */
  build: (newKeys: string[], q: Kysely<Database>) => Promise<Notice>,
  now: Date,
  guard?: (trx: Transaction<Database>) => Promise<boolean>,
): Promise<boolean> {
  const token = subscriptionToken(sub);
  const outboxId = await db.transaction().execute(async (trx) => {
    // Still subscribed, at the moment of sending.
    const current = await trx.selectFrom("subscriptions").select("status").where("id", "=", sub.id).executeTakeFirst();
    if (current?.status !== "active") return null;
    if (guard && !(await guard(trx))) return null;
    const inserted: string[] = [];
    for (const key of eventKeys) {
      const row = await trx
        .insertInto("subscription_deliveries")
        .values({ subscription_id: sub.id, email: sub.email, event_key: key, outbox_id: null, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(["email", "event_key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (row) inserted.push(key);
    }
    if (eventKeys.length > 0 && inserted.length === 0) return null;
    const notice = await build(inserted, trx);
    const id = await recordEmail(trx, subscriptionEmail(sub, token, notice));
    if (inserted.length) {
      await trx.updateTable("subscription_deliveries").set({ outbox_id: id }).where("email", "=", sub.email).where("event_key", "in", inserted).execute();
    }
    await trx.updateTable("subscriptions").set({ last_sent_at: now.toISOString() }).where("id", "=", sub.id).execute();
    return id;
  });
  if (outboxId === null) return false;
  await deliverEmail(db, outboxId, token);
  return true;
}

/** A subscription email: the notice, then how to unsubscribe (one click) and manage; RFC 8058 headers. */
function subscriptionEmail(sub: Subscription, token: string, notice: Notice) {
  const t = getT(sub.locale);
  const query = new URLSearchParams({ token });
  const unsubscribe = `${publicUrl()}/${sub.locale}/subscriptions/unsubscribe?${query}`;
  const manage = `${publicUrl()}/${sub.locale}/subscriptions?${query}`;
  const footer = [t("emails.subscription.why"), `${t("emails.subscription.unsubscribe")}\n${unsubscribe}`, `${t("emails.subscription.manage")}\n${manage}`];
  const text = [...notice.paragraphs, ...(notice.link ? [`${notice.link.label}\n${notice.link.href}`] : []), ...(notice.after ?? []), "—", ...footer].join(
    "\n\n",
  );
  return {
    kind: `subscription_${sub.kind}`,
    to: sub.email,
    locale: sub.locale,
    subject: notice.subject,
    text: `${text}\n\n— Puente\n`,
    html: htmlEmail(sub.locale, notice.paragraphs, notice.link, [...(notice.after ?? []), ...footer]),
    secret: token,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

const topicLink = (locale: Locale, slug: string) => `${publicUrl()}/${locale}/consultations/${slug}`;

/** Active subscriptions of a kind (confirmed, not unsubscribed). */
function active(db: Kysely<Database>, kind: SubscriptionKind) {
  return db.selectFrom("subscriptions").selectAll().where("kind", "=", kind).where("status", "=", "active").orderBy("id").execute();
}

/** New consultations (published after the subscription, not yet closed) matching each subscription. */
async function sendNewConsultations(db: Kysely<Database>, now: Date): Promise<number> {
  let sent = 0;
  for (const sub of await active(db, "new_consultations")) {
    for (const topic of await matchingTopics(db, sub, now)) {
      const ok = await notifyOnce(
        db,
        sub,
        [`consultation:${topic.id}`],
        async (_keys, q) => {
          const t = getT(sub.locale);
          const { title } = await topicTitle(q, topic.id, sub.locale);
          return {
            subject: t("emails.subscription.newSubject", { title }),
            paragraphs: [t("emails.subscription.newIntro", { title }), t("emails.subscription.closes", { date: topic.closes_at.slice(0, 10) })],
            link: { href: topicLink(sub.locale, topic.slug), label: t("emails.subscription.readConsultation") },
          };
        },
        now,
      );
      if (ok) sent++;
    }
  }
  return sent;
}

/** One week and one day before a consultation closes: each reminder once, only within its window. */
async function sendReminders(db: Kysely<Database>, now: Date): Promise<number> {
  let sent = 0;
  for (const sub of await active(db, "reminders")) {
    const topic = await db.selectFrom("topics").selectAll().where("id", "=", sub.topic_id!).executeTakeFirst();
    if (!topic || topicStatus(topic, now) !== "open") continue;
    const left = Date.parse(topic.closes_at) - now.getTime();
    // The nearest window the time left falls in: a day before, else a week before.
    const reminder = [...REMINDERS].reverse().find((r) => left <= r.before);
    if (!reminder) continue;
    const ok = await notifyOnce(
      db,
      sub,
      [`reminder:${reminder.key}:${topic.id}`],
      async (_keys, q) => {
        const t = getT(sub.locale);
        const { title } = await topicTitle(q, topic.id, sub.locale);
        return {
          subject: t(`emails.subscription.reminderSubject.${reminder.key}`, { title }),
          paragraphs: [
            t(`emails.subscription.reminderIntro.${reminder.key}`, { title }),
            t("emails.subscription.closes", { date: topic.closes_at.slice(0, 10) }),
          ],
          link: { href: `${topicLink(sub.locale, topic.slug)}/submit`, label: t("emails.subscription.takePart") },
        };
      },
      now,
    );
    if (ok) sent++;
  }
  return sent;
}

/**
 * The daily digest: the submissions published since the last one (the watermark), grouped in one
 * email, at most once a day. The watermark moves by compare-and-set in the email's transaction, so
 * two passes at once send one digest.
 */
async function sendDigests(db: Kysely<Database>, now: Date): Promise<number> {
  let sent = 0;
  const at = now.toISOString();
  for (const sub of await active(db, "digest")) {
    const since = sub.last_sent_at ?? sub.confirmed_at ?? sub.created_at;
    if (now.getTime() - Date.parse(since) < DIGEST_EVERY_MS) continue;
    const watermark = sub.watermark ?? sub.confirmed_at ?? sub.created_at;
    const items = await publicSubmissions(db)
      .select(["s.reference", "s.approved_title", "s.approved_body", "s.decided_at", "t.slug"])
      .where("s.topic_id", "=", sub.topic_id!)
      .where("s.decided_at", ">", watermark)
      .where("s.decided_at", "<=", at)
      .orderBy("s.decided_at")
      .orderBy("s.id")
      .execute();
    if (items.length === 0) continue;
    const mark = items.at(-1)!.decided_at!;
    const ok = await notifyOnce(
      db,
      sub,
      [],
      async (_keys, q) => {
        const t = getT(sub.locale);
        const { title, slug } = await topicTitle(q, sub.topic_id!, sub.locale);
        const listed = items.slice(0, DIGEST_MAX_ITEMS).map((s) => {
          const label = s.approved_title ? plainRedactions(s.approved_title) : excerptOf(plainRedactions(s.approved_body ?? ""), 120);
          return `${s.reference} — ${label}\n${topicLink(sub.locale, slug)}/submissions/${s.reference}`;
        });
        if (items.length > DIGEST_MAX_ITEMS) listed.push(t("emails.subscription.digestMore", { count: items.length - DIGEST_MAX_ITEMS }));
        return {
          subject: t("emails.subscription.digestSubject", { title, count: items.length }),
          paragraphs: [t("emails.subscription.digestIntro", { title, count: items.length })],
          link: { href: topicLink(sub.locale, slug), label: t("emails.subscription.readConsultation") },
          after: listed,
        };
      },
      now,
      async (trx) => {
        const moved = await trx
          .updateTable("subscriptions")
          .set({ watermark: mark })
          .where("id", "=", sub.id)
          .where("watermark", sub.watermark === null ? "is" : "=", sub.watermark)
          .executeTakeFirst();
        return Number(moved.numUpdatedRows) === 1;
      },
    );
    if (ok) sent++;
  }
  return sent;
}

/** "What we heard": the outcome of a consultation, to its subscribers (reminders or digest), once per address. */
async function sendOutcomes(db: Kysely<Database>, now: Date): Promise<number> {
  let sent = 0;
  const outcomes = await db
    .selectFrom("topic_outcomes as o")
    .innerJoin("topics as t", "t.id", "o.topic_id")
    .select(["o.topic_id", "o.published_at", "t.slug"])
    .where("o.state", "=", "published")
    .where("t.state", "in", ["published", "archived"])
    .execute();
  for (const outcome of outcomes) {
    const subs = await db
      .selectFrom("subscriptions")
      .selectAll()
      .where("topic_id", "=", outcome.topic_id)
      .where("kind", "in", ["reminders", "digest"])
      .where("status", "=", "active")
      .where("confirmed_at", "<=", outcome.published_at!)
      .orderBy("id")
      .execute();
    for (const sub of subs) {
      const ok = await notifyOnce(
        db,
        sub,
        [`outcome:${outcome.topic_id}`],
        async (_keys, q) => {
          const t = getT(sub.locale);
          const { title } = await topicTitle(q, outcome.topic_id, sub.locale);
          return {
            subject: t("emails.subscription.outcomeSubject", { title }),
            paragraphs: [t("emails.subscription.outcomeIntro", { title })],
            link: { href: topicLink(sub.locale, outcome.slug), label: t("emails.subscription.readOutcome") },
          };
        },
        now,
      );
      if (ok) sent++;
    }
  }
  return sent;
}

/** Comments published under the person's own proposal since the subscription, grouped. */
async function sendReplies(db: Kysely<Database>, now: Date): Promise<number> {
  let sent = 0;
  for (const sub of await active(db, "replies")) {
    const comments = await publicSubmissions(db)
      .select(["s.id", "s.reference", "s.approved_body", "t.slug"])
      .where("s.kind", "=", "comment")
      .where("s.in_reply_to", "=", sub.submission_id!)
      .where("s.decided_at", ">=", sub.confirmed_at!)
      .where("s.decided_at", "<=", now.toISOString())
      .orderBy("s.id")
      .execute();
    if (comments.length === 0) continue;
    const proposal = await db.selectFrom("submissions").select("reference").where("id", "=", sub.submission_id!).executeTakeFirstOrThrow();
    const ok = await notifyOnce(
      db,
      sub,
      comments.map((c) => `reply:${c.id}`),
      async (keys) => {
        const t = getT(sub.locale);
        const fresh = comments.filter((c) => keys.includes(`reply:${c.id}`));
        const slug = comments[0]!.slug;
        return {
          subject: t("emails.subscription.repliesSubject", { reference: proposal.reference }),
          paragraphs: [t("emails.subscription.repliesIntro", { reference: proposal.reference, count: fresh.length })],
          link: { href: `${topicLink(sub.locale, slug)}/submissions/${proposal.reference}`, label: t("emails.subscription.readReplies") },
          after: fresh.map((c) => `${c.reference} — ${excerptOf(plainRedactions(c.approved_body ?? ""), 200)}`),
        };
      },
      now,
    );
    if (ok) sent++;
  }
  return sent;
}

/**
 * The scheduled pass: new consultations, reminders, digests, outcomes and replies due at `now`.
 * Safe to run at any time, repeatedly or in two processes at once. Returns the emails sent.
 */
export async function runSubscriptionTick(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  let sent = 0;
  sent += await sendNewConsultations(db, now);
  sent += await sendReminders(db, now);
  sent += await sendDigests(db, now);
  sent += await sendOutcomes(db, now);
  sent += await sendReplies(db, now);
  return sent;
}

declare global {
  var __puenteSubscriptionClocks: WeakMap<object, () => Date> | undefined;
  var __puenteSubscriptionWatch: WeakSet<object> | undefined;
}

/** The clock the scheduled pass reads for a database (tests move it forward). */
export function subscriptionClock(db: Kysely<Database>): () => Date {
  return globalThis.__puenteSubscriptionClocks?.get(db) ?? (() => new Date());
}

export function setSubscriptionClock(db: Kysely<Database>, clock: (() => Date) | null) {
  const clocks = (globalThis.__puenteSubscriptionClocks ??= new WeakMap());
  if (clock) clocks.set(db, clock);
  else clocks.delete(db);
}

/** Queues the pass (one waiting at a time, across servers). */
export function queueSubscriptionTick(db: Kysely<Database>): Promise<string | null> {
  return enqueueJob(db, SUBSCRIPTIONS_TICK_JOB, {}, { singletonKey: SUBSCRIPTIONS_TICK_JOB, retryLimit: 2, retryDelaySeconds: 60, timeoutSeconds: 600 });
}

/**
 * Queues the pass whenever this process changes public data (a consultation published, a decision,
 * an outcome): the listener runs inside that change's transaction, so the enqueue waits for it, and
 * the pass reads only what was committed — a notice is sent if and only if its change commits.
 */
export function watchPublicationForSubscriptions(db: Kysely<Database>): () => void {
  const watched = (globalThis.__puenteSubscriptionWatch ??= new WeakSet());
  if (watched.has(db)) return () => undefined;
  watched.add(db);
  const unsubscribe = onPublicationAdvanced(() => {
    setImmediate(() => {
      queueSubscriptionTick(db).catch((error: unknown) =>
        console.error(`subscriptions pass not queued: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  });
  return () => {
    watched.delete(db);
    unsubscribe();
  };
}
