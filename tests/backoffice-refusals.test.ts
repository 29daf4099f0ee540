// Every refusal an official can meet in the back office is the translated 403 page, never a 500.
// requirePermission throws ForbiddenError (app/errors.ts), from the guard and from the models; only
// a route exported through withDomainErrors turns it into the 403, so a route that forgets the
// wrapper answers 500 here. The table must name every back-office route's loader and action (the
// last test checks it against app/routes).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createReplyTemplate } from "~/models/reply-templates.server";
import { createTheme } from "~/models/themes.server";
import { toActor } from "~/models/users.server";
import { createEvent, createRegistration, createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
type Official = "moderatorCA" | "moderatorCL" | "committee" | "admin";
const cookies = {} as Record<Official, string>;
const ids = {
  activityId: 0,
  areaId: 0,
  topicCL: 0,
  themeCL: 0,
  submissionCL: { id: 0, reference: "" },
  submissionCA: { id: 0, reference: "" },
  userCL: 0,
  templateCL: 0,
  eventCL: 0,
  registrationCL: 0,
  attendanceEventCA: 0,
  attendanceRegistrationCA: 0,
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const users = {} as Record<Official, Awaited<ReturnType<typeof createUser>>>;
  users.moderatorCA = await createUser(t.db, { role: "moderator", party: "CA" });
  users.moderatorCL = await createUser(t.db, { role: "moderator", party: "CL" });
  users.committee = await createUser(t.db, { role: "committee", party: "CA" });
  users.admin = await createUser(t.db, { role: "admin" });
  for (const [who, user] of Object.entries(users)) cookies[who as Official] = await sessionCookieFor(t.db, user.id);
  ids.areaId = (await t.db.selectFrom("workplan_areas").select("id").orderBy("number").executeTakeFirstOrThrow()).id;
  ids.activityId = (await t.db.selectFrom("workplan_items").select("id").where("kind", "=", "activity").orderBy("id").executeTakeFirstOrThrow()).id;
  const openCA = await createTopic(t.db, { party: "CA" });
  const openCL = await createTopic(t.db, { party: "CL" });
  ids.topicCL = openCL.id;
  ids.submissionCA = await createSubmissionFor(t.db, { topicSlug: openCA.slug });
  ids.submissionCL = await createSubmissionFor(t.db, { topicSlug: openCL.slug, values: { country: "CL" } });
  ids.themeCL = (await createTheme(t.db, toActor(users.admin), "CL", { label_en: "Ports", label_fr: "Ports", label_es: "Puertos" })).id;
  ids.userCL = users.moderatorCL.id;
  ids.eventCL = (await createEvent(t.db, { party: "CL", requiresApproval: true })).id;
  ids.registrationCL = (await createRegistration(t.db, ids.eventCL, { status: "pending" })).id;
  ids.templateCL = await createReplyTemplate(t.db, toActor(users.admin), "CL", { kind: "note", locale: "es", reason: null, name: "Gracias", body: "Gracias." });
  // An event of Canada that started an hour ago: its attendance can be recorded.
  ids.attendanceEventCA = (await createEvent(t.db, { party: "CA", startsAt: new Date(Date.now() - 3600_000) })).id;
  ids.attendanceRegistrationCA = (await createRegistration(t.db, ids.attendanceEventCA)).id;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const forbidden = { en: "Access denied", fr: "Accès refusé", es: "Acceso denegado" } as const;
type Lang = keyof typeof forbidden;

interface Refusal {
  /** The route module (app/routes) the request reaches. */
  route: string;
  /** What the official tries, and why it is not theirs to do. */
  name: string;
  as: Official;
  lang: Lang;
  path: () => string;
  /** A POST with these fields (the CSRF token added), else a GET. */
  fields?: () => Record<string, string | string[]>;
}

const newTopic = () => ({
  intent: "save",
  partyCode: "CA",
  areaId: String(ids.areaId),
  slug: `t-${Math.random().toString(36).slice(2, 9)}`,
  opensDate: "2030-01-01",
  opensTime: "09:00",
  closesDate: "2030-02-01",
  closesTime: "09:00",
  en_title: "T",
  en_summary: "S",
});

const newEvent = () => ({
  intent: "save",
  partyCode: "CL",
  activityId: String(ids.activityId),
  format: "online",
  onlineUrl: "https://meet.example.org/x",
  startsAt: "2030-01-10T10:00",
  endsAt: "2030-01-10T12:00",
  languages: "es",
  registrationOpensAt: "2030-01-01T09:00",
  registrationClosesAt: "2030-01-09T09:00",
  es_title: "E",
  es_description: "D",
});

const refusals: Refusal[] = [
  // Admin-only pages.
  { route: "$lang.admin.users.tsx", name: "a moderator opens the accounts", as: "moderatorCA", lang: "fr", path: () => "/fr/admin/users" },
  {
    route: "$lang.admin.users.tsx",
    name: "a moderator disables an account",
    as: "moderatorCA",
    lang: "en",
    path: () => "/en/admin/users",
    fields: () => ({ intent: "disable", userId: String(ids.userCL) }),
  },
  { route: "$lang.admin.audit.tsx", name: "the committee reads the audit log", as: "committee", lang: "es", path: () => "/es/admin/audit" },
  { route: "$lang.admin.jobs.tsx", name: "a moderator reads the background jobs", as: "moderatorCA", lang: "fr", path: () => "/fr/admin/jobs" },
  { route: "$lang.admin.outbox.tsx", name: "a moderator reads the outbox", as: "moderatorCL", lang: "en", path: () => "/en/admin/outbox" },
  {
    route: "$lang.admin.outbox.tsx",
    name: "a moderator resends an email",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/outbox",
    fields: () => ({ id: "1" }),
  },
  // Topics: officials of the topic's country only; the committee changes nothing.
  { route: "$lang.admin.topics._index.tsx", name: "the committee lists topics", as: "committee", lang: "en", path: () => "/en/admin/topics" },
  { route: "$lang.admin.topics.new.tsx", name: "the committee opens the new-topic form", as: "committee", lang: "fr", path: () => "/fr/admin/topics/new" },
  // (A moderator's new topic is always of their own country, whatever the form says: no refusal to test.)
  {
    route: "$lang.admin.topics.new.tsx",
    name: "the committee creates a topic",
    as: "committee",
    lang: "en",
    path: () => "/en/admin/topics/new",
    fields: () => newTopic(),
  },
  {
    route: "$lang.admin.topics.$id.tsx",
    name: "a moderator of Canada opens a Chilean topic",
    as: "moderatorCA",
    lang: "es",
    path: () => `/es/admin/topics/${ids.topicCL}`,
  },
  {
    route: "$lang.admin.topics.$id.tsx",
    name: "a moderator of Canada closes a Chilean topic",
    as: "moderatorCA",
    lang: "en",
    path: () => `/en/admin/topics/${ids.topicCL}`,
    fields: () => ({ intent: "close" }),
  },
  {
    route: "$lang.admin.topics.$id_.outcome.tsx",
    name: "a moderator of Canada opens a Chilean consultation's response",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/topics/${ids.topicCL}/outcome`,
  },
  {
    route: "$lang.admin.topics.$id_.outcome.tsx",
    name: "the committee writes a consultation's response",
    as: "committee",
    lang: "es",
    path: () => `/es/admin/topics/${ids.topicCL}/outcome`,
    fields: () => ({ intent: "save", version: "0" }),
  },
  {
    route: "$lang.admin.topics.$id_.preview.tsx",
    name: "a moderator of Canada previews a Chilean topic",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/topics/${ids.topicCL}/preview`,
  },
  // Moderation: the submission's country's moderators only.
  { route: "$lang.admin.submissions._index.tsx", name: "the committee opens the queue", as: "committee", lang: "en", path: () => "/en/admin/submissions" },
  {
    route: "$lang.admin.submissions._index.tsx",
    name: "a moderator of Canada bulk-approves a Chilean submission",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/submissions",
    fields: () => ({ intent: "bulk-approve", selected: [`${ids.submissionCL.id}:1`] }),
  },
  {
    route: "$lang.admin.submissions._index.tsx",
    name: "the committee bulk-rejects",
    as: "committee",
    lang: "en",
    path: () => "/en/admin/submissions",
    fields: () => ({ intent: "bulk-reject", reason: "spam", confirm: "on", selected: [`${ids.submissionCA.id}:1`] }),
  },
  {
    route: "$lang.admin.submissions.campaigns.tsx",
    name: "the committee opens the campaigns",
    as: "committee",
    lang: "es",
    path: () => "/es/admin/submissions/campaigns",
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada opens a Chilean submission",
    as: "moderatorCA",
    lang: "en",
    path: () => `/en/admin/submissions/${ids.submissionCL.reference}`,
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada approves a Chilean submission",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/submissions/${ids.submissionCL.reference}`,
    fields: () => ({ intent: "approve", version: "1" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "the committee approves a Canadian submission",
    as: "committee",
    lang: "es",
    path: () => `/es/admin/submissions/${ids.submissionCA.reference}`,
    fields: () => ({ intent: "approve", version: "1" }),
  },
  // The queue's workflow (ADR 042): claims, internal notes, unpublish and reconsider, the same rule.
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada claims a Chilean submission",
    as: "moderatorCA",
    lang: "es",
    path: () => `/es/admin/submissions/${ids.submissionCL.reference}`,
    fields: () => ({ intent: "claim" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada writes an internal note on a Chilean submission",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/submissions/${ids.submissionCL.reference}`,
    fields: () => ({ intent: "note", noteBody: "Not my country's" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "the committee writes an internal note",
    as: "committee",
    lang: "en",
    path: () => `/en/admin/submissions/${ids.submissionCA.reference}`,
    fields: () => ({ intent: "note", noteBody: "The committee changes nothing" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Chile releases a Canadian submission's claim",
    as: "moderatorCL",
    lang: "en",
    path: () => `/en/admin/submissions/${ids.submissionCA.reference}`,
    fields: () => ({ intent: "release" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada unpublishes a Chilean submission",
    as: "moderatorCA",
    lang: "es",
    path: () => `/es/admin/submissions/${ids.submissionCL.reference}`,
    fields: () => ({ intent: "unpublish", version: "1", reason: "other", note: "", confirm: "on" }),
  },
  {
    route: "$lang.admin.submissions.$reference.tsx",
    name: "a moderator of Canada reconsiders a Chilean submission",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/submissions/${ids.submissionCL.reference}`,
    fields: () => ({ intent: "reconsider", version: "1" }),
  },
  {
    route: "$lang.admin.submissions.$reference_.attachments.$id.ts",
    name: "a moderator of Canada downloads a Chilean submission's file",
    as: "moderatorCA",
    lang: "en",
    path: () => `/en/admin/submissions/${ids.submissionCL.reference}/attachments/1`,
  },
  // Themes: the moderators' own country's list.
  { route: "$lang.admin.themes.tsx", name: "the committee opens the themes", as: "committee", lang: "en", path: () => "/en/admin/themes" },
  {
    route: "$lang.admin.themes.tsx",
    name: "a moderator of Canada opens Chile's themes",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/themes?party=CL",
  },
  {
    route: "$lang.admin.themes.tsx",
    name: "a moderator of Canada adds a Chilean theme",
    as: "moderatorCA",
    lang: "es",
    path: () => "/es/admin/themes",
    fields: () => ({ intent: "create", partyCode: "CL", label_en: "X", label_fr: "X", label_es: "X" }),
  },
  {
    route: "$lang.admin.themes_.$id.tsx",
    name: "a moderator of Canada opens a Chilean theme",
    as: "moderatorCA",
    lang: "en",
    path: () => `/en/admin/themes/${ids.themeCL}`,
  },
  {
    route: "$lang.admin.themes_.$id.tsx",
    name: "a moderator of Canada deletes a Chilean theme",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/themes/${ids.themeCL}`,
    fields: () => ({ intent: "delete" }),
  },
  // Reply templates: the moderators' own country's.
  { route: "$lang.admin.templates.tsx", name: "the committee opens the reply templates", as: "committee", lang: "fr", path: () => "/fr/admin/templates" },
  {
    route: "$lang.admin.templates.tsx",
    name: "a moderator of Canada opens Chile's reply templates",
    as: "moderatorCA",
    lang: "es",
    path: () => "/es/admin/templates?party=CL",
  },
  {
    route: "$lang.admin.templates.tsx",
    name: "a moderator of Canada adds a Chilean reply template",
    as: "moderatorCA",
    lang: "en",
    path: () => "/en/admin/templates",
    fields: () => ({ intent: "create", partyCode: "CL", kind: "note", locale: "es", name: "X", body: "X" }),
  },
  {
    route: "$lang.admin.templates.tsx",
    name: "a moderator of Canada changes a Chilean reply template",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/templates",
    fields: () => ({ intent: "update", id: String(ids.templateCL), kind: "note", locale: "es", name: "X", body: "X" }),
  },
  {
    route: "$lang.admin.templates.tsx",
    name: "a moderator of Canada deletes a Chilean reply template",
    as: "moderatorCA",
    lang: "es",
    path: () => "/es/admin/templates",
    fields: () => ({ intent: "delete", id: String(ids.templateCL) }),
  },
  // An event's registrations (ADR 045): each country's officials, their own events only.
  {
    route: "$lang.admin.events.$id_.registrations.tsx",
    name: "the committee opens an event's registrations",
    as: "committee",
    lang: "en",
    path: () => `/en/admin/events/${ids.eventCL}/registrations`,
  },
  {
    route: "$lang.admin.events.$id_.registrations.tsx",
    name: "a moderator of Canada opens a Chilean event's registrations",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/events/${ids.eventCL}/registrations`,
  },
  {
    route: "$lang.admin.events.$id_.registrations.tsx",
    name: "a moderator of Canada approves a registration for a Chilean event",
    as: "moderatorCA",
    lang: "es",
    path: () => `/es/admin/events/${ids.eventCL}/registrations`,
    fields: () => ({ intent: "approve", registration: String(ids.registrationCL) }),
  },
  {
    route: "$lang.admin.events.$id_.registrations.tsx",
    name: "the committee declines a registration",
    as: "committee",
    lang: "en",
    path: () => `/en/admin/events/${ids.eventCL}/registrations`,
    fields: () => ({ intent: "decline", registration: String(ids.registrationCL) }),
  },
  // Summaries: everyone reads them; only officials compile, only admins name signatories.
  {
    route: "$lang.admin.summaries._index.tsx",
    name: "the committee compiles an edition",
    as: "committee",
    lang: "en",
    path: () => "/en/admin/summaries",
    fields: () => ({ intent: "compile", scope: "area", area: String(ids.areaId), edition: "committee" }),
  },
  {
    route: "$lang.admin.summaries._index.tsx",
    name: "a moderator names a signatory",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/summaries",
    fields: () => ({ intent: "signatory", party: "CA", user: "" }),
  },
  {
    route: "$lang.admin.summaries.syntheses.tsx",
    name: "the committee opens the syntheses",
    as: "committee",
    lang: "es",
    path: () => "/es/admin/summaries/syntheses",
  },
  {
    route: "$lang.admin.summaries.syntheses.tsx",
    name: "a moderator of Canada writes Chile's synthesis",
    as: "moderatorCA",
    lang: "en",
    path: () => "/en/admin/summaries/syntheses",
    fields: () => ({ party: "CL", area: String(ids.areaId), en: "Not ours", fr: "", es: "" }),
  },
  {
    route: "$lang.admin.summaries.syntheses.tsx",
    name: "the committee writes a synthesis",
    as: "committee",
    lang: "fr",
    path: () => "/fr/admin/summaries/syntheses",
    fields: () => ({ party: "CA", area: String(ids.areaId), en: "Not ours", fr: "", es: "" }),
  },
  // The work plan (ADR 044): each country's officials keep their own side current.
  { route: "$lang.admin.workplan.tsx", name: "the committee opens the work plan's updates", as: "committee", lang: "en", path: () => "/en/admin/workplan" },
  {
    route: "$lang.admin.workplan.tsx",
    name: "a Canadian moderator updates Chile's side of an activity",
    as: "moderatorCA",
    lang: "fr",
    path: () => "/fr/admin/workplan",
    fields: () => ({ itemId: String(ids.activityId), party: "CL", status: "done", dueOn: "" }),
  },
  {
    route: "$lang.admin.workplan.tsx",
    name: "the committee updates an activity",
    as: "committee",
    lang: "es",
    path: () => "/es/admin/workplan",
    fields: () => ({ itemId: String(ids.activityId), party: "CA", status: "done", dueOn: "" }),
  },
  // Events (ADR 045): each country's officials manage their own; the committee none.
  { route: "$lang.admin.events._index.tsx", name: "the committee lists the events", as: "committee", lang: "fr", path: () => "/fr/admin/events" },
  { route: "$lang.admin.events.new.tsx", name: "the committee opens the new-event form", as: "committee", lang: "es", path: () => "/es/admin/events/new" },
  {
    route: "$lang.admin.events.new.tsx",
    name: "the committee creates an event",
    as: "committee",
    lang: "en",
    path: () => "/en/admin/events/new",
    fields: () => newEvent(),
  },
  {
    route: "$lang.admin.events.$id.tsx",
    name: "a moderator of Canada opens a Chilean event",
    as: "moderatorCA",
    lang: "fr",
    path: () => `/fr/admin/events/${ids.eventCL}`,
  },
  {
    route: "$lang.admin.events.$id.tsx",
    name: "a moderator of Canada edits a Chilean event",
    as: "moderatorCA",
    lang: "es",
    path: () => `/es/admin/events/${ids.eventCL}`,
    fields: () => ({ ...newEvent(), intent: "save", version: "1" }),
  },
  {
    route: "$lang.admin.events.$id.tsx",
    name: "a moderator of Canada cancels a Chilean event",
    as: "moderatorCA",
    lang: "en",
    path: () => `/en/admin/events/${ids.eventCL}`,
    fields: () => ({ intent: "cancel", note: "", confirm: "on" }),
  },
  {
    route: "$lang.admin.events.$id.tsx",
    name: "the committee marks an event held",
    as: "committee",
    lang: "fr",
    path: () => `/fr/admin/events/${ids.eventCL}`,
    fields: () => ({ intent: "held", confirm: "on" }),
  },
  // Attendance registers (ADR 045): the event's country's officials only; the committee changes nothing.
  {
    route: "$lang.admin.events.$id_.attendance.tsx",
    name: "a moderator of Chile opens a Canadian event's attendance",
    as: "moderatorCL",
    lang: "fr",
    path: () => `/fr/admin/events/${ids.attendanceEventCA}/attendance`,
  },
  {
    route: "$lang.admin.events.$id_.attendance.tsx",
    name: "a moderator of Chile checks someone in at a Canadian event",
    as: "moderatorCL",
    lang: "es",
    path: () => `/es/admin/events/${ids.attendanceEventCA}/attendance`,
    fields: () => ({ intent: "present", registrationId: String(ids.attendanceRegistrationCA) }),
  },
  {
    route: "$lang.admin.events.$id_.attendance.tsx",
    name: "the committee closes an event's register",
    as: "committee",
    lang: "en",
    path: () => `/en/admin/events/${ids.attendanceEventCA}/attendance`,
    fields: () => ({ intent: "close", confirm: "on" }),
  },
  {
    route: "$lang.admin.events.$id_.register.$format.ts",
    name: "a moderator of Chile downloads a Canadian event's register",
    as: "moderatorCL",
    lang: "en",
    path: () => `/en/admin/events/${ids.attendanceEventCA}/register/csv`,
  },
  {
    route: "$lang.admin.events.$id_.sign-in-sheet[.]pdf.ts",
    name: "the committee prints an event's sign-in sheet",
    as: "committee",
    lang: "fr",
    path: () => `/fr/admin/events/${ids.attendanceEventCA}/sign-in-sheet.pdf`,
  },
];

/**
 * Loaders no official can be refused today: they check only what every role holds (entering the
 * back office, reading summaries). They still go through withDomainErrors, checked in their source.
 */
const everyOfficialMay: Array<{ route: string; path: () => string; status: number }> = [
  { route: "$lang.admin.tsx", path: () => "/en/admin", status: 200 },
  { route: "$lang.admin._index.tsx", path: () => "/fr/admin", status: 200 },
  { route: "$lang.admin.summaries._index.tsx", path: () => "/es/admin/summaries", status: 200 },
  {
    route: "$lang.admin.summaries.download.ts",
    path: () => `/en/admin/summaries/download?scope=area&area=${ids.areaId}&edition=committee&locale=en&format=csv`,
    status: 200,
  },
  { route: "$lang.admin.summaries.editions.$id.$format.$locale.ts", path: () => "/en/admin/summaries/editions/999999/pdf/en", status: 404 },
  { route: "$lang.admin.summaries.editions.$id.manifest.$type.ts", path: () => "/en/admin/summaries/editions/999999/manifest/json", status: 404 },
  { route: "$lang.admin.summaries.progress.$id.tsx", path: () => "/fr/admin/summaries/progress/999999", status: 404 },
];

const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a wrong-role or wrong-country official gets the translated 403 page, and nothing changes", () => {
  it.each(refusals)("$route: $name ($as)", async ({ route, as, lang, path, fields }) => {
    const before = await auditCount();
    const res = fields ? await postForm(server.url, path(), fields(), { cookie: cookies[as] }) : await get(server.url, path(), cookies[as]);
    expect(res.status).toBe(403);
    // A resource route (a download, no page) answers the bare 403, as it always did.
    expect(await res.text()).toContain(route.endsWith(".ts") ? "Forbidden" : forbidden[lang]);
    expect(await auditCount()).toBe(before);
  });
});

describe("what every official may open never fails", () => {
  it.each(everyOfficialMay)("$route", async ({ path, status }) => {
    for (const who of ["moderatorCA", "moderatorCL", "committee", "admin"] as const) {
      expect((await get(server.url, path(), cookies[who])).status, who).toBe(status);
    }
  });
});

describe("the table is complete", () => {
  const dir = join(__dirname, "../app/routes");
  const adminRoutes = readdirSync(dir).filter((file) => file.startsWith("$lang.admin"));
  const source = (route: string) => readFileSync(join(dir, route), "utf8");

  it("names every back-office loader and action", () => {
    expect(adminRoutes.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const route of adminRoutes) {
      const text = source(route);
      const refused = refusals.filter((r) => r.route === route);
      if (/export (const|async function) loader\b/.test(text) && !refused.some((r) => !r.fields) && !everyOfficialMay.some((r) => r.route === route))
        missing.push(`${route} loader`);
      if (/export (const|async function) action\b/.test(text) && !refused.some((r) => r.fields)) missing.push(`${route} action`);
    }
    expect(missing).toEqual([]);
    for (const { route } of [...refusals, ...everyOfficialMay]) expect(adminRoutes, route).toContain(route);
  });

  it("the loaders no official is refused still go through withDomainErrors", () => {
    for (const { route } of everyOfficialMay) {
      expect(source(route), route).toMatch(/^export const loader = \(args: LoaderFunctionArgs\) => withDomainErrors\(load, args\);$/m);
    }
  });
});
