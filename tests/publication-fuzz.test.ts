import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { toActor, type Actor } from "~/utils/permissions";
import { ModerationConflict, ModerationRefused, moderate } from "~/models/moderation.server";
import { excerptOf } from "~/models/published-submissions.server";
import { SubmissionRefused, updateOwnSubmission, withdrawOwnSubmission } from "~/models/submissions.server";
import { submissionFormSchema } from "~/schemas/submission";
import { createSubmissionFor, createTopic, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { publicView } from "./helpers/public-view";

// Random sequences of what people and officials do (submit, group into a campaign, edit,
// withdraw, redact, translate, approve, reject, approve a campaign), checked after every step
// against a model of what a moderator approved: every text the public can read (pages, lists, the
// open-data API and the public summary in JSON) is exactly a version a moderator approved, with
// the person's publication choice respected (docs/decisions/015). FUZZ_RUNS sets the run count.
let t: TestDatabase;
let mod: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  mod = toActor(await createUser(t.db, { role: "moderator", party: "CA" }));
});
afterAll(async () => t?.destroy());

const LETTERS = [
  "We ask both governments to publish every trade statistic broken down by sex each year.\nWithout such data no policy on women and trade can be judged fairly by anyone.",
  "Women exporters in small firms need simpler customs procedures and cheaper credit lines.\nWe urge the committee to make this the first activity of the next work plan.",
];
const PUBLICATIONS = ["named", "anonymous", "officials"] as const;
type Publication = (typeof PUBLICATIONS)[number];
type Text = { title: string | null; body: string };

