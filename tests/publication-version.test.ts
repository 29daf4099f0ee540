import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import { PublicationClock, readPublicationState } from "~/models/publication.server";
import { readStatsSnapshot, refreshStatsSnapshot, StatsRefresher } from "~/models/stats-snapshots.server";
import { getStats } from "~/models/stats.server";
import { withdrawOwnSubmission, updateOwnSubmission, getOwnSubmission, submissionFormValues } from "~/models/submissions.server";
import { saveSynthesis } from "~/models/syntheses.server";
import { createTheme, deleteTheme, updateTheme } from "~/models/themes.server";
import { changeTopicState, getTopicForm, saveTopic } from "~/models/topic-admin.server";
import { submissionFormSchema } from "~/schemas/submission";
import { topicFormSchema } from "~/schemas/topic";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// ADR 027: one publication version advanced with every change to what the public sees, and the
// statistics snapshots keyed by it.

let t: TestDatabase;
let mod: Actor;
let by: { id: number; email: string; actor: Actor };
let areaId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const user = await createUser(t.db, { role: "moderator", party: "CA" });
  mod = { id: user.id, role: "moderator", partyCode: "CA" };
  by = { id: user.id, email: user.email, actor: mod };
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.destroy();
});

const version = async () => (await readPublicationState(t.db)).version;

/** Runs `change` and returns by how much it advanced the version. */
async function advanceOf(change: () => Promise<unknown>): Promise<number> {
  const before = await version();
  await change();
  return (await version()) - before;
}

