import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWriters, type SummaryFormat } from "~/exports/formats.server";
import { getT } from "~/i18next.server";
import { startCompilation } from "~/models/editions.server";
import { countAttendance, protectAttendance } from "~/models/event-figures.server";
import { advancePublication } from "~/models/publication.server";
import { refreshStatsSnapshot } from "~/models/stats-snapshots.server";
import { buildSummary } from "~/models/summaries.server";
import type { Summary } from "~/models/summary-types";
import { stakeholderTypes } from "~/schemas/submission";
import { seed } from "../db/seed/index";
import { createEvent, createRegistration, createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { runJobs } from "./helpers/jobs";
import { startServer, type RunningServer } from "./helpers/server";
import { writtenBytes } from "./helpers/written-bytes";

/*
 * Issue 19, item 6: events in the bilateral summary and the statistics. An event counts when it
 * was held in the scope and its register was closed by the summary's time; its figures are those
 * frozen with the register (countAttendance + protectAttendance at closing), added up — a group
 * withheld at an event stays withheld in every format, the page and the API.
 */

let t: TestDatabase;
let server: RunningServer;
const DAY = 86_400_000;
const filesDir = mkdtempSync(join(tmpdir(), "puente-summary-events-"));
process.env.FILES_DIR = filesDir;
const closedAt = new Date(Date.now() - DAY);
const ids = {} as Record<"area3" | "area1" | "topicCL3", number>;
const events = {} as Record<"ca3" | "cl3" | "open3" | "ca1" | "late3", { id: number; slug: string }>;

/** Closes an event's register as the attendance module does: raw counts protected once, frozen. */
async function closeRegister(eventId: number, at: Date) {
  const counts = await countAttendance(t.db, eventId);
  const figures = protectAttendance(counts, { stakeholderTypes, regions: ["CA-ON", "CA-QC", "CL-BI"] });
  const register = JSON.stringify({ eventId, people: [] });
  await t.db
    .insertInto("event_registers")
    .values({
      event_id: eventId,
      closed_at: at.toISOString(),
      closed_by_user_id: null,
      register,
      sha256: createHash("sha256").update(register).digest("hex"),
      figures: JSON.stringify(figures),
    })
    .execute();
  await t.db.updateTable("events").set({ state: "held" }).where("id", "=", eventId).execute();
}

async function heldEvent(party: "CA" | "CL", areaId: number, title: string, people: Array<Parameters<typeof createRegistration>[2]>) {
  const event = await createEvent(t.db, {
    party,
    areaId,
    startsAt: new Date(Date.now() - 3 * DAY),
    registrationOpensAt: new Date(Date.now() - 20 * DAY),
    translations: { en: { title }, fr: { title: `${title} (fr)` } },
  });
  for (const p of people) await createRegistration(t.db, event.id, p);
  return event;
}

const attended = new Date(Date.now() - 3 * DAY);
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const area = async (n: number) => (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", n).executeTakeFirstOrThrow()).id;
  ids.area3 = await area(3);
  ids.area1 = await area(1);
  // Topics in area 3 (both countries) and area 1, so that each scope has consultations.
  for (const [party, areaId] of [
    ["CA", ids.area3],
    ["CL", ids.area3],
    ["CA", ids.area1],
  ] as const) {
    const topic = await createTopic(t.db, { party });
    await t.db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();
    if (party === "CL") ids.topicCL3 = topic.id;
  }
  // Canada, area 3: 12 registered, 11 attended. By type: ngo 6, academic 5 → academic withheld
  // too (otherwise the withheld zeros would add up to 0); by gender: woman 6, man 3 (withheld).
  events.ca3 = await heldEvent("CA", ids.area3, "Gender data workshop", [
    ...times(6, { stakeholderType: "ngo", gender: "woman" as const, country: "CA" as const, region: "CA-ON", attendedAt: attended }),
    ...times(3, { stakeholderType: "academic", gender: "man" as const, country: "CA" as const, region: "CA-QC", attendedAt: attended }),
    ...times(2, { stakeholderType: "academic", country: "CL" as const, region: "CL-BI", attendedAt: attended }),
    { stakeholderType: "ngo", country: "CA" as const },
  ]);
  await closeRegister(events.ca3.id, closedAt);
  // Chile, area 3: 5 attended, all withheld at the event (a single shown group would give the others away).
  events.cl3 = await heldEvent(
    "CL",
    ids.area3,
    "Taller de mujeres exportadoras",
    times(5, { stakeholderType: "ngo", country: "CL" as const, attendedAt: attended }),
  );
  await closeRegister(events.cl3.id, closedAt);
  // Held in area 3 but its register still open: listed nowhere, counted nowhere.
  events.open3 = await heldEvent("CA", ids.area3, "Open register webinar", times(7, { stakeholderType: "ngo", attendedAt: attended }));
  await t.db.updateTable("events").set({ state: "held" }).where("id", "=", events.open3.id).execute();
  // Area 1: outside area 3's scope, in the whole plan's (company 6 shown, ngo 5 withheld with it).
  events.ca1 = await heldEvent("CA", ids.area1, "Procurement roundtable", [
    ...times(6, { stakeholderType: "company", attendedAt: attended }),
    ...times(5, { stakeholderType: "ngo", attendedAt: attended }),
  ]);
  await closeRegister(events.ca1.id, closedAt);
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

const area3 = { kind: "bilateral-area", areaNumber: 3 } as const;
const withheld = { value: null, suppressed: true };

describe("the summary's events", () => {
  it("adds up the stored figures of the scope's held events whose register is closed", async () => {
    const summary = await buildSummary(t.db, { scope: area3, edition: "public", locale: "en" });
    const e = summary.events;
    expect(e.list.map((x) => x.slug)).toEqual([events.ca3.slug, events.cl3.slug]);
    expect(e.list[0]).toMatchObject({ title: "Gender data workshop", party: "CA", format: "online", registered: 12, attended: 11 });
    expect(e.totals).toMatchObject({ held: 2, registered: 12 + 5, attended: 11 + 5 });
    // Sums of what each event shows: Chile's 5 ngo attendees were withheld there, so not added.
    expect(e.totals.byStakeholderType.ngo).toEqual({ value: 6, suppressed: false });
    expect(e.totals.byStakeholderType.academic).toEqual(withheld);
    expect(e.totals.gender.woman).toEqual({ value: 6, suppressed: false });
    expect(e.totals.gender.man).toEqual(withheld);
    const [ca, cl] = e.parties;
    expect(ca!.figures).toMatchObject({ held: 1, registered: 12, attended: 11 });
    expect(cl!.figures).toMatchObject({ held: 1, registered: 5, attended: 5 });
    expect(cl!.figures.byStakeholderType.ngo).toEqual(withheld);
    expect(e.groups.byCountry.map((g) => g.label)).toEqual(["Canada", "Chile", getT("en")("summary.otherCountry")]);
  });

  it("never counts afresh: the figures are those frozen at closing, even if registrations change later", async () => {
    const late = await createRegistration(t.db, events.ca3.id, { stakeholderType: "academic", gender: "man", attendedAt: attended });
    try {
      const summary = await buildSummary(t.db, { scope: area3, edition: "public", locale: "en" });
      expect(summary.events.totals.attended).toBe(16);
      expect(summary.events.totals.gender.man).toEqual(withheld);
    } finally {
      await t.db.deleteFrom("event_registration_genders").where("registration_id", "=", late.id).execute();
      await t.db.deleteFrom("event_registrations").where("id", "=", late.id).execute();
    }
  });

  it("takes each scope's events: the whole plan, one party over dates, one consultation's area", async () => {
    const all = await buildSummary(t.db, { scope: { kind: "all" }, edition: "public", locale: "en" });
    expect(all.events.list.map((x) => x.slug).sort()).toEqual([events.ca3.slug, events.cl3.slug, events.ca1.slug].sort());
    expect(all.events.totals.byStakeholderType.company).toEqual({ value: 6, suppressed: false });
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10);
    const canada = await buildSummary(t.db, { scope: { kind: "party", party: "CA", from: weekAgo, to: today }, edition: "public", locale: "en" });
    expect(canada.events.list.map((x) => x.slug).sort()).toEqual([events.ca3.slug, events.ca1.slug].sort());
    const earlier = await buildSummary(t.db, { scope: { kind: "party", party: "CA", from: "2020-01-01", to: "2020-12-31" }, edition: "public", locale: "en" });
    expect(earlier.events.totals.held).toBe(0);
    const chile = await buildSummary(t.db, { scope: { kind: "topic", topicId: ids.topicCL3 }, edition: "public", locale: "en" });
    expect(chile.events.list.map((x) => x.slug)).toEqual([events.cl3.slug]);
  });

  it("leaves out a register closed after the summary's time (a frozen edition's files stay the same)", async () => {
    events.late3 = await heldEvent("CA", ids.area3, "Closed later", times(6, { stakeholderType: "ngo", attendedAt: attended }));
    await closeRegister(events.late3.id, new Date(Date.now() + DAY));
    try {
      const summary = await buildSummary(t.db, { scope: area3, edition: "public", locale: "en" });
      expect(summary.events.list.map((x) => x.slug)).not.toContain(events.late3.slug);
      const later = await buildSummary(t.db, { scope: area3, edition: "public", locale: "en", now: new Date(Date.now() + 2 * DAY) });
      expect(later.events.list.map((x) => x.slug)).toContain(events.late3.slug);
    } finally {
      await t.db.deleteFrom("event_registers").where("event_id", "=", events.late3.id).execute();
      await t.db.updateTable("events").set({ state: "cancelled" }).where("id", "=", events.late3.id).execute();
    }
  });

  it("freezes the events in an edition as they stood when it was frozen, whenever its files are written", async () => {
    const { actors } = await createSummaryOfficials(t.db);
    const frozenAt = new Date(Date.now() - 60_000);
    const started = await startCompilation(t.db, actors.modCA, { scope: area3, edition: "public" }, frozenAt);
    // Closed after the edition was frozen, before its files are written: not in them.
    const after = await heldEvent("CA", ids.area3, "Closed after the freeze", times(6, { stakeholderType: "ngo", attendedAt: attended }));
    await closeRegister(after.id, new Date(frozenAt.getTime() + 30_000));
    try {
      await runJobs(t.db);
      const files = await t.db.selectFrom("summary_edition_files").selectAll().where("edition_id", "=", started.id).execute();
      const jsonFile = files.find((f) => f.format === "json" && f.locale === "en")!;
      const doc = JSON.parse(readFileSync(join(filesDir, jsonFile.file_key), "utf8"));
      expect(doc.events.list.map((e: { slug: string }) => e.slug)).toEqual([events.ca3.slug, events.cl3.slug]);
      expect(doc.events.totals.gender.man).toEqual(withheld);
      for (const f of files.filter((x) => x.format === "csv" || x.format === "json")) {
        expect(readFileSync(join(filesDir, f.file_key), "utf8")).not.toContain("Closed after the freeze");
      }
    } finally {
      await t.db.deleteFrom("event_registers").where("event_id", "=", after.id).execute();
      await t.db.updateTable("events").set({ state: "cancelled" }).where("id", "=", after.id).execute();
    }
  }, 120_000);

  it("titles the events in the summary's language, falling back to one written", async () => {
    const fr = await buildSummary(t.db, { scope: area3, edition: "public", locale: "fr" });
    expect(fr.events.list[0]!.title).toBe("Gender data workshop (fr)");
    expect(fr.events.formats.online).toBe(getT("fr")("summary.events.formats.online"));
    const es = await buildSummary(t.db, { scope: area3, edition: "public", locale: "es" });
    expect(["Gender data workshop", "Gender data workshop (fr)"]).toContain(es.events.list[0]!.title);
  });
});

const render = (format: SummaryFormat, summary: Summary) => writtenBytes((out) => formatWriters[format].write(summary, out));

const flat = (s: string) => s.replace(/\s+/g, " ");

async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    text += ` ${((await (await doc.getPage(n)).getTextContent()).items as Array<{ str?: string }>).map((i) => i.str ?? "").join(" ")}`;
  }
  await doc.destroy();
  return flat(text);
}

