// The attendance register (issue 19, items 4 and 5; ADR 045): officials of the event's country
// check people in from its day, add walk-ins, and close the register once; the register is frozen
// with its SHA-256 and the public figures, after which nothing about attendance changes. Its
// files (PDF, XLSX, CSV) are made from the stored JSON and name only those who agreed; gender and
// needs are in none of them.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { writeRegisterCsv } from "~/exports/event-register-csv.server";
import { writeRegisterPdf } from "~/exports/event-register-pdf.server";
import { writeSignInSheetPdf } from "~/exports/event-register-sign-in-sheet.server";
import { writeRegisterXlsx } from "~/exports/event-register-xlsx.server";
import {
  addWalkIn,
  AttendanceRefused,
  attachReport,
  CHECK_IN_LIST_MAX,
  closeRegister,
  getAttendance,
  getFrozenRegister,
  getPublicReport,
  getSignInSheet,
  markPresent,
  setRecording,
} from "~/models/event-attendance.server";
import type { EventFigures } from "~/models/event-figures.server";
import { markEventHeld } from "~/models/events.server";
import { ForbiddenError, InvalidError, NotFoundError } from "~/models/errors";
import { toActor } from "~/models/users.server";
import { walkInSchema } from "~/schemas/event-walk-in";
import { createEvent, createRegistration, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { pdfTitleAndText } from "./helpers/pdf-text";

let t: TestDatabase;
type Who = "moderatorCA" | "moderatorCL" | "committee" | "admin";
const by = {} as Record<Who, { id: number; email: string; actor: ReturnType<typeof toActor> }>;

// The event starts at 10:00 in Toronto on 14 May 2030.
const STARTS = new Date("2030-05-14T14:00:00Z");
const DAY_BEFORE = new Date("2030-05-13T15:00:00Z");
const SAME_DAY_EARLY = new Date("2030-05-14T12:00:00Z");
const DURING = new Date("2030-05-14T15:00:00Z");
const AFTER = new Date("2030-05-14T19:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  for (const [who, options] of [
    ["moderatorCA", { role: "moderator", party: "CA" }],
    ["moderatorCL", { role: "moderator", party: "CL" }],
    ["committee", { role: "committee", party: "CA" }],
    ["admin", { role: "admin" }],
  ] as const) {
    const user = await createUser(t.db, options);
    by[who] = { id: user.id, email: user.email, actor: toActor(user) };
  }
});
afterAll(async () => {
  await t?.destroy();
});

const walkIn = (values: Record<string, string>) =>
  walkInSchema.parse({ name: "Walk In", stakeholderType: "ngo", country: "CA", region: "", email: "", ...values });
const audits = (action: string) => t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const version = async () => (await t.db.selectFrom("publication_version").select("version").executeTakeFirstOrThrow()).version;

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

/** A Canadian event with people who did and did not agree to be named, a gender and needs each. */
async function eventWithPeople() {
  const event = await createEvent(t.db, {
    party: "CA",
    startsAt: STARTS,
    translations: { en: { title: "Care work workshop" }, fr: { title: "Atelier travail de soin" } },
  });
  const named = await createRegistration(t.db, event.id, { name: "Ana Named", consent: true, gender: "woman", needs: "needs-marker-ramp", region: "CA-QC" });
  const hidden = await createRegistration(t.db, event.id, {
    name: "Zed Hidden",
    consent: false,
    gender: "man",
    needs: "needs-marker-captions",
    stakeholderType: "union",
  });
  const absent = await createRegistration(t.db, event.id, { name: "Bea Absent", consent: true });
  const waitlisted = await createRegistration(t.db, event.id, { name: "Wil Waiting", consent: true, status: "waitlisted" });
  return { event, named, hidden, absent, waitlisted };
}

