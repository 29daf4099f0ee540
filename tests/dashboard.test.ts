// The back office's dashboard (ADR 044): each figure is what the list it links to shows, for the
// official's country (both for admins), computed at an injected moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { getDashboard } from "~/models/dashboard.server";
import { listQueue } from "~/models/moderation.server";
import { queueFiltersSchema } from "~/schemas/moderation";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

const DAY = 24 * 60 * 60 * 1000;
let t: TestDatabase;
let server: RunningServer;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
const now = new Date();
const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);
const topics = {} as Record<"ca1" | "ca2" | "cl" | "caOpening" | "caLater", { id: number; slug: string }>;
const refs = { ca1Pending: [] as string[], ca1Approved: "", ca2Pending: [] as string[], clPending: [] as string[] };

const actor = (who: "modCA" | "modCL" | "admin" | "committee"): Actor => ({
  id: officials.actors[who].id,
  role: officials.actors[who].role,
  partyCode: officials.actors[who].partyCode,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  topics.ca1 = await createTopic(t.db, { party: "CA", opensAt: ago(60), closesAt: new Date(now.getTime() + 5 * DAY) });
  topics.ca2 = await createTopic(t.db, { party: "CA", opensAt: ago(60), closesAt: new Date(now.getTime() + 40 * DAY) });
  topics.cl = await createTopic(t.db, { party: "CL", opensAt: ago(60), closesAt: new Date(now.getTime() + 40 * DAY) });
  topics.caOpening = await createTopic(t.db, { party: "CA", opensAt: new Date(now.getTime() + 3 * DAY), closesAt: new Date(now.getTime() + 30 * DAY) });
  topics.caLater = await createTopic(t.db, { party: "CA", opensAt: new Date(now.getTime() + 20 * DAY), closesAt: new Date(now.getTime() + 60 * DAY) });
  for (const at of [ago(12, 2), ago(3), ago(0, 1)]) refs.ca1Pending.push((await createSubmissionFor(t.db, { topicSlug: topics.ca1.slug, now: at })).reference);
  const approved = await createSubmissionFor(t.db, { topicSlug: topics.ca1.slug, now: ago(20) });
  refs.ca1Approved = approved.reference;
  await t.db.updateTable("submissions").set({ status: "approved" }).where("id", "=", approved.id).execute();
  refs.ca2Pending.push((await createSubmissionFor(t.db, { topicSlug: topics.ca2.slug, now: ago(0, 3) })).reference);
  for (const at of [ago(45), ago(2)])
    refs.clPending.push((await createSubmissionFor(t.db, { topicSlug: topics.cl.slug, now: at, values: { country: "CL" } })).reference);
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("the dashboard's figures", () => {
  it("counts a moderator's own country's pending submissions per consultation, as the queue filtered by that consultation does", async () => {
    const dash = await getDashboard(t.db, actor("modCA"), "en", now);
    expect(dash.parties).toEqual(["CA"]);
    expect(dash.queue!.topics.map((q) => [q.topicId, q.pending, q.oldestDays])).toEqual([
      [topics.ca1.id, 3, 12],
      [topics.ca2.id, 1, 0],
    ]);
    expect(dash.queue!.totals).toEqual([{ party: "CA", pending: 4 }]);
    for (const q of dash.queue!.topics) {
      const list = await listQueue(t.db, actor("modCA"), queueFiltersSchema.parse({ topic: String(q.topicId), status: "pending" }), "en");
      expect(list.counts.pending).toBe(q.pending);
    }
  });

  it("gives an admin both countries, and the committee (which reviews nothing) no queue", async () => {
    const admin = await getDashboard(t.db, actor("admin"), "en", now);
    expect(admin.parties).toEqual(["CA", "CL"]);
    expect(admin.queue!.totals).toEqual([
      { party: "CA", pending: 4 },
      { party: "CL", pending: 2 },
    ]);
    expect(admin.queue!.topics[0]).toMatchObject({ topicId: topics.cl.id, oldestDays: 45 });
    expect(admin.failedJobs).toBe(0);
    const committee = await getDashboard(t.db, actor("committee"), "en", now);
    expect(committee.queue).toBeNull();
    expect(committee.daily).toBeNull();
    expect(committee.failedJobs).toBeNull();
    expect(committee.overdue).toBeNull();
    // A moderator sees no jobs (admins only) and nothing of the other country.
    const cl = await getDashboard(t.db, actor("modCL"), "en", now);
    expect(cl.failedJobs).toBeNull();
    expect(cl.queue!.topics.map((q) => q.topicId)).toEqual([topics.cl.id]);
  });

  it("counts submissions received per UTC day over 30 days, every status included", async () => {
    const dash = await getDashboard(t.db, actor("modCA"), "en", now);
    expect(dash.daily).toHaveLength(30);
    expect(dash.daily!.at(-1)!.day).toBe(now.toISOString().slice(0, 10));
    const byDay = (d: Date) => dash.daily!.find((x) => x.day === d.toISOString().slice(0, 10))!.counts.CA;
    // ca1 × 4 (one approved, 20 days ago) and ca2 × 1; the CL ones are not counted for CA.
    expect(dash.daily!.reduce((n, d) => n + d.counts.CA!, 0)).toBe(5);
    expect(byDay(ago(20))).toBe(1);
    expect(byDay(ago(12, 2))).toBe(1);
  });

  it("lists consultations opening or closing within 14 days, not later ones", async () => {
    const dash = await getDashboard(t.db, actor("modCA"), "en", now);
    expect(dash.dates!.map((d) => [d.topicId, d.event])).toEqual([
      [topics.caOpening.id, "opens"],
      [topics.ca1.id, "closes"],
    ]);
  });

  it("lists the compiled editions awaiting this person's sign-off, and only theirs", async () => {
    const { id } = await t.db
      .insertInto("summary_editions")
      .values({
        scope_key: `topic:${topics.ca1.id}`,
        number: 1,
        scope: JSON.stringify({ kind: "topic", topicId: topics.ca1.id }),
        edition: "committee",
        status: "compiled",
        progress: 100,
        submission_ids: "[]",
        syntheses: "[]",
        created_by_user_id: officials.actors.admin.id,
        created_at: now.toISOString(),
        completed_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await getDashboard(t.db, actor("modCA"), "en", now)).signoffs.map((s) => s.id)).toEqual([id]);
    expect((await getDashboard(t.db, actor("modCL"), "en", now)).signoffs).toEqual([]);
    await t.db
      .insertInto("summary_signoffs")
      .values({ edition_id: id, party_code: "CA", user_id: officials.actors.modCA.id, signed_at: now.toISOString() })
      .execute();
    expect((await getDashboard(t.db, actor("modCA"), "en", now)).signoffs).toEqual([]);
  });

  it("flags work-plan items past their date and still planned, as of the injected day", async () => {
    // The seeded plan's dates run to December 2025: in 2024-07 only the first two are past.
    const july2024 = await getDashboard(t.db, actor("modCA"), "en", new Date("2024-07-15T12:00:00Z"));
    expect(july2024.overdue).toEqual({ CA: 2 });
    // Chile's "March 2023" (its own date in the plan) counts for Chile only.
    expect((await getDashboard(t.db, actor("admin"), "en", new Date("2024-07-15T12:00:00Z"))).overdue).toEqual({ CA: 2, CL: 3 });
  });
});

describe("the dashboard page", () => {
  it("links each consultation's pending count to the queue filtered by it, which shows exactly those submissions", async () => {
    const page = await (await get(server.url, "/fr/admin", officials.cookies.modCA)).text();
    const link = `/fr/admin/submissions?topic=${topics.ca1.id}&amp;status=pending`;
    expect(page).toContain(link);
    expect(page).not.toContain(`topic=${topics.cl.id}&amp;`);
    const list = await (await get(server.url, link.replace(/&amp;/g, "&"), officials.cookies.modCA)).text();
    for (const ref of refs.ca1Pending) expect(list).toContain(ref);
    for (const ref of [refs.ca1Approved, ...refs.ca2Pending, ...refs.clPending]) expect(list).not.toContain(ref);
    // The chart has its table, and the work-plan figure links to the filtered work-plan list.
    expect(page).toContain('role="img"');
    expect(page).toContain("Contributions reçues par jour (UTC)");
    expect(page).toContain("/fr/admin/workplan?overdue=1");
  });

  it("shows an admin both countries, each total linked to the queue of that country", async () => {
    const page = await (await get(server.url, "/es/admin", officials.cookies.admin)).text();
    expect(page).toContain("/es/admin/submissions?party=CA&amp;status=pending");
    expect(page).toContain("/es/admin/submissions?party=CL&amp;status=pending");
    expect(page).toContain("Todos los aportes pendientes de Chile: 2");
    expect(page).toContain("/es/admin/workplan?party=CL&amp;overdue=1");
  });

  it("shows the committee what it may see, without the queue", async () => {
    const res = await get(server.url, "/en/admin", officials.cookies.committee);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain("Submissions to review");
    expect(page).toContain("Opening or closing in the next 14 days");
  });
});
