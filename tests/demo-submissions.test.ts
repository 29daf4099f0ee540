import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoAccounts } from "../db/seed/demo-accounts";
import { demoSubmissionsLine, seedDemoSubmissions, type DemoSubmissionsOutcome } from "../scripts/demo-submissions";
import { seed } from "../db/seed/index";
import { REDACTED } from "~/schemas/redaction";
import { stakeholderTypes } from "~/schemas/submission";
import { countRows, createTestDatabase, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
let outcome: DemoSubmissionsOutcome;
let seconds = 0;
const now = new Date();

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db, now);
  await seedDemoAccounts(t.db);
  const started = Date.now();
  outcome = await seedDemoSubmissions(t.db, now);
  seconds = (Date.now() - started) / 1000;
});
afterAll(async () => t.destroy());

const all = () =>
  t.db
    .selectFrom("submissions as s")
    .innerJoin("topics as t", "t.id", "s.topic_id")
    .selectAll("s")
    .select(["t.slug", "t.opens_at", "t.closes_at", "t.party_code as topic_party"])
    .execute();
const count = (table: "submissions" | "outbox" | "moderation_events" | "campaigns" | "submission_themes" | "participant_profiles") => countRows(t.db, table);

describe("seedDemoSubmissions", () => {
  it("creates a realistic mix of 60 to 90 submissions across both countries' topics, quickly", async () => {
    expect(outcome.seeded).toBe(true);
    expect(seconds).toBeLessThan(10);
    const rows = await all();
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.length).toBeLessThanOrEqual(90);
    if (!outcome.seeded) return;
    expect(outcome.counts.total).toBe(rows.length);
    expect(demoSubmissionsLine(outcome)).toMatch(new RegExp(`^Demo submissions: ${rows.length} \\(\\d+ approved, \\d+ rejected`));

    const share = (status: string) => rows.filter((r) => r.status === status).length / rows.length;
    expect(share("approved")).toBeGreaterThan(0.45);
    expect(share("approved")).toBeLessThan(0.65);
    expect(share("rejected")).toBeGreaterThan(0.06);
    expect(share("rejected")).toBeLessThan(0.15);
    expect(share("withdrawn")).toBeGreaterThan(0.03);
    expect(share("withdrawn")).toBeLessThan(0.08);
    expect(share("pending")).toBeGreaterThan(0.15);

    // Both parties, the closed topic and the open ones, never the scheduled one.
    const slugs = new Set(rows.map((r) => r.slug));
    expect(slugs).toContain("women-in-mining-canada");
    expect(slugs).not.toContain("women-in-clean-technology-chile");
    expect(new Set(rows.map((r) => r.party_code))).toEqual(new Set(["CA", "CL"]));
    expect(slugs.size).toBe(7);

    // Every stakeholder type, every country of origin, every language, every publication choice.
    expect(new Set(rows.map((r) => r.stakeholder_type))).toEqual(new Set(stakeholderTypes));
    expect(rows.filter((r) => r.stakeholder_type === "other").every((r) => !!r.stakeholder_other)).toBe(true);
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(["CA", "CL", "other"]));
    const canadian = rows.filter((r) => r.party_code === "CA");
    const chilean = rows.filter((r) => r.party_code === "CL");
    expect(new Set(canadian.map((r) => r.language))).toEqual(new Set(["en", "fr", "es"]));
    expect(canadian.filter((r) => r.language !== "es").length / canadian.length).toBeGreaterThan(0.85);
    expect(chilean.filter((r) => r.language === "es").length / chilean.length).toBeGreaterThan(0.85);
    const publication = (p: string) => rows.filter((r) => r.publication === p).length;
    expect(publication("anonymous")).toBeGreaterThan(publication("named"));
    expect(publication("named")).toBeGreaterThan(publication("officials"));
    expect(publication("officials")).toBeGreaterThanOrEqual(3);
    const organisations = rows.filter((r) => r.on_behalf === "organisation");
    expect(new Set(organisations.map((r) => r.women_led))).toEqual(new Set(["yes", "no", null]));
    expect(organisations.filter((r) => r.women_led === "yes").length).toBeGreaterThan(organisations.length / 2);

    // Regions come from the seeded ones and match the sender's country.
    const regions = new Map((await t.db.selectFrom("regions").select(["code", "party_code"]).execute()).map((r) => [r.code, r.party_code]));
    for (const r of rows) {
      if (r.country === "other") expect(r.region_code).toBeNull();
      else expect(regions.get(r.region_code ?? "")).toBe(r.country);
    }

    // Texts as people write them: mostly a few hundred characters and more, never over ~2,000.
    expect(rows.every((r) => r.body.length <= 2000)).toBe(true);
    expect(rows.filter((r) => r.body.length >= 300).length / rows.length).toBeGreaterThan(0.75);

    // Answers to the guiding questions of the submission's own topic.
    const answers = await t.db
      .selectFrom("submission_answers as a")
      .innerJoin("topic_questions as q", "q.id", "a.question_id")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select(["a.submission_id", "q.topic_id", "s.topic_id as submission_topic"])
      .execute();
    expect(new Set(answers.map((a) => a.submission_id)).size).toBeGreaterThanOrEqual(15);
    expect(answers.every((a) => a.topic_id === a.submission_topic)).toBe(true);

    // Comments answering published proposals of the same topic.
    const comments = rows.filter((r) => r.kind === "comment" && r.in_reply_to !== null);
    expect(comments.length).toBeGreaterThanOrEqual(3);
    for (const c of comments) {
      const parent = rows.find((r) => r.id === c.in_reply_to)!;
      expect(parent.topic_id).toBe(c.topic_id);
      expect(parent.status).toBe("approved");
      expect(parent.decided_at! < c.created_at).toBe(true);
    }

    // A receipt for each, a decision email for each decision.
    const outbox = await t.db.selectFrom("outbox").select(["kind"]).execute();
    expect(outbox.filter((o) => o.kind === "submission_receipt")).toHaveLength(rows.length);
    expect(outbox.filter((o) => o.kind === "submission_approved")).toHaveLength(rows.filter((r) => r.status === "approved").length);
    expect(outbox.filter((o) => o.kind === "submission_rejected")).toHaveLength(rows.filter((r) => r.status === "rejected").length);
  });

  it("dates each submission while its topic was open, in the past, and numbers them in order", async () => {
    const rows = await all();
    for (const r of rows) {
      expect(r.created_at >= r.opens_at && r.created_at < r.closes_at).toBe(true);
      expect(r.created_at < now.toISOString()).toBe(true);
      if (r.decided_at) expect(r.decided_at > r.created_at && r.decided_at <= now.toISOString()).toBe(true);
    }
    // The closed consultation received its submissions over several weeks before it closed.
    const closed = rows.filter((r) => r.slug === "women-in-mining-canada").map((r) => Date.parse(r.created_at));
    expect(closed.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...closed) - Math.min(...closed)).toBeGreaterThan(14 * 86_400_000);
    expect(rows.filter((r) => r.slug === "women-in-mining-canada").every((r) => r.status === "approved" || r.status === "rejected")).toBe(true);
    for (const party of ["CA", "CL"]) {
      const ordered = rows.filter((r) => r.party_code === party).sort((a, b) => a.year - b.year || a.seq - b.seq);
      expect(ordered.map((r) => r.created_at)).toEqual([...ordered.map((r) => r.created_at)].sort());
    }
  });

  it("decides through moderation, as each party's demo moderator", async () => {
    const rows = await all();
    const events = await t.db
      .selectFrom("moderation_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select(["e.submission_id", "e.action", "e.reason", "e.created_at", "u.email", "u.party_code"])
      .execute();
    const moderatorOf = { CA: "moderator.ca@puente.test", CL: "moderadora.cl@puente.test" } as Record<string, string>;
    for (const r of rows) {
      const mine = events.filter((e) => e.submission_id === r.id);
      for (const e of mine.filter((e) => e.action !== "submitter_withdraw")) expect(e.email).toBe(moderatorOf[r.party_code]);
      const approvals = mine.filter((e) => e.action === "approve");
      const rejections = mine.filter((e) => e.action === "reject");
      if (r.status === "approved") {
        expect(approvals).toHaveLength(1);
        expect(r.decided_at).toBe(approvals[0]!.created_at);
      } else expect(approvals).toHaveLength(0);
      if (r.status === "rejected") {
        expect(rejections).toHaveLength(1);
        expect(rejections[0]!.reason).toBe(r.rejection_reason);
      } else expect(rejections).toHaveLength(0);
      if (r.status === "withdrawn") expect(mine.map((e) => e.action)).toEqual(["submitter_withdraw"]);
      if (r.status === "pending") expect(mine).toHaveLength(0);
      // Every action raised the version once (the optimistic lock was honoured).
      expect(r.version).toBe(1 + mine.length);
    }
    expect(new Set(rows.filter((r) => r.status === "rejected").map((r) => r.rejection_reason)).size).toBeGreaterThanOrEqual(5);

    // Approved ones are tagged with their own party's themes.
    const tags = await t.db
      .selectFrom("submission_themes as st")
      .innerJoin("themes as th", "th.id", "st.theme_id")
      .innerJoin("submissions as s", "s.id", "st.submission_id")
      .select(["s.id", "s.status", "s.party_code", "th.party_code as theme_party"])
      .execute();
    expect(tags.every((tag) => tag.status === "approved" && tag.party_code === tag.theme_party)).toBe(true);
    const approved = rows.filter((r) => r.status === "approved");
    expect(new Set(tags.map((tag) => tag.id)).size / approved.length).toBeGreaterThan(0.9);
    expect(new Set(tags.filter((tag) => tag.party_code === "CL").map((tag) => tag.theme_party))).toEqual(new Set(["CL"]));
  });

  it("redacts third persons' names and phone numbers, and adds official translations", async () => {
    const redacted = (await all()).filter((r) => r.published_body !== null);
    expect(redacted.length).toBeGreaterThanOrEqual(2);
    for (const r of redacted) {
      expect(r.published_body).toContain(REDACTED);
      expect(r.published_body).not.toMatch(/\d{3}-555-\d{4}|\+56 9/);
      expect(r.body).not.toContain("[[");
    }
    const translations = await t.db
      .selectFrom("submission_translations as st")
      .innerJoin("submissions as s", "s.id", "st.submission_id")
      .select(["st.locale", "s.language", "s.status", "st.translated_by_user_id"])
      .execute();
    expect(translations.length).toBeGreaterThanOrEqual(2);
    expect(translations).toContainEqual(expect.objectContaining({ language: "es", locale: "en", status: "approved" }));
    expect(translations.every((tr) => tr.locale !== tr.language && tr.translated_by_user_id !== null)).toBe(true);
  });

  it("groups a form letter to a Canadian topic as a campaign approved all at once", async () => {
    const campaigns = await t.db.selectFrom("campaigns as c").innerJoin("topics as t", "t.id", "c.topic_id").select(["c.id", "t.party_code"]).execute();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]!.party_code).toBe("CA");
    const members = (await all()).filter((r) => r.campaign_id === campaigns[0]!.id);
    expect(members.length).toBeGreaterThanOrEqual(5);
    expect(members.every((m) => m.status === "approved")).toBe(true);
    expect(new Set(members.map((m) => m.similarity_key)).size).toBe(1);
    expect(new Set(members.map((m) => m.body)).size).toBe(members.length);
    expect(new Set(members.map((m) => m.decided_at)).size).toBe(1);
    const decisions = await t.db
      .selectFrom("moderation_events")
      .select(["after"])
      .where("action", "=", "approve")
      .where(
        "submission_id",
        "in",
        members.map((m) => m.id),
      )
      .execute();
    expect(decisions.filter((d) => JSON.parse(d.after ?? "{}").campaignOf)).toHaveLength(members.length - 1);
  });

  it("gives the gender question's counts in Chile one group of 5 or more and one small enough to be suppressed", async () => {
    // As the summaries count them: approved submissions of people writing for themselves.
    const groups = await t.db
      .selectFrom("submissions as s")
      .innerJoin("participant_profiles as pp", "pp.submission_id", "s.id")
      .select(["pp.gender", (eb) => eb.fn.countAll<number>().as("n")])
      .where("s.party_code", "=", "CL")
      .where("s.status", "=", "approved")
      .where("s.on_behalf", "=", "self")
      .groupBy("pp.gender")
      .execute();
    const counts = groups.map((g) => Number(g.n));
    expect(counts.some((n) => n >= 5)).toBe(true);
    expect(counts.some((n) => n >= 1 && n <= 4)).toBe(true);
    // About half of the people writing for themselves answered it.
    const self = (await all()).filter((r) => r.on_behalf === "self");
    const answered = await count("participant_profiles");
    expect(answered / self.length).toBeGreaterThan(0.35);
    expect(answered / self.length).toBeLessThan(0.75);
  });

  it("adds nothing when run again", async () => {
    const before = await Promise.all((["submissions", "outbox", "moderation_events", "campaigns", "submission_themes"] as const).map(count));
    expect(await seedDemoSubmissions(t.db)).toEqual({ seeded: false, reason: "not_empty" });
    expect(demoSubmissionsLine({ seeded: false, reason: "not_empty" })).toBeNull();
    expect(await Promise.all((["submissions", "outbox", "moderation_events", "campaigns", "submission_themes"] as const).map(count))).toEqual(before);
  });
});

describe("seedDemoSubmissions without the demo moderators", () => {
  it("creates nothing and says why", async () => {
    const other = await createTestDatabase();
    try {
      await seed(other.db, now);
      expect(await seedDemoSubmissions(other.db, now)).toEqual({ seeded: false, reason: "no_moderators" });
      expect(
        Number(
          (
            await other.db
              .selectFrom("submissions")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