describe("who may record attendance", () => {
  it("lets the event's country's moderator and an admin in; another country's moderator and the committee get a 403; an unknown event a 404", async () => {
    const { event, named } = await eventWithPeople();
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en")).rows.length).toBe(3);
    expect((await getAttendance(t.db, by.admin.actor, event.id, "en")).event.title).toBe("Care work workshop");
    for (const who of ["moderatorCL", "committee"] as const) {
      expect(await refusal(getAttendance(t.db, by[who].actor, event.id, "en"))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(markPresent(t.db, by[who], event.id, named.id, true, DURING))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(addWalkIn(t.db, by[who], event.id, walkIn({}), "en", DURING))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(closeRegister(t.db, by[who], event.id, AFTER))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(setRecording(t.db, by[who], event.id, "https://video.example/x", AFTER))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(getSignInSheet(t.db, by[who].actor, event.id, "en"))).toBeInstanceOf(ForbiddenError);
    }
    expect(await refusal(getAttendance(t.db, by.admin.actor, 999_999, "en"))).toBeInstanceOf(NotFoundError);
    expect(await refusal(getFrozenRegister(t.db, by.moderatorCA.actor, event.id))).toBeInstanceOf(NotFoundError);
    const row = await t.db.selectFrom("event_registrations").select("attended_at").where("id", "=", named.id).executeTakeFirstOrThrow();
    expect(row.attended_at).toBeNull();
  });
});

describe("the check-in list", () => {
  it("lists confirmed registrations by name (not the waitlist), searches by name whatever the case, and stays bounded", async () => {
    const { event } = await eventWithPeople();
    const all = await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", {}, DURING);
    expect(all.rows.map((r) => r.name)).toEqual(["Ana Named", "Bea Absent", "Zed Hidden"]);
    expect(all.open).toBe(true);
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", { q: "zED" })).rows.map((r) => r.name)).toEqual(["Zed Hidden"]);
    // A LIKE wildcard typed in the search is a character, not a wildcard.
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", { q: "%" })).rows).toEqual([]);

    const big = await createEvent(t.db, { party: "CA", startsAt: STARTS });
    await t.db
      .insertInto("event_registrations")
      .values(
        Array.from({ length: CHECK_IN_LIST_MAX + 5 }, (_, i) => ({
          event_id: big.id,
          name: `Person ${String(i).padStart(3, "0")}`,
          stakeholder_type: "ngo",
          country: "CA" as const,
          locale: "en" as const,
          status: "confirmed" as const,
          created_at: STARTS.toISOString(),
          updated_at: STARTS.toISOString(),
        })),
      )
      .execute();
    const list = await getAttendance(t.db, by.moderatorCA.actor, big.id, "en");
    expect(list.rows.length).toBe(CHECK_IN_LIST_MAX);
    expect(list.more).toBe(true);
    expect(list.totals.expected).toBe(CHECK_IN_LIST_MAX + 5);
  });

  it("marks present and undoes, audited, only from the event's day in its time zone and only confirmed registrations", async () => {
    const { event, named, waitlisted } = await eventWithPeople();
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, named.id, true, DAY_BEFORE))).toMatchObject({ reason: "notStarted" });
    expect(await markPresent(t.db, by.moderatorCA, event.id, named.id, true, SAME_DAY_EARLY)).toBe(true);
    expect(await markPresent(t.db, by.moderatorCA, event.id, named.id, true, DURING)).toBe(false);
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en")).totals.present).toBe(1);
    expect(await markPresent(t.db, by.admin, event.id, named.id, false, DURING)).toBe(true);
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en")).totals.present).toBe(0);
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, waitlisted.id, true, DURING))).toMatchObject({ reason: "notAttendable" });
    const other = await eventWithPeople();
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, other.named.id, true, DURING))).toBeInstanceOf(NotFoundError);
    const marked = (await audits("event.attendance_marked")).filter((a) => a.subject_id === String(event.id));
    const unmarked = (await audits("event.attendance_unmarked")).filter((a) => a.subject_id === String(event.id));
    expect(marked).toHaveLength(1);
    expect(unmarked).toHaveLength(1);
    expect(unmarked[0]!.actor_user_id).toBe(by.admin.id);

    const draft = await createEvent(t.db, { party: "CA", startsAt: STARTS, state: "draft" });
    const r = await createRegistration(t.db, draft.id, {});
    expect(await refusal(markPresent(t.db, by.moderatorCA, draft.id, r.id, true, DURING))).toMatchObject({ reason: "notOpen" });
  });

  it("adds a walk-in with the registration's fields, present at once, gender kept apart, audited without the name", async () => {
    const { event } = await eventWithPeople();
    const values = walkIn({
      name: "Walt Walkin",
      email: "walt@example.org",
      organisationName: "Coop",
      womenLed: "yes",
      region: "CA-ON",
      gender: "another",
      needs: "Spanish",
      consent: "on",
    });
    expect(await refusal(addWalkIn(t.db, by.moderatorCA, event.id, values, "en", DAY_BEFORE))).toMatchObject({ reason: "notStarted" });
    const id = await addWalkIn(t.db, by.moderatorCA, event.id, values, "fr", DURING);
    const row = await t.db.selectFrom("event_registrations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      walk_in: 1,
      status: "confirmed",
      name: "Walt Walkin",
      email: "walt@example.org",
      women_led: "yes",
      region_code: "CA-ON",
      register_consent: 1,
      locale: "fr",
      token_hash: null,
    });
    expect(row.attended_at).toBe(DURING.toISOString());
    expect(await t.db.selectFrom("event_registration_genders").select("gender").where("registration_id", "=", id).executeTakeFirst()).toEqual({
      gender: "another",
    });
    const [audit] = (await audits("event.walk_in_added")).filter((a) => a.subject_id === String(event.id));
    expect(audit!.details).not.toContain("Walt");
    expect(audit!.details).not.toContain("another");
    expect(await refusal(addWalkIn(t.db, by.moderatorCA, event.id, walkIn({ region: "CA-XX" }), "en", DURING))).toBeInstanceOf(InvalidError);
    // The schema refuses what the registration form refuses.
    expect(walkInSchema.safeParse({ name: "", stakeholderType: "ngo", country: "CA" }).success).toBe(false);
    expect(walkInSchema.safeParse({ name: "A", stakeholderType: "ngo", country: "CA", region: "CL-RM" }).success).toBe(false);
    expect(walkInSchema.safeParse({ name: "A", stakeholderType: "ngo", country: "CA", email: "nope" }).success).toBe(false);
  });
});

