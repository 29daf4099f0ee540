// Demo submissions, so that a demonstration database looks lived in: the moderation queue, the
// published submissions, the statistics and the committee summaries all have something to show.
// Everything goes through the real domain modules (the form's schema, createSubmission, moderate,
// withdrawOwnSubmission), so every invariant of the application holds; only the dates are chosen
// here, inside each topic's open period. Deterministic: the same texts, senders and decisions every
// time (a seeded PRNG spreads the times); only the dates move with the day it runs.
// The text is plain data in db/seed/data/submissions.ts; this part needs the app, so it lives
// outside db/ (ADR 025) and scripts/prepare-database.ts runs it.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { themes as demoThemes } from "../db/seed/data/themes";
import { demoSubmissions, MODERATORS, THEME_POSITIONS, type DemoSubmission, type Party, type ThemeKey } from "../db/seed/data/submissions";
import { moderate } from "~/models/moderation.server";
import { createSubmission, getOwnSubmission, SubmissionRefused, withdrawOwnSubmission } from "~/models/submissions.server";
import { topicStatus } from "~/models/topics.server";
import { moderationActionSchema } from "~/schemas/moderation";
import { submissionFormSchema } from "~/schemas/submission";
import type { Actor } from "~/utils/permissions";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny PRNG, seeded so that the demo is the same every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoSubmissionCounts {
  total: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  campaigns: number;
  campaignLetters: number;
  redacted: number;
  translated: number;
}

export type DemoSubmissionsOutcome = { seeded: true; counts: DemoSubmissionCounts } | { seeded: false; reason: "not_empty" | "no_moderators" | "smtp" };

/** The line `npm start` prints about the demo submissions (null: nothing worth saying). */
export function demoSubmissionsLine(outcome: DemoSubmissionsOutcome): string | null {
  if (outcome.seeded) {
    const c = outcome.counts;
    return (
      `Demo submissions: ${c.total} (${c.approved} approved, ${c.rejected} rejected, ${c.withdrawn} withdrawn, ${c.pending} pending; ` +
      `${c.campaigns} campaign of ${c.campaignLetters} letters, ${c.redacted} redacted, ${c.translated} translated)`
    );
  }
  if (outcome.reason === "no_moderators") return `Demo submissions not created: the demo moderators (${Object.values(MODERATORS).join(", ")}) are missing.`;
  if (outcome.reason === "smtp")
    return "Demo submissions not created: SMTP_URL is set, and their receipts and decisions would be emailed to made-up addresses.";
  return null;
}

interface Planned {
  spec: DemoSubmission;
  party: Party;
  topicId: number;
  slug: string;
  created: Date;
  /** When the moderator decides (approved or rejected ones). */
  decided: Date | null;
  inReplyTo: Planned | null;
  reference?: string;
  token?: string | null;
}

/**
 * On a database without any submission, creates the demo submissions and the officials' decisions
 * on them (see the top of this file). Needs the seeded topics and themes (seed) and the demo
 * moderators (seedDemoAccounts). Does nothing on a database that has a submission already.
 */