const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("submit" as const),
      letter: fc.nat(1),
      publication: fc.constantFrom(...PUBLICATIONS),
      pad: fc.boolean(),
      sameAs: fc.option(fc.nat(20), { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("group" as const), i: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      i: fc.nat(20),
      letter: fc.nat(1),
      publication: fc.constantFrom(...PUBLICATIONS),
      pad: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), i: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("redact" as const), i: fc.nat(20), title: fc.constantFrom("same", "empty", "marked") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("translate" as const), i: fc.nat(20), locale: fc.constantFrom("en" as const, "fr" as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("approve" as const), i: fc.nat(20), campaign: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reject" as const), i: fc.nat(20), campaign: fc.boolean() }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What the test knows of a submission, kept apart from the code under test. */
interface Model {
  id: number;
  reference: string;
  token: string;
  name: string;
  organisation: string;
  publication: Publication;
  text: Text;
  /** The officials' redacted copy for the current text, if any. */
  redacted: Text | null;
  /** Translations officials wrote for the current text. */
  translations: Set<string>;
  /**
   * What the public may show as this submission: the text a moderator approved; null when it is
   * approved but must not appear by itself (decided with its campaign); undefined when not public.
   */
  approved: Text | null | undefined;
}

const publicText = (m: Model): Text => m.redacted ?? m.text;
/** How often the runs reached the interesting paths (the generator must, or the test proves little). */
const reached = { publicRecords: 0, campaignCopies: 0, editsAfterWork: 0 };
const plain = (text: string) => text.split("[[redacted]]").join("[redacted]");

async function run(ops: Op[]) {
  const topic = await createTopic(t.db, { party: "CA" });
  const models: Model[] = [];
  const pick = (i: number) => (models.length ? models[i % models.length]! : null);
  const row = (m: Model) => t.db.selectFrom("submissions").selectAll().where("id", "=", m.id).executeTakeFirstOrThrow();
  const statuses = async () =>
    new Map((await t.db.selectFrom("submissions").select(["id", "status"]).where("topic_id", "=", topic.id).execute()).map((r) => [r.id, r.status]));
  const bodyOf = (letter: number, pad: boolean, name: string) => `Dear ministers,\n${LETTERS[letter]}\n${pad ? "Call 555 0100 now\n" : ""}${name}`;
  let n = 0;

  for (const step of ops) {
    const before = await statuses();
    let approvedNow: Model | null = null;
    try {
      switch (step.kind) {
        case "submit": {
          n++;
          const name = `Zq${n}${Math.random().toString(36).slice(2, 6)}`;
          const organisation = `Orgq${n}${Math.random().toString(36).slice(2, 6)}`;
          const same = step.sameAs !== undefined ? pick(step.sameAs) : null;
          const text = same ? { ...same.text } : { title: `Letter ${step.letter}`, body: bodyOf(step.letter, step.pad, name) };
          const created = await createSubmissionFor(t.db, {
            topicSlug: topic.slug,
            values: {
              title: text.title ?? "",
              body: text.body,
              contactName: name,
              organisationName: organisation,
              publication: step.publication,
              language: "es",
            },
          });
          models.push({
            id: created.id,
            reference: created.reference,
            token: created.token!,
            name,
            organisation,
            publication: step.publication,
            text,
            redacted: null,
            translations: new Set(),
            approved: undefined,
          });
          break;
        }
        case "group": {
          const m = pick(step.i);
          if (m) await moderate(t.db, mod, m.reference, { intent: "campaign", version: (await row(m)).version });
          break;
        }
        case "edit": {
          const m = pick(step.i);
          if (!m) break;
          const r = await row(m);
          const text = { title: `Letter ${step.letter}`, body: bodyOf(step.letter, step.pad, m.name) };
          const values = submissionFormSchema.parse({
            kind: r.kind,
            onBehalf: r.on_behalf,
            stakeholderType: r.stakeholder_type,
            organisationName: r.organisation_name ?? "",
            country: r.country,
            region: r.region_code ?? "",
            contactName: r.contact_name,
            contactEmail: r.contact_email,
            title: text.title,
            body: text.body,
            language: r.language,
            publication: step.publication,
            privacy: "on",
          });
          const worked = m.redacted !== null || m.translations.size > 0 || (await row(m)).campaign_id !== null;
          await updateOwnSubmission(t.db, m.reference, m.token, values, (await row(m)).version);
          if (worked) reached.editsAfterWork++;
          // The rule under test: what officials prepared for the earlier text no longer applies.
          Object.assign(m, { text, publication: step.publication, redacted: null, translations: new Set() });
          break;
        }
        case "withdraw": {
          const m = pick(step.i);
          if (m) await withdrawOwnSubmission(t.db, m.reference, m.token, (await row(m)).version);
          break;
        }
        case "redact": {
          const m = pick(step.i);
          if (!m) break;
          const lines = m.text.body.split("\n");
          const body = [...lines.slice(0, -1), `[[${lines.at(-1)}]]`].join("\n");
          const title = step.title === "same" ? (m.text.title ?? "") : step.title === "empty" ? "" : `[[${m.text.title ?? ""}]]`;
          await moderate(t.db, mod, m.reference, { intent: "redact", version: (await row(m)).version, title, body, attachmentsPublic: true, answers: {} });
          m.redacted = {
            title: step.title === "same" || m.text.title === null ? m.text.title : step.title === "empty" ? null : "[[redacted]]",
            body: [...lines.slice(0, -1), "[[redacted]]"].join("\n"),
          };
          // Redacting a published submission is the official's approval of the new public text.
          if (m.approved) m.approved = publicText(m);
          break;
        }
        case "translate": {
          const m = pick(step.i);
          if (!m) break;
          const text = `Official translation ${Math.random().toString(36).slice(2, 8)}`;
          await moderate(t.db, mod, m.reference, {
            intent: "translate",
            version: (await row(m)).version,
            translationLocale: step.locale,
            translationTitle: "",
            translationBody: text,
          });
          m.translations.add(text);
          break;
        }
        case "approve":
        case "reject": {
          const m = pick(step.i);
          if (!m) break;
          const version = (await row(m)).version;
          await moderate(
            t.db,
            mod,
            m.reference,
            step.kind === "approve"
              ? { intent: "approve", version, applyToCampaign: step.campaign }
              : { intent: "reject", version, reason: "spam", note: "", applyToCampaign: step.campaign },
          );
          if (step.kind === "approve") {
            // What the moderator had before them: the text, or the officials' redacted copy of it.
            m.approved = publicText(m);
            approvedNow = m;
          }
          break;
        }
      }
    } catch (error) {
      // Refusals and conflicts are answers, not failures; anything else is.
      if (!(error instanceof ModerationRefused || error instanceof ModerationConflict || error instanceof SubmissionRefused)) throw error;
    }
    const after = await statuses();
    for (const m of models) {
      if (after.get(m.id) !== "approved") m.approved = undefined;
      // Approved by another copy's decision (its campaign): counted, never shown by itself.
      else if (before.get(m.id) !== "approved" && m !== approvedNow) {
        m.approved = null;
        reached.campaignCopies++;
      }
    }
    await check(topic, models);
  }
}

async function check(topic: { id: number; slug: string }, models: Model[]) {
  const { records, blob } = await publicView(t.db, topic);
  const byReference = new Map(models.map((m) => [m.reference, m]));
  reached.publicRecords += records.length;
  for (const r of records) {
    const m = byReference.get(r.reference)!;
    const where = `${r.surface} ${r.reference}`;
    expect(m.approved, `${where} is public without an approval of its own`).toBeTruthy();
    expect(m.publication, where).not.toBe("officials");
    const approved = m.approved!;
    const raw = r.surface === "page" || r.surface === "list";
    const title = raw ? approved.title : approved.title === null ? null : plain(approved.title);
    expect(r.title, where).toBe(title);
    if (r.surface === "list") expect(r.text, where).toBe(excerptOf(approved.body));
    else expect(r.text, where).toBe(raw ? approved.body : plain(approved.body));
    expect(r.author, where).toBe(m.publication === "named" ? m.name : null);
    expect(r.organisation, where).toBe(m.publication === "named" ? m.organisation : null);
    for (const tr of r.translations) expect(m.translations.has(tr.split("\n").slice(1).join("\n")), `${where} translation`).toBe(true);
  }
  // A name asked to be hidden appears only where a moderator approved a text that holds it.
  const approvedTexts = models.flatMap((m) => (m.approved ? [`${m.approved.title ?? ""}\n${m.approved.body}`] : [])).join("\n");
  for (const m of models) {
    if (m.publication === "named") continue;
    for (const secret of [m.name, m.organisation]) {
      if (blob.includes(secret)) expect(approvedTexts, `${secret} (${m.reference}, ${m.publication})`).toContain(secret);
    }
  }
}

describe("what the public sees, under random sequences of actions", () => {
  it("is always a version a moderator approved, with the person's publication choice", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Every sequence starts with a campaign of three copies (random consents), so the campaign
        // paths are reached in most runs; then anything may happen.
        fc.tuple(
          fc.constantFrom(...PUBLICATIONS),
          fc.constantFrom(...PUBLICATIONS),
          fc.constantFrom(...PUBLICATIONS),
          fc.array(op, { minLength: 4, maxLength: 18 }),
        ),
        async ([p1, p2, p3, ops]) =>
          run([
            ...[p1, p2, p3].map((publication) => ({ kind: "submit" as const, letter: 0, publication, pad: false, sameAs: undefined })),
            { kind: "group" as const, i: 0 },
            ...ops,
          ]),
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 15) },
    );
    expect(reached.publicRecords).toBeGreaterThan(0);
    expect(reached.campaignCopies).toBeGreaterThan(0);
    expect(reached.editsAfterWork).toBeGreaterThan(0);
  }, 240_000);
});