describe("every format of the summary", () => {
  for (const locale of ["en", "fr", "es"] as const) {
    it(`shows the events, withheld groups as withheld and nothing out of scope (${locale})`, async () => {
      const tr = getT(locale);
      const fewer = tr("summary.fewerThan5");
      const summary = await buildSummary(t.db, { scope: area3, edition: "public", locale });
      const title = summary.events.list[0]!.title;
      const outside = ["Open register webinar", "Procurement roundtable"];

      // JSON: valid against the documented schema; withheld as { value: null, suppressed: true }.
      const json = JSON.parse((await render("json", summary)).toString("utf8"));
      const schema = JSON.parse(readFileSync("docs/summary.schema.json", "utf8"));
      const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true });
      ajv.addFormat("date-time", { type: "string", validate: (x: string) => !Number.isNaN(Date.parse(x)) });
      const valid = ajv.validate(schema, json);
      expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
      expect(valid).toBe(true);
      expect(json.events.totals.gender.man).toEqual(withheld);
      expect(json.events.totals.gender.woman).toEqual({ value: 6, suppressed: false });
      expect(json.events.totals.attended).toBe(16);
      expect(json.events.list.map((e: { slug: string }) => e.slug)).toEqual([events.ca3.slug, events.cl3.slug]);

      // CSV: after the submissions, the events' records; the men's group reads "not shown".
      const rows: string[][] = parse(await render("csv", summary), { bom: true });
      const record = tr("summary.events.record");
      const eventRows = rows.filter((r) => r[0] === record);
      expect(eventRows.length).toBeGreaterThan(10);
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
      const cell = (party: string, table: string, group: string) =>
        eventRows.find((r) => r[1] === party && r[2] === tr("summary.events.allEvents") && r[6] === table && r[7] === group)?.[8];
      const gender = tr("summary.events.breakdowns.gender");
      expect(cell(tr("summary.total"), gender, tr("summary.gender.man"))).toBe(fewer);
      expect(cell(tr("summary.total"), gender, tr("summary.gender.woman"))).toBe("6");
      expect(cell(tr("summary.total"), tr("summary.events.metrics.attended"), "")).toBe("16");
      expect(eventRows.find((r) => r[3] === events.ca3.slug && r[6] === tr("summary.events.metrics.registered"))?.[8]).toBe("12");

      // XLSX: a sheet of its own.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await render("xlsx", summary)) as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
      const sheet = wb.getWorksheet(tr("summary.events.sheet"))!;
      expect(sheet).toBeDefined();
      const sheetRows: unknown[][] = [];
      sheet.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
      const genderAt = sheetRows.findIndex((r) => r[0] === gender);
      const man = sheetRows.slice(genderAt).find((r) => r[0] === tr("summary.gender.man"));
      expect(man).toEqual([tr("summary.gender.man"), fewer, fewer, fewer]);
      expect(sheetRows.some((r) => r[1] === title && r[4] === 12 && r[5] === 11)).toBe(true);

      // PDF and DOCX: the section, its tables and "not shown".
      const pdf = await pdfText(await render("pdf", summary));
      const docxXml = await (await JSZip.loadAsync(await render("docx", summary))).file("word/document.xml")!.async("string");
      const docx = flat(
        docxXml
          .replace(/<\/w:p>/g, " ")
          .replace(/<[^>]+>/g, " ")
          .replace(/&amp;/g, "&"),
      );
      for (const [name, text] of [
        ["pdf", pdf],
        ["docx", docx],
      ] as const) {
        // The last mention is the section's heading (the PDF's contents name it first).
        const section = text.slice(text.lastIndexOf(tr("summary.events.figures")));
        expect(text, name).toContain(title);
        expect(section, name).toContain(gender);
        const afterGender = section.slice(section.indexOf(gender));
        expect(afterGender, name).toMatch(new RegExp(`${tr("summary.gender.man")}\\s+${fewer}`));
      }
      for (const text of [JSON.stringify(json), rows.flat().join(" "), sheetRows.flat().join(" "), pdf, docx]) {
        for (const o of outside) expect(text).not.toContain(o);
      }
    }, 60_000);
  }
});