describe("closing the register", () => {
  it("is refused before the event starts, then freezes the figures and the register with a SHA-256 that matches its JSON, holds the event and advances publication", async () => {
    const { event, named, hidden } = await eventWithPeople();
    await markPresent(t.db, by.moderatorCA, event.id, named.id, true, DURING);
    await markPresent(t.db, by.moderatorCA, event.id, hidden.id, true, DURING);
    await addWalkIn(t.db, by.moderatorCA, event.id, walkIn({ name: "Quiet Walker", consent: "", gender: "woman" }), "en", DURING);
    expect(await refusal(closeRegister(t.db, by.moderatorCA, event.id, SAME_DAY_EARLY))).toMatchObject({ reason: "notStarted" });

    const before = await version();
    const { sha256 } = await closeRegister(t.db, by.moderatorCA, event.id, AFTER);
    expect(await version()).toBeGreaterThan(before);
    const stored = await t.db.selectFrom("event_registers").selectAll().where("event_id", "=", event.id).executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(sha256);
    expect(createHash("sha256").update(stored.register, "utf8").digest("hex")).toBe(sha256);
    expect(stored.closed_by_user_id).toBe(by.moderatorCA.id);
    expect(stored.closed_at).toBe(AFTER.toISOString());
    expect((await t.db.selectFrom("events").select("state").where("id", "=", event.id).executeTakeFirstOrThrow()).state).toBe("held");
    const figures = JSON.parse(stored.figures) as EventFigures;
    expect(figures.registered).toBe(3);
    expect(figures.attended).toBe(3);
    // Three people: every group is under 5, so withheld.
    expect(figures.gender.woman).toEqual({ value: null, suppressed: true });
    expect(Object.keys(figures.byRegion)).toContain("CL-RM");
    expect(Object.keys(figures.byStakeholderType)).toContain("indigenous");

    const register = JSON.parse(stored.register) as { people: Array<Record<string, unknown>> };
    expect(register.people.filter((p) => p.named).map((p) => p.name)).toEqual(["Ana Named", "Bea Absent", "Wil Waiting"]);
    expect(register.people.map((p) => p.status)).toEqual(["attended", "attended", "attended", "absent", "waitlisted"]);
    expect(stored.register).not.toMatch(/Zed Hidden|Quiet Walker|needs-marker|woman|"man"|@example/);
    const [audit] = (await audits("event.register_closed")).filter((a) => a.subject_id === String(event.id));
    expect(JSON.parse(audit!.details!)).toMatchObject({ sha256, registered: 3, attended: 3 });
  });

  it("happens once: closing again is refused, and afterwards nothing about attendance can change", async () => {
    const { event, named, absent } = await eventWithPeople();
    await markPresent(t.db, by.moderatorCA, event.id, named.id, true, DURING);
    await closeRegister(t.db, by.admin, event.id, AFTER);
    const frozen = await t.db.selectFrom("event_registers").selectAll().where("event_id", "=", event.id).executeTakeFirstOrThrow();
    const again = await refusal(closeRegister(t.db, by.moderatorCA, event.id, AFTER));
    expect(again).toBeInstanceOf(AttendanceRefused);
    expect(again).toMatchObject({ reason: "closed", messageKey: "eventAttendance.errors.closed" });
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, absent.id, true, AFTER))).toMatchObject({ reason: "closed" });
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, named.id, false, AFTER))).toMatchObject({ reason: "closed" });
    expect(await refusal(addWalkIn(t.db, by.moderatorCA, event.id, walkIn({}), "en", AFTER))).toMatchObject({ reason: "closed" });
    expect(await t.db.selectFrom("event_registers").selectAll().where("event_id", "=", event.id).executeTakeFirstOrThrow()).toEqual(frozen);
    const people = await t.db.selectFrom("event_registrations").select(["id", "attended_at"]).where("event_id", "=", event.id).orderBy("id").execute();
    expect(people.filter((p) => p.attended_at).map((p) => p.id)).toEqual([named.id]);
    expect((await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", {}, AFTER)).open).toBe(false);
    // Two closings at once: one wins.
    const twin = await eventWithPeople();
    const results = await Promise.allSettled([closeRegister(t.db, by.moderatorCA, twin.event.id, AFTER), closeRegister(t.db, by.admin, twin.event.id, AFTER)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.objectContaining({ reason: "closed" }),
    ]);
  });

  it("stays open when the event was marked held from its page first (as that page invites): check-in goes on, and the register closes once", async () => {
    // "Held" says the event took place; only a frozen register closes attendance (the events
    // browser walk found an event marked held whose register could then never be closed).
    const { event, named, absent } = await eventWithPeople();
    await markEventHeld(t.db, by.moderatorCA, event.id, DURING);
    expect(await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", {}, DURING)).toMatchObject({ open: true, closable: true, register: null });
    await markPresent(t.db, by.moderatorCA, event.id, named.id, true, DURING);
    await addWalkIn(t.db, by.moderatorCA, event.id, walkIn({ name: "Late Walker" }), "en", DURING);
    const { sha256 } = await closeRegister(t.db, by.moderatorCA, event.id, AFTER);
    const stored = await t.db.selectFrom("event_registers").selectAll().where("event_id", "=", event.id).executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(sha256);
    expect(JSON.parse(stored.figures)).toMatchObject({ registered: 3, attended: 2 });
    expect((await t.db.selectFrom("events").select("state").where("id", "=", event.id).executeTakeFirstOrThrow()).state).toBe("held");
    expect(await refusal(closeRegister(t.db, by.moderatorCA, event.id, AFTER))).toMatchObject({ reason: "closed" });
    expect(await refusal(markPresent(t.db, by.moderatorCA, event.id, absent.id, true, AFTER))).toMatchObject({ reason: "closed" });
    expect(await refusal(addWalkIn(t.db, by.moderatorCA, event.id, walkIn({}), "en", AFTER))).toMatchObject({ reason: "closed" });
    expect(await getAttendance(t.db, by.moderatorCA.actor, event.id, "en", {}, AFTER)).toMatchObject({ open: false, closable: false });
  });
});