const approve = (reference: string, v = 1, applyToCampaign = false) => moderate(t.db, mod, reference, { intent: "approve", version: v, applyToCampaign });
const currentVersion = async (reference: string) =>
  (await t.db.selectFrom("submissions").select("version").where("reference", "=", reference).executeTakeFirstOrThrow()).version;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("the publication version", () => {
  it("advances with every change the public can see, in the same transaction", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const a = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    const b = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    expect(await advanceOf(() => approve(a.reference))).toBe(1);
    expect(await advanceOf(() => moderate(t.db, mod, b.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false }))).toBe(1);
    // Unpublishing: rejecting an approved submission.
    expect(
      await advanceOf(async () =>
        moderate(t.db, mod, a.reference, { intent: "reject", version: await currentVersion(a.reference), reason: "other", note: "", applyToCampaign: false }),
      ),
    ).toBe(1);
    expect(await advanceOf(async () => approve(a.reference, await currentVersion(a.reference)))).toBe(1);
    // Redacting, translating and tagging an approved submission.
    expect(
      await advanceOf(async () =>
        moderate(t.db, mod, a.reference, {
          intent: "redact",
          version: await currentVersion(a.reference),
          title: "Redacted",
          body: "Women in trade need [[data]].",
          answers: {},
          attachmentsPublic: true,
        }),
      ),
    ).toBe(1);
    expect(
      await advanceOf(async () =>
        moderate(t.db, mod, a.reference, {
          intent: "translate",
          version: await currentVersion(a.reference),
          translationLocale: "fr",
          translationTitle: "Titre",
          translationBody: "Texte.",
        }),
      ),
    ).toBe(1);
    const theme = await createTheme(t.db, mod, "CA", { label_en: "Data", label_fr: "Données", label_es: "Datos" });
    expect(
      await advanceOf(async () => moderate(t.db, mod, a.reference, { intent: "tag", version: await currentVersion(a.reference), themes: [theme.id] })),
    ).toBe(1);
  });

  it("advances with campaigns, topics, themes and syntheses", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const letter = { title: "Same letter", body: "We ask the parties to publish trade data by gender, every year, for every sector." };
    const first = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: letter });
    await createSubmissionFor(t.db, { topicSlug: topic.slug, values: letter });
    expect(await advanceOf(() => moderate(t.db, mod, first.reference, { intent: "campaign", version: 1 }))).toBe(1);
    // Approving the campaign: one advance for the whole decision.
    expect(await advanceOf(async () => approve(first.reference, await currentVersion(first.reference), true))).toBe(1);

    let topicId = 0;
    expect(
      await advanceOf(async () => {
        topicId = await saveTopic(
          t.db,
          by,
          undefined,
          topicFormSchema.parse({
            partyCode: "CA",
            areaId: String(areaId),
            slug: "publication-version-topic",
            opensDate: inDays(-1),
            opensTime: "09:00",
            closesDate: inDays(30),
            closesTime: "23:59",
            en_title: "A topic",
            en_summary: "Summary.",
            en_body: "Body.",
          }),
        );
      }),
    ).toBe(1);
    expect(await advanceOf(() => changeTopicState(t.db, by, topicId, "publish"))).toBe(1);
    expect(
      await advanceOf(async () => {
        const { values } = await getTopicForm(t.db, mod, topicId);
        await saveTopic(t.db, by, topicId, topicFormSchema.parse({ ...values, en_title: "A topic, renamed" }));
      }),
    ).toBe(1);
    expect(await advanceOf(() => changeTopicState(t.db, by, topicId, "close"))).toBe(1);
    expect(await advanceOf(() => changeTopicState(t.db, by, topicId, "archive"))).toBe(1);

    let themeId = 0;
    expect(await advanceOf(async () => (themeId = (await createTheme(t.db, mod, "CA", { label_en: "T2", label_fr: "T2", label_es: "T2" })).id))).toBe(1);
    expect(await advanceOf(() => updateTheme(t.db, mod, themeId, { label_en: "T3", label_fr: "T3", label_es: "T3" }))).toBe(1);
    expect(await advanceOf(() => deleteTheme(t.db, mod, themeId))).toBe(1);
    expect(await advanceOf(() => saveSynthesis(t.db, mod, { party: "CA", area: areaId, texts: { en: "What we heard.", fr: "", es: "" } }))).toBe(1);
  });

  it("does not advance for what the public cannot see: a pending submission, its edit or withdrawal, a refused decision", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    let s: { reference: string; token: string | null } = { reference: "", token: null };
    expect(await advanceOf(async () => (s = await createSubmissionFor(t.db, { topicSlug: topic.slug })))).toBe(0);
    expect(
      await advanceOf(async () => {
        const own = (await getOwnSubmission(t.db, s.reference, s.token!))!;
        const values = submissionFormSchema.parse({
          ...submissionFormValues(own.submission, { answers: own.answers }),
          body: "Women in trade need better data.",
        });
        await updateOwnSubmission(t.db, s.reference, s.token!, values, own.submission.version);
      }),
    ).toBe(0);
    // Tagging a pending submission shows nothing to the public.
    const theme = await createTheme(t.db, mod, "CA", { label_en: "Pending tag", label_fr: "Pending tag", label_es: "Pending tag" });
    expect(
      await advanceOf(async () => moderate(t.db, mod, s.reference, { intent: "tag", version: await currentVersion(s.reference), themes: [theme.id] })),
    ).toBe(0);
    expect(await advanceOf(async () => withdrawOwnSubmission(t.db, s.reference, s.token!, await currentVersion(s.reference)))).toBe(0);
    // A conflict (stale version) writes nothing, the version included.
    const other = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    expect(await advanceOf(() => approve(other.reference, 7).catch(() => undefined))).toBe(0);
  });

  it("changes its key when a consultation's date passes, with nothing written", async () => {
    const opens = days(2);
    await createTopic(t.db, { party: "CL", opensAt: opens, closesAt: days(20) });
    const before = await readPublicationState(t.db, new Date(opens.getTime() - 1000));
    const after = await readPublicationState(t.db, new Date(opens.getTime() + 1000));
    expect(after.version).toBe(before.version);
    expect(after.key).not.toBe(before.key);
    expect(before.validUntil!.getTime()).toBeLessThanOrEqual(opens.getTime());
    expect(after.lastModified.getTime()).toBe(opens.getTime());
  });

  it("is re-read by a process at most every poll interval, and at once after its own change", async () => {
    let now = new Date();
    const clock = new PublicationClock(t.db, 1000, () => now);
    const first = await clock.current();
    // Another server's change (written directly): not seen until the interval has passed.
    await t.db
      .updateTable("publication_version")
      .set({ version: first.version + 1 })
      .execute();
    expect((await clock.current()).version).toBe(first.version);
    now = new Date(now.getTime() + 1001);
    expect((await clock.current()).version).toBe(first.version + 1);
    // This process's own change: seen at once.
    const topic = await createTopic(t.db, { party: "CA" });
    expect((await clock.current()).version).toBe(first.version + 2);
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    await approve(s.reference);
    expect((await clock.current()).version).toBe(first.version + 3);
    clock.close();
  });
});

