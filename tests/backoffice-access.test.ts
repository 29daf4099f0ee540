import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// Every back-office route and action, for every kind of visitor: allowed, refused (403), or
// sent to sign in (302 to /en/login). A new back-office route must be added here.
let t: TestDatabase;
let server: RunningServer;
const cookies: Record<string, string | undefined> = {};
let targetId = 0;
let areaId = 0;
let topicCA = 0;
let topicCL = 0;
let openCA = "";
let openCL = "";
const submissionCA = { reference: "", id: 0 };
const submissionCL = { reference: "", id: 0 };

type Persona = "anonymous" | "moderatorCA" | "moderatorCL" | "committee" | "admin" | "disabled";
const personas: Persona[] = ["anonymous", "moderatorCA", "moderatorCL", "committee", "admin", "disabled"];

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  areaId = (await t.db.selectFrom("workplan_areas").select("id").orderBy("number").executeTakeFirstOrThrow()).id;
  const make = async (persona: Persona, options: Parameters<typeof createUser>[1]) => {
    const user = await createUser(t.db, options);
    cookies[persona] = await sessionCookieFor(t.db, user.id);
  };
  await make("moderatorCA", { role: "moderator", party: "CA" });
  await make("moderatorCL", { role: "moderator", party: "CL" });
  await make("committee", { role: "committee", party: "CA" });
  await make("admin", { role: "admin" });
  // A disabled account whose session was created before it was disabled.
  const disabled = await createUser(t.db, { role: "admin" });
  cookies.disabled = await sessionCookieFor(t.db, disabled.id);
  await t.db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", disabled.id).execute();
  targetId = (await createUser(t.db, { role: "moderator", party: "CL" })).id;
  topicCA = (await createTopic(t.db, { party: "CA", state: "draft" })).id;
  topicCL = (await createTopic(t.db, { party: "CL" })).id;
  openCA = (await createTopic(t.db, { party: "CA" })).slug;
  openCL = (await createTopic(t.db, { party: "CL" })).slug;
  Object.assign(submissionCA, await createSubmissionFor(t.db, { topicSlug: openCA }));
  Object.assign(submissionCL, await createSubmissionFor(t.db, { topicSlug: openCL, values: { country: "CL" } }));
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const everyone: Persona[] = ["moderatorCA", "moderatorCL", "committee", "admin"];
const routes: Array<{ path: string; allowed: Persona[] }> = [
  { path: "/en/admin", allowed: everyone },
  { path: "/fr/admin", allowed: everyone },
  { path: "/en/admin/users", allowed: ["admin"] },
  { path: "/en/admin/audit", allowed: ["admin"] },
  { path: "/en/admin/audit?action=auth.sign_in", allowed: ["admin"] },
  { path: "/en/admin/outbox", allowed: ["admin"] },
  { path: "/en/admin/jobs", allowed: ["admin"] },
  { path: "/en/admin/topics", allowed: ["moderatorCA", "moderatorCL", "admin"] },
  { path: "/en/admin/topics/new", allowed: ["moderatorCA", "moderatorCL", "admin"] },
  { path: "/en/admin/topics/TOPIC_CA", allowed: ["moderatorCA", "admin"] },
  { path: "/en/admin/topics/TOPIC_CA/preview", allowed: ["moderatorCA", "admin"] },
  { path: "/en/admin/topics/TOPIC_CL", allowed: ["moderatorCL", "admin"] },
  { path: "/en/admin/topics/TOPIC_CA/outcome", allowed: ["moderatorCA", "admin"] },
  { path: "/en/admin/topics/TOPIC_CL/outcome", allowed: ["moderatorCL", "admin"] },
  { path: "/en/admin/submissions", allowed: ["moderatorCA", "moderatorCL", "admin"] },
  { path: "/en/admin/submissions?status=all&q=mujeres", allowed: ["moderatorCA", "moderatorCL", "admin"] },
  { path: "/en/admin/submissions/campaigns", allowed: ["moderatorCA", "moderatorCL", "admin"] },
  { path: "/en/admin/submissions/SUBMISSION_CA", allowed: ["moderatorCA", "admin"] },
  { path: "/en/admin/submissions/SUBMISSION_CL", allowed: ["moderatorCL", "admin"] },
];