describe("the register's files", () => {
  async function closedRegister() {
    const { event, named, hidden } = await eventWithPeople();
    await markPresent(t.db, by.moderatorCA, event.id, named.id, true, DURING);
    await markPresent(t.db, by.moderatorCA, event.id, hidden.id, true, DURING);
    await t.db.updateTable("event_registrations").set({ organisation_name: '=HYPERLINK("http://evil")' }).where("id", "=", named.id).execute();
    const { sha256 } = await closeRegister(t.db, by.moderatorCA, event.id, AFTER);
    return { register: await getFrozenRegister(t.db, by.moderatorCA.actor, event.id), sha256 };
  }
  const forbidden = [/Zed Hidden/, /needs-marker/, /@example/, /\bWoman\b|\bMan\b|Femme|Mujer/];

  it("CSV: the SHA-256 and closing time, only consenting people named, a formula escaped, no gender or needs", async () => {
    const { register, sha256 } = await closedRegister();
    const csv = writeRegisterCsv(register, "en").toString("utf8");
    expect(csv.startsWith("\ufeff")).toBe(true);
    const records = parse(csv.slice(1), { relax_column_count: true }) as string[][];
    expect(records.flat()).toContain(sha256);
    expect(records.find((r) => r[0] === "Register closed")?.[1]).toMatch(/May 14, 2030 at 15:00/);
    const names = records.slice(records.findIndex((r) => r[0] === "Name") + 1).map((r) => r[0]);
    expect(names).toEqual(["Ana Named", "Not named", "Bea Absent", "Wil Waiting"]);
    expect(records.flat()).toContain('\'=HYPERLINK("http://evil")');
    for (const pattern of forbidden) expect(csv).not.toMatch(pattern);
  });

  it("XLSX: read back with exceljs, the same rows and the SHA-256", async () => {
    const { register, sha256 } = await closedRegister();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeRegisterXlsx(register, "fr")) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Registre");
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain(sha256);
    expect(cells).toContain("Ana Named");
    expect(cells).toContain("Non nommé");
    expect(cells).toContain('=HYPERLINK("http://evil")');
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    for (const pattern of forbidden) expect(cells.join("\n")).not.toMatch(pattern);
  });

  it("PDF: tagged, in the language asked, with the SHA-256, the closing time and only consenting people named", async () => {
    const { register, sha256 } = await closedRegister();
    const pdf = await writeRegisterPdf(register, "es");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/MarkInfo");
    expect(raw).toMatch(/\/Lang \(es\)/);
    const text = await pdfTitleAndText(pdf);
    expect(text).toContain("Registro de asistencia");
    expect(text).toContain(sha256);
    expect(text).toContain("Ana Named");
    expect(text).toContain("Sin nombre");
    for (const pattern of forbidden) expect(text).not.toMatch(pattern);
  });

  it("the sign-in sheet: a tagged PDF of the confirmed registrations with a signature column", async () => {
    const { event } = await eventWithPeople();
    const sheet = await getSignInSheet(t.db, by.moderatorCA.actor, event.id, "fr");
    const pdf = await writeSignInSheetPdf(sheet, "fr", DURING);
    expect(pdf.toString("latin1")).toContain("/StructTreeRoot");
    const text = await pdfTitleAndText(pdf);
    expect(text).toContain("Feuille d’émargement");
    expect(text).toContain("Signature");
    for (const name of ["Ana Named", "Zed Hidden", "Bea Absent"]) expect(text).toContain(name);
    expect(text).not.toContain("Wil Waiting");
    expect(text).not.toMatch(/needs-marker|@example/);
  });
});