describe("statistics snapshots", () => {
  it("are computed once for concurrent first readers, then served until the version moves", async () => {
    await t.db.deleteFrom("stats_snapshots").execute();
    let computations = 0;
    const run = async <T>(work: () => Promise<T>) => {
      computations++;
      return work();
    };
    const reads = await Promise.all(Array.from({ length: 8 }, () => readStatsSnapshot(t.db, { locale: "en" }, { run })));
    expect(computations).toBe(1);
    expect(reads.every((r) => r?.fresh)).toBe(true);
    expect(new Set(reads.map((r) => JSON.stringify(r!.stats))).size).toBe(1);
    // Served from the table: no computation, still fresh.
    expect((await readStatsSnapshot(t.db, { locale: "en" }, { run }))!.fresh).toBe(true);
    expect(computations).toBe(1);
  });

  it("serve the last snapshot after a change and ask for one refresh; the refresh gives the live figures", async () => {
    const topic = await createTopic(t.db, { party: "CL" });
    await readStatsSnapshot(t.db, { locale: "fr" });
    const before = (await readStatsSnapshot(t.db, { locale: "fr" }))!.stats;
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CL" } });
    const chile: Actor = { id: (await createUser(t.db, { role: "moderator", party: "CL" })).id, role: "moderator", partyCode: "CL" };
    await moderate(t.db, chile, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    let stale = 0;
    const read = (await readStatsSnapshot(t.db, { locale: "fr" }, { onStale: () => stale++ }))!;
    expect(read.fresh).toBe(false);
    expect(stale).toBe(1);
    expect(read.stats.totals.published).toBe(before.totals.published);
    expect(await refreshStatsSnapshot(t.db)).toBeGreaterThanOrEqual(1);
    const fresh = (await readStatsSnapshot(t.db, { locale: "fr" }))!;
    expect(fresh.fresh).toBe(true);
    expect(fresh.stats.totals.published).toBe(before.totals.published + 1);
    // The same figures as the live computation (generation time aside).
    const live = (await getStats(t.db, { locale: "fr" }))!;
    expect({ ...fresh.stats, generatedAt: "" }).toEqual({ ...live, generatedAt: "" });
    // Nothing more to do once every snapshot is at the current key.
    expect(await refreshStatsSnapshot(t.db)).toBe(0);
  });

  it("keep the gender figures of the live computation (ADR 016): nothing shown that the live page would withhold", async () => {
    // A closed consultation with 3 women: settled, and withheld (fewer than 5).
    const topic = await createTopic(t.db, { party: "CA", opensAt: days(-10), closesAt: days(-1) });
    const women = [];
    for (let i = 0; i < 3; i++) {
      women.push(
        await createSubmissionFor(t.db, {
          topicSlug: topic.slug,
          values: { onBehalf: "self", stakeholderType: "individual", organisationName: "", gender: "woman" },
          now: days(-5),
        }),
      );
    }
    for (const w of women) await approve(w.reference);
    await refreshStatsSnapshot(t.db);
    const snap = (await readStatsSnapshot(t.db, { locale: "en" }))!;
    const live = (await getStats(t.db, { locale: "en" }))!;
    expect(snap.fresh).toBe(true);
    expect(snap.stats.totals.gender).toEqual(live.totals.gender);
    expect(snap.stats.parties.map((p) => p.gender)).toEqual(live.parties.map((p) => p.gender));
    expect(JSON.stringify(snap.stats.totals.gender)).not.toContain('"value":3');
  });

  it("are refreshed in the background at most once per interval, bursts coalesced (injected clock and timer)", async () => {
    let now = new Date("2026-12-06T12:00:00.000Z");
    const timers: Array<{ at: number; fire: () => void }> = [];
    const refresher = new StatsRefresher(t.db, {
      intervalMs: 10_000,
      now: () => now,
      setTimer: (fire, ms) => {
        const timer = { at: now.getTime() + ms, fire };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
    });
    const advance = async (ms: number) => {
      now = new Date(now.getTime() + ms);
      for (const timer of timers.filter((x) => x.at <= now.getTime())) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fire();
      }
      await refresher.idle();
    };
    // A burst of changes: one run, at once (nothing ran before).
    for (let i = 0; i < 5; i++) refresher.request("all:en");
    expect(timers).toHaveLength(1);
    await advance(0);
    expect(refresher.runs).toBe(1);
    // Another burst right after: one run, 10 s after the first.
    for (let i = 0; i < 5; i++) refresher.request(i % 2 ? "all:fr" : "all:en");
    expect(timers).toHaveLength(1);
    await advance(9_000);
    expect(refresher.runs).toBe(1);
    await advance(1_000);
    expect(refresher.runs).toBe(2);
    refresher.stop();
  });
});