export async function seedDemoSubmissions(db: Kysely<Database>, now: Date = new Date()): Promise<DemoSubmissionsOutcome> {
  const any = await db.selectFrom("submissions").select("id").limit(1).executeTakeFirst();
  if (any) return { seeded: false, reason: "not_empty" };
  // Without SMTP every email stays in the outbox; with it, the demo would write to made-up people.
  if (process.env.SMTP_URL) return { seeded: false, reason: "smtp" };

  const actors = {} as Record<Party, Actor>;
  for (const party of ["CA", "CL"] as const) {
    const user = await db
      .selectFrom("users")
      .select(["id", "role", "party_code"])
      .where("email", "=", MODERATORS[party])
      .where("role", "=", "moderator")
      .where("party_code", "=", party)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!user) return { seeded: false, reason: "no_moderators" };
    actors[party] = { id: user.id, role: user.role, partyCode: user.party_code };
  }

  // Each topic's usable open period: from its opening (at most 60 days back) to its close or now.
  const slugs = [...new Set(demoSubmissions.map((s) => s.topic))];
  const topics = await db.selectFrom("topics").selectAll().where("slug", "in", slugs).execute();
  const windows = new Map<string, { id: number; party: Party; start: number; end: number; questions: number[] }>();
  for (const topic of topics) {
    if (topic.party_code !== "CA" && topic.party_code !== "CL") continue;
    const closes = Math.min(Date.parse(topic.closes_at), topic.closed_early_at ? Date.parse(topic.closed_early_at) : Infinity, now.getTime());
    const end = closes - 3 * HOUR;
    const start = Math.max(Date.parse(topic.opens_at), closes - 60 * DAY) + HOUR;
    if (end - start < 12 * HOUR) continue;
    if (topicStatus(topic, new Date(start)) !== "open" || topicStatus(topic, new Date(end)) !== "open") continue;
    const questions = await db.selectFrom("topic_questions").select("id").where("topic_id", "=", topic.id).orderBy("position").execute();
    windows.set(topic.slug, { id: topic.id, party: topic.party_code, start, end, questions: questions.map((q) => q.id) });
  }

  const themeRows = await db.selectFrom("themes").select(["id", "party_code", "label_en"]).execute();
  const themeIds = (party: Party, keys: ThemeKey[] = []) =>
    keys.flatMap((key) => {
      const position = THEME_POSITIONS[party][key];
      const label = position === undefined ? undefined : demoThemes[party][position]?.en;
      const row = themeRows.find((t) => t.party_code === party && t.label_en === label);
      return row ? [row.id] : [];
    });

  // Plan every date first (deterministically), then play the events in time order.
  const random = prng(20241129);
  const latest = now.getTime() - 30 * 60_000;
  const decisionAfter = (created: number) => new Date(Math.min(created + 6 * HOUR + random() * 54 * HOUR, latest));
  const planned = new Map<string, Planned>();
  for (const spec of demoSubmissions) {
    const window = windows.get(spec.topic);
    const jitter = (random() - 0.5) * 12 * HOUR;
    if (!window) continue;
    const clamp = (t: number) => Math.min(window.end, Math.max(window.start, t));
    let created = clamp(window.start + spec.at * (window.end - window.start) + jitter);
    let inReplyTo: Planned | null = null;
    const parent = spec.replyTo ? planned.get(spec.replyTo) : undefined;
    if (parent?.decided && parent.spec.status === "approved") {
      // A comment answers a proposal once it is published.
      const after = parent.decided.getTime() + 2 * HOUR;
      if (created < after) created = after <= window.end ? after : parent.decided.getTime() + (window.end - parent.decided.getTime()) / 2;
      if (created > parent.decided.getTime() + 10 * 60_000) inReplyTo = parent;
    }
    const decides = (spec.status === "approved" && !spec.campaign) || spec.status === "rejected";
    planned.set(spec.key, {
      spec,
      party: window.party,
      topicId: window.id,
      slug: spec.topic,
      created: new Date(created),
      decided: decides ? decisionAfter(created) : null,
      inReplyTo,
    });
  }

  const events: Array<{ at: number; run: () => Promise<void> }> = [];
  const at = (date: Date | number, run: () => Promise<void>) => events.push({ at: typeof date === "number" ? date : date.getTime(), run });
  const version = async (reference: string) =>
    (await db.selectFrom("submissions").select("version").where("reference", "=", reference).executeTakeFirstOrThrow()).version;
  const act = async (item: Planned, when: Date | number, action: Record<string, unknown>) => {
    if (!item.reference) return;
    const parsed = moderationActionSchema.parse({ ...action, version: await version(item.reference) });
    await moderate(db, actors[item.party], item.reference, parsed, new Date(when));
  };

  for (const item of planned.values()) {
    const { spec } = item;
    at(item.created, async () => {
      const questions = windows.get(spec.topic)?.questions ?? [];
      const answers = Object.fromEntries(
        Object.entries(spec.answers ?? {}).flatMap(([position, text]) => {
          const id = questions[Number(position)];
          return id === undefined ? [] : [[`answer_${id}`, text]];
        }),
      );
      const values = submissionFormSchema.parse({
        kind: spec.kind ?? "proposal",
        inReplyTo: item.inReplyTo?.reference ?? "",
        onBehalf: spec.onBehalf,
        stakeholderType: spec.type,
        stakeholderOther: spec.other ?? "",
        organisationName: spec.org ?? "",
        organisationSize: spec.size ?? "",
        womenLed: spec.womenLed ?? "",
        country: spec.country,
        region: spec.region ?? "",
        contactName: spec.name,
        contactEmail: spec.email,
        title: spec.title ?? "",
        body: spec.body,
        language: spec.language,
        publication: spec.publication,
        privacy: "on",
        gender: spec.gender ?? "",
        ...answers,
      });
      try {
        const created = await createSubmission(db, { topicSlug: item.slug, values, pageLocale: spec.language, now: item.created });
        item.reference = created.reference;
        item.token = created.token;
      } catch (error) {
        // A topic an official changed meanwhile (closed, archived): leave this one out.
        if (!(error instanceof SubmissionRefused)) throw error;
      }
    });
    if (item.decided) {
      const decided = item.decided;
      if (spec.status === "rejected") {
        at(decided, () => act(item, decided, { intent: "reject", reason: spec.reason ?? "other", note: spec.note ?? "", applyToCampaign: false }));
        continue;
      }
      if (spec.redact?.length) {
        const marked = spec.redact.reduce((text, passage) => text.split(passage).join(`[[${passage}]]`), spec.body);
        const when = decided.getTime() - 15 * 60_000;
        at(when, () => act(item, when, { intent: "redact", title: spec.title ?? "", body: marked, attachmentsPublic: false, answers: {} }));
      }
      at(decided, () => act(item, decided, { intent: "approve", applyToCampaign: false }));
      const tagged = decided.getTime() + 2 * 60_000;
      at(tagged, () => act(item, tagged, { intent: "tag", themes: themeIds(item.party, spec.themes) }));
      const translation = spec.translation;
      if (translation) {
        const when = Math.min(decided.getTime() + 20 * HOUR, now.getTime() - 5 * 60_000);
        at(when, () =>
          act(item, when, {
            intent: "translate",
            translationLocale: translation.locale,
            translationTitle: translation.title ?? "",
            translationBody: translation.body,
          }),
        );
      }
    }
    if (spec.status === "withdrawn") {
      // The person uses the private link from their receipt (withdrawOwnSubmission dates it now).
      at(now.getTime(), async () => {
        if (item.reference && item.token) {
          const own = await getOwnSubmission(db, item.reference, item.token);
          if (own) await withdrawOwnSubmission(db, item.reference, item.token, own.submission.version);
        }
      });
    }
  }

  // The form letter: grouped as a campaign once every copy is in (a later copy joins on arrival
  // only with the reviewed copy's very text, and these differ in greeting and signature:
  // docs/decisions/015), then approved all at once, each copy tagged like the first.
  const letters = [...planned.values()].filter((item) => item.spec.campaign).sort((a, b) => a.created.getTime() - b.created.getTime());
  const lead = letters[0];
  if (lead && letters.length >= 3) {
    const grouped = Math.min(letters[letters.length - 1]!.created.getTime() + 5 * HOUR, latest - HOUR);
    at(grouped, () => act(lead, grouped, { intent: "campaign" }));
    const approved = Math.min(letters[letters.length - 1]!.created.getTime() + 8 * HOUR, latest);
    at(approved, () => act(lead, approved, { intent: "approve", applyToCampaign: true }));
    for (const letter of letters) {
      const tagged = approved + 2 * 60_000;
      at(tagged, () => act(letter, tagged, { intent: "tag", themes: themeIds(letter.party, letter.spec.themes) }));
    }
  }

  // A stable sort: at the same moment, events keep the order they were planned in.
  events.sort((a, b) => a.at - b.at);
  for (const event of events) await event.run();

  return { seeded: true, counts: await countDemo(db) };
}

async function countDemo(db: Kysely<Database>): Promise<DemoSubmissionCounts> {
  const byStatus = await db
    .selectFrom("submissions")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const status = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const n = async (query: Promise<{ n: number | string | bigint } | undefined>) => Number((await query)?.n ?? 0);
  return {
    total: byStatus.reduce((sum, r) => sum + Number(r.n), 0),
    approved: status("approved"),
    rejected: status("rejected"),
    withdrawn: status("withdrawn"),
    pending: status("pending"),
    campaigns: await n(
      db
        .selectFrom("campaigns")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ),
    campaignLetters: await n(
      db
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "is not", null)
        .executeTakeFirst(),
    ),
    redacted: await n(
      db
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("published_body", "is not", null)
        .executeTakeFirst(),
    ),
    translated: await n(
      db
        .selectFrom("submission_translations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ),
  };
}