describe.each(routes)("GET $path", ({ path: pattern, allowed }) => {
  let path = pattern;
  it.each(personas)("as %s", async (persona) => {
    path = path
      .replace("TOPIC_CA", String(topicCA))
      .replace("TOPIC_CL", String(topicCL))
      .replace("SUBMISSION_CA", submissionCA.reference)
      .replace("SUBMISSION_CL", submissionCL.reference);
    const res = await get(server.url, path, cookies[persona]);
    if (persona === "anonymous" || persona === "disabled") {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/${path.slice(1, 3)}/login?redirectTo=${encodeURIComponent(path)}`);
    } else if (allowed.includes(persona)) {
      expect(res.status).toBe(200);
    } else {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Access denied");
    }
  });
});

const actions: Array<{ name: string; fields: () => Record<string, string>; allowed: Persona[] }> = [
  {
    name: "invite",
    fields: () => ({
      intent: "invite",
      email: `new-${Math.random().toString(36).slice(2)}@example.org`,
      displayName: "New",
      role: "committee",
      partyCode: "",
      locale: "fr",
    }),
    allowed: ["admin"],
  },
  { name: "change-role", fields: () => ({ intent: "change-role", userId: String(targetId), role: "moderator", partyCode: "CA" }), allowed: ["admin"] },
  { name: "disable", fields: () => ({ intent: "disable", userId: String(targetId) }), allowed: ["admin"] },
  { name: "enable", fields: () => ({ intent: "enable", userId: String(targetId) }), allowed: ["admin"] },
];

const topicActions: Array<{ name: string; path: () => string; fields: () => Record<string, string>; allowed: Persona[]; okStatus: number }> = [
  {
    name: "close a Chilean topic",
    path: () => `/en/admin/topics/${topicCL}`,
    fields: () => ({ intent: "close" }),
    allowed: ["moderatorCL", "admin"],
    okStatus: 302,
  },
  {
    name: "archive a Canadian topic",
    path: () => `/en/admin/topics/${topicCA}`,
    fields: () => ({ intent: "archive" }),
    allowed: ["moderatorCA", "admin"],
    okStatus: 302,
  },
  {
    name: "create a topic",
    path: () => "/en/admin/topics/new",
    fields: () => ({
      intent: "save",
      partyCode: "CA",
      areaId: String(areaId),
      slug: `t-${Math.random().toString(36).slice(2, 9)}`,
      opensDate: "2030-01-01",
      opensTime: "09:00",
      closesDate: "2030-02-01",
      closesTime: "09:00",
      en_title: "T",
      en_summary: "S",
    }),
    allowed: ["moderatorCA", "moderatorCL", "admin"],
    okStatus: 302,
  },
];

describe.each(topicActions)("POST $name", ({ path, fields, allowed, okStatus }) => {
  it.each(personas)("as %s", async (persona) => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("action", "like", "topic.%")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await postForm(server.url, path(), fields(), { cookie: cookies[persona] });
    if (allowed.includes(persona)) {
      expect(res.status).toBe(okStatus);
      expect(await count()).toBe(before + 1);
    } else {
      expect([302, 403]).toContain(res.status);
      if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/en\/login/);
      expect(await count()).toBe(before);
    }
  });
});

// Each persona acts on a fresh submission (version 1) of each party: only that party's moderators
// and admins change anything; the history grows by exactly one entry when they do.
describe.each([
  { party: "CA" as const, allowed: ["moderatorCA", "admin"] as Persona[] },
  { party: "CL" as const, allowed: ["moderatorCL", "admin"] as Persona[] },
])("POST a moderation action on a $party submission", ({ party, allowed }) => {
  it.each(personas)("as %s", async (persona) => {
    const s = await createSubmissionFor(t.db, { topicSlug: party === "CA" ? openCA : openCL, values: { country: party } });
    const events = async () =>
      Number(
        (
          await t.db
            .selectFrom("moderation_events")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("submission_id", "=", s.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const single = await postForm(
      server.url,
      `/en/admin/submissions/${s.reference}`,
      { intent: "translate", version: "1", translationLocale: "fr", translationBody: "Texte" },
      { cookie: cookies[persona] },
    );
    const bulk = await postForm(
      server.url,
      "/en/admin/submissions",
      { intent: "bulk-reject", reason: "spam", confirm: "on", selected: [`${s.id}:2`] },
      { cookie: cookies[persona] },
    );
    if (allowed.includes(persona)) {
      expect([single.status, bulk.status]).toEqual([302, 302]);
      expect(await events()).toBe(2);
    } else {
      for (const res of [single, bulk]) {
        expect([302, 403]).toContain(res.status);
        if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/en\/login/);
      }
      expect(await events()).toBe(0);
    }
  });
});

describe.each(actions)("POST /en/admin/users ($name)", ({ fields, allowed }) => {
  it.each(personas)("as %s", async (persona) => {
    const before = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const res = await postForm(server.url, "/en/admin/users", fields(), { cookie: cookies[persona] });
    const after = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (allowed.includes(persona)) {
      expect(res.status).toBe(200);
      expect(Number(after.n)).toBe(Number(before.n) + 1);
    } else {
      expect([302, 403]).toContain(res.status);
      if (persona === "anonymous" || persona === "disabled") expect(res.headers.get("location")).toMatch(/^\/en\/login/);
      expect(Number(after.n)).toBe(Number(before.n)); // nothing happened
    }
  });
});