describe("the report and the recording", () => {
  it("attaches the report once the event has started, audited and public; the recording link too", async () => {
    const { event } = await eventWithPeople();
    const file = { key: "a".repeat(24), name: "report.pdf", size: 1234, sha256: "0".repeat(64) };
    expect(await refusal(attachReport(t.db, by.moderatorCA, event.id, file, DAY_BEFORE))).toMatchObject({ reason: "notStarted" });
    expect(await refusal(attachReport(t.db, by.moderatorCL, event.id, file, AFTER))).toBeInstanceOf(ForbiddenError);
    const before = await version();
    expect(await attachReport(t.db, by.moderatorCA, event.id, file, AFTER)).toEqual({ replacedKey: null });
    expect(await version()).toBeGreaterThan(before);
    expect(await getPublicReport(t.db, event.slug)).toEqual({ key: file.key, name: "report.pdf", size: 1234 });
    // A key another record uses is refused.
    const other = await eventWithPeople();
    expect(await refusal(attachReport(t.db, by.moderatorCA, other.event.id, file, AFTER))).toMatchObject({ reason: "fileTaken" });
    expect(await attachReport(t.db, by.moderatorCA, event.id, { ...file, key: "b".repeat(24) }, AFTER)).toEqual({ replacedKey: file.key });
    expect(await setRecording(t.db, by.moderatorCA, event.id, "https://video.example/rec", AFTER)).toBe(true);
    expect(await setRecording(t.db, by.moderatorCA, event.id, "https://video.example/rec", AFTER)).toBe(false);
    expect((await audits("event.report_attached")).filter((a) => a.subject_id === String(event.id))).toHaveLength(2);
    expect((await audits("event.recording_set")).filter((a) => a.subject_id === String(event.id))).toHaveLength(1);
    const draft = await createEvent(t.db, { party: "CA", startsAt: STARTS, state: "draft" });
    await t.db
      .updateTable("events")
      .set({ report_file_key: "c".repeat(24) })
      .where("id", "=", draft.id)
      .execute();
    expect(await getPublicReport(t.db, draft.slug)).toBeNull();
  });
});