describe("/:lang/stats and /api/v1/stats", () => {
  it("give the events per party and in all, withheld groups withheld, and follow the publication", async () => {
    const api = await get(server.url, "/api/v1/stats?area=3");
    expect(api.status).toBe(200);
    const apiText = await api.text();
    const body = JSON.parse(apiText);
    expect(body.events.totals).toMatchObject({ held: 2, registered: 17, attended: 16 });
    expect(body.events.totals.gender.man).toEqual(withheld);
    expect(body.events.totals.byStakeholderType.ngo).toEqual({ value: 6, suppressed: false });
    expect(body.events.parties.map((p: { party: string; held: number }) => [p.party, p.held])).toEqual([
      ["CA", 1],
      ["CL", 1],
    ]);
    const pageResponse = await get(server.url, "/fr/stats?area=3");
    expect(pageResponse.status).toBe(200);
    const html = await pageResponse.text();
    const fr = getT("fr");
    expect(html).toContain(fr("stats.events.title"));
    const genderTable = html.slice(html.indexOf('id="events-gender-table'));
    expect(genderTable.slice(0, genderTable.indexOf("</table>"))).toMatch(
      new RegExp(
        `${fr("summary.gender.man")}</th><td>${fr("summary.fewerThan5")}</td><td>${fr("summary.fewerThan5")}</td><td>${fr("summary.fewerThan5")}</td>`,
      ),
    );
    // No registrant's name or email on the public surfaces.
    const names = await t.db.selectFrom("event_registrations").select(["name", "email"]).execute();
    for (const n of names) {
      expect(apiText).not.toContain(n.name);
      expect(html).not.toContain(n.name);
      if (n.email) expect(apiText + html).not.toContain(n.email);
    }

    // A register closed afterwards shows once the publication moves on (the stats are cached per publication).
    const another = await heldEvent("CL", ids.area3, "Segundo taller", times(6, { stakeholderType: "ngo", attendedAt: attended }));
    await closeRegister(another.id, new Date());
    expect(JSON.parse(await (await get(server.url, "/api/v1/stats?area=3")).text()).events.totals.held).toBe(2);
    await advancePublication(t.db, new Date());
    // The stale snapshot is served while the background refresh (ADR 027) recomputes it.
    await refreshStatsSnapshot(t.db);
    expect(JSON.parse(await (await get(server.url, "/api/v1/stats?area=3")).text()).events.totals.held).toBe(3);
  }, 60_000);
});
