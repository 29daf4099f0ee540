// The tabular summary formats (CSV, JSON, XLSX) from a synthetic Summary: what they hold, that the
// same Summary gives the same bytes. Memory on a large edition is measured by `npm run bench:export`.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exceljsFastPath, pinZipEntryDates, sheetMarkupOutput, sheetXmlQueue } from "~/exports/exceljs-internals.server";
import { LibraryInternalsChanged } from "~/exports/library-internals.server";
import { writeSummaryCsv } from "~/exports/summary-csv.server";
import { writeSummaryJson } from "~/exports/summary-json.server";
import { summaryColumns } from "~/exports/summary-rows.server";
import { writeSummaryXlsx } from "~/exports/summary-xlsx.server";
import { getT } from "~/i18next.server";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";
import type { Summary, SummarySubmission } from "~/models/summary-types";
import { summaryFixture } from "./summary-fixture";

type Locale = "en" | "fr" | "es";
type Writer = (summary: Summary, out: Writable) => Promise<void>;

const locales: Locale[] = ["en", "fr", "es"];
const messages = { en, fr, es };
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Writes `summary` with `writer` into memory, through a slow-ish consumer (small buffer). */
async function render(writer: Writer, summary: Summary): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      setImmediate(callback);
    },
  });
  await writer(summary, out);
  return Buffer.concat(chunks);
}

/** The same Summary with some submissions changed (or extended with fields it should not show). */
function tamper(summary: Summary, edit: (s: SummarySubmission, i: number) => SummarySubmission): Summary {
  const original = summary.submissions.bind(summary);
  return {
    ...summary,
    async *submissions(order) {
      let i = 0;
      for await (const s of original(order)) yield edit(s, i++);
    },
  };
}

async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its Buffer parameter after an older @types/node.
  await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

async function collect(summary: Summary): Promise<SummarySubmission[]> {
  const all: SummarySubmission[] = [];
  for await (const s of summary.submissions("reference")) all.push(s);
  return all;
}

/** Texts from the public that a spreadsheet would run as formulas. */
const attacks = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1)", "\tindented", "\u{FF1D}1+1"];

describe("CSV", () => {
  for (const locale of locales) {
    it(`has a BOM, a header in ${locale} and one row per submission`, async () => {
      const summary = summaryFixture({ count: 50, locale });
      const buf = await render(writeSummaryCsv, summary);
      expect(buf.subarray(0, 3).equals(bom)).toBe(true);

      const rows: string[][] = parse(buf, { bom: true, relax_column_count: false });
      const [header, ...records] = rows;
      const cols = messages[locale].summary.columns;
      // The columns of the rows, then which summary it is (here, built on demand).
      expect(header).toEqual([...summaryColumns(getT(locale)).map((c) => c.header), messages[locale].summary.identity.column]);
      expect(header![0]).toBe(cols.reference);
      expect(header).toContain(cols.stakeholderType);
      expect(header).toContain(cols.submittedAt);
      expect(records).toHaveLength(summary.submissionCount);

      const fixture = await collect(summary);
      const column = (key: keyof typeof cols) => header!.indexOf(cols[key]);
      records.forEach((r, i) => {
        const s = fixture[i]!;
        expect(r[column("reference")]).toBe(s.reference);
        // The consultation's title under "Consultation", its slug in a column of its own.
        expect(r[column("topic")]).toBe(summary.meta.topics.find((tp) => tp.slug === s.topicSlug)!.title);
        expect(r[column("topicSlug")]).toBe(s.topicSlug);
        expect(r[column("text")]).toBe(s.text);
        expect(r[column("title")]).toBe(s.title ?? "");
        expect(r[column("organisation")]).toBe(s.organisation ?? "");
        expect(r[column("themes")]).toBe(s.themes.join("; "));
        expect(r[column("submittedAt")]).toBe(s.submittedAt);
        expect(r[column("campaignSenders")]).toBe(s.campaign ? String(s.campaign.senders) : "");
        expect(r.at(-1)).toBe(messages[locale].summary.identity.notOfficialShort);
      });
      // Quotes, commas, semicolons and accents come back intact.
      expect(records[0]![column("organisation")]).toBe('Organisation 0, "quoted"; semi');
      expect(records[0]![column("title")]).toBe("Proposal 0: données & datos");
      expect(records.some((r) => r[column("text")]!.endsWith("éé"))).toBe(true);
      expect(records[0]![column("publication")]).toBe(messages[locale].summary.publication.named);
      expect(records[0]![column("womenLed")]).toBe(messages[locale].summary.womenLed.yes);
    });
  }

  it("neutralises texts that look like formulas and keeps line breaks inside the cell", async () => {
    const summary = tamper(summaryFixture({ count: 10 }), (s, i) =>
      i < attacks.length
        ? { ...s, text: attacks[i]!, title: attacks[(i + 1) % attacks.length]!, organisation: "-Org" }
        : i === attacks.length
          ? { ...s, text: "Line one\nLine two\r\nLine three" }
          : s,
    );
    const rows: string[][] = parse(await render(writeSummaryCsv, summary), { bom: true });
    const [header, ...records] = rows;
    const textAt = header!.indexOf(en.summary.columns.text);
    const titleAt = header!.indexOf(en.summary.columns.title);
    attacks.forEach((attack, i) => {
      expect(records[i]![textAt]).toBe(`'${attack}`);
      expect(records[i]![titleAt]).toBe(`'${attacks[(i + 1) % attacks.length]}`);
      expect(records[i]![header!.indexOf(en.summary.columns.organisation)]).toBe("'-Org");
    });
    expect(records[attacks.length]![textAt]).toBe("Line one\nLine two\r\nLine three");
    expect(records).toHaveLength(10);
    // Nothing else is touched: ordinary cells have no apostrophe.
    expect(records[attacks.length + 1]![0]).toMatch(/^C[AL]-2026-/);
  });

  it("is byte-identical for the same Summary", async () => {
    const a = await render(writeSummaryCsv, summaryFixture({ count: 50, locale: "fr" }));
    const b = await render(writeSummaryCsv, summaryFixture({ count: 50, locale: "fr" }));
    expect(a.equals(b)).toBe(true);
  });
});

describe("JSON", () => {
  const schema = JSON.parse(readFileSync(new URL("../docs/summary.schema.json", import.meta.url), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true });
  ajv.addFormat("date-time", {
    type: "string",
    validate: (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
  });
  const validate = ajv.compile(schema);

  it("documents every field", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`));
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "properties" || key === "$defs") {
            for (const [name, sub] of Object.entries(value as object)) {
              if (!(sub as { description?: string }).description) missing.push(`${path}/${key}/${name}`);
            }
          }
          walk(value, `${path}/${key}`);
        }
      }
    };
    walk(schema, "#");
    expect(missing).toEqual([]);
  });

  for (const locale of locales) {
    it(`validates against docs/summary.schema.json and holds every submission (${locale})`, async () => {
      const summary = summaryFixture({ count: 50, locale });
      const text = (await render(writeSummaryJson, summary)).toString("utf8");
      const doc = JSON.parse(text);
      const valid = validate(doc);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(doc.schemaVersion).toBe(1);
      expect(doc.meta.locale).toBe(locale);
      expect(doc.submissionCount).toBe(50);
      expect(doc.submissions).toHaveLength(50);
      expect(doc.submissions).toEqual(await collect(summary));
      expect(doc.parties[0].received).toBe(summary.parties[0]!.received);
      expect(doc.totals.gender.prefer_not).toEqual({ value: null, suppressed: true });
      // One submission per line after the head.
      expect(text.split("\n")).toHaveLength(1 + 50 + 2);
    });
  }

  it("writes only the documented fields, whatever else the objects carry", async () => {
    const summary = tamper(summaryFixture({ count: 5 }), (s) => ({ ...s, email: "someone@example.org" }) as SummarySubmission);
    const text = (await render(writeSummaryJson, summary)).toString("utf8");
    expect(text).not.toContain("someone@example.org");
    expect(validate(JSON.parse(text))).toBe(true);
    // …and the schema would refuse such a field.
    const doc = JSON.parse(text);
    doc.submissions[0].email = "someone@example.org";
    expect(validate(doc)).toBe(false);
  });

  it("writes an empty submissions array when nothing is included", async () => {
    const doc = JSON.parse((await render(writeSummaryJson, summaryFixture({ count: 0 }))).toString("utf8"));
    expect(doc.submissions).toEqual([]);
    expect(validate(doc)).toBe(true);
  });

  it("is byte-identical for the same Summary", async () => {
    const a = await render(writeSummaryJson, summaryFixture({ count: 50, locale: "es" }));
    const b = await render(writeSummaryJson, summaryFixture({ count: 50, locale: "es" }));
    expect(a.equals(b)).toBe(true);
  });
});

describe("XLSX", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const locale of locales) {
    it(`has the three sheets in ${locale}, one row per submission and the figures`, async () => {
      const summary = summaryFixture({ count: 50, locale });
      const m = messages[locale].summary;
      const wb = await loadXlsx(await render(writeSummaryXlsx, summary));

      // The events' sheet (issue 19) comes last: this summary has none, and says so.
      expect(wb.worksheets.map((w) => w.name)).toEqual([m.sheets.summary, m.sheets.submissions, m.sheets.statistics, m.events.sheet]);
      expect(wb.created.toISOString()).toBe(summary.meta.generatedAt);
      expect(wb.modified.toISOString()).toBe(summary.meta.generatedAt);

      // Summary: the key figures per party and in total.
      const front = wb.getWorksheet(m.sheets.summary)!;
      expect(front.getCell("A1").value).toBe(summary.meta.title);
      const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
        let found: ExcelJS.Row | undefined;
        sheet.eachRow((row) => {
          if (!found && row.getCell(1).value === label) found = row;
        });
        if (!found) throw new Error(`no row "${label}" in ${sheet.name}`);
        return found;
      };
      const received = rowOf(front, m.metrics.received);
      expect(received.getCell(2).value).toBe(summary.parties[0]!.received);
      expect(received.getCell(3).value).toBe(summary.parties[1]!.received);
      expect(received.getCell(4).value).toBe(summary.totals.received);
      expect(rowOf(front, m.metrics.distinctContributions).getCell(4).value).toBe(summary.totals.distinctContributions);
      expect(rowOf(front, "Participants asked for data by sex.")).toBeTruthy();
      expect(rowOf(front, m.noSynthesis)).toBeTruthy();
      // The consultations: title under "Consultation", then the slug, then the consultation's country.
      const firstTopic = rowOf(front, summary.meta.topics[0]!.title);
      expect(firstTopic.getCell(2).value).toBe(summary.meta.topics[0]!.slug);
      expect(rowOf(front, m.columns.topic).getCell(2).value).toBe(m.columns.topicSlug);

      // Submissions: header + one row each, filterable, frozen, dates as dates.
      const subs = wb.getWorksheet(m.sheets.submissions)!;
      expect(subs.rowCount).toBe(summary.submissionCount + 1);
      expect(subs.actualRowCount).toBe(summary.submissionCount + 1);
      const header = (subs.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(summaryColumns(getT(locale)).map((c) => c.header));
      expect(subs.autoFilter).toBeTruthy();
      expect(subs.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      const fixture = await collect(summary);
      const col = (key: keyof typeof m.columns) => header.indexOf(m.columns[key]) + 1;
      fixture.forEach((s, i) => {
        const row = subs.getRow(i + 2);
        expect(row.getCell(col("reference")).value).toBe(s.reference);
        expect(row.getCell(col("topic")).value).toBe(summary.meta.topics.find((tp) => tp.slug === s.topicSlug)!.title);
        expect(row.getCell(col("topicSlug")).value).toBe(s.topicSlug);
        expect(row.getCell(col("text")).value).toBe(s.text);
        expect(row.getCell(col("submittedAt")).value).toEqual(new Date(s.submittedAt));
      });
      expect(subs.getColumn(col("text")).width).toBeGreaterThan(subs.getColumn(col("reference")).width!);

      // Statistics: the suppressed gender cell is written as "fewer than 5".
      const stats = wb.getWorksheet(m.sheets.statistics)!;
      const man = rowOf(stats, m.gender.man);
      expect(man.getCell(2).value).toBe(m.fewerThan5);
      expect(man.getCell(4).value).toBe(summary.totals.gender.man.value);
      expect(rowOf(stats, m.sections.campaigns)).toBeTruthy();
      expect(rowOf(stats, summary.meta.labels.stakeholderTypes.union!).getCell(4).value).toBe(summary.totals.byStakeholderType.union);
    });
  }

  it("keeps formula-looking texts as plain text", async () => {
    const summary = tamper(summaryFixture({ count: 3 }), (s, i) => (i === 0 ? { ...s, text: attacks[0]! } : s));
    const wb = await loadXlsx(await render(writeSummaryXlsx, summary));
    const subs = wb.getWorksheet(en.summary.sheets.submissions)!;
    const cell = subs.getRow(2).getCell(summaryColumns(getT("en")).findIndex((c) => c.key === "text") + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(attacks[0]);
  });

  it("writes the submissions' rows exactly as exceljs itself would, whatever the text", async () => {
    // The Submissions rows are written as markup (for speed) rather than through exceljs's cells;
    // exceljs's own way is the reference: same bytes, for texts any person could send.
    const tricky = fc.string({ unit: "binary", maxLength: 60 });
    const texts = fc.sample(tricky, { numRuns: 120, seed: 7 });
    const specials = ["", " ", "a & b < c > d \" e ' f", "\u0000\u0001\u0008\u000b\u000c\u001f\u007f\t\n\r", "😀 \uD83D alone", "x".repeat(40_000), ...attacks];
    const summary = tamper(summaryFixture({ count: 140, locale: "es" }), (s, i) => ({
      ...s,
      text: i < specials.length ? specials[i]! : texts[i % texts.length]!,
      title: i % 3 === 0 ? null : (texts[(i * 7) % texts.length] ?? null),
      organisation: i % 5 === 0 ? "" : s.organisation,
      decidedAt: i % 4 === 0 ? null : s.decidedAt,
      campaign: i % 6 === 0 ? { id: 12_345, senders: 3 } : s.campaign,
    }));
    const before = exceljsFastPath.markupRows;
    const markup = await render((x, out) => writeSummaryXlsx(x, out, { cellsBy: "markup" }), summary);
    // The markup path really ran, one row at a time: were it switched off, both renders would be
    // exceljs's own and equal for nothing.
    expect(exceljsFastPath.markupRows - before).toBe(140);
    const exceljs = await render((x, out) => writeSummaryXlsx(x, out, { cellsBy: "exceljs" }), summary);
    expect(exceljsFastPath.markupRows - before).toBe(140);
    const sheet = async (buf: Buffer) => (await JSZip.loadAsync(buf)).file("xl/worksheets/sheet2.xml")!.async("string");
    expect(await sheet(markup)).toBe(await sheet(exceljs));
    expect(markup.equals(exceljs)).toBe(true);
  });

  it("writes the submissions as markup by default, and measures the compressor's queue as it goes", async () => {
    const before = { ...exceljsFastPath };
    await render(writeSummaryXlsx, summaryFixture({ count: 40, locale: "en" }));
    expect(exceljsFastPath.markupRows - before.markupRows).toBe(40);
    expect(exceljsFastPath.measuredQueues - before.measuredQueues).toBe(2); // every 16 rows
    expect(exceljsFastPath.pinnedZips - before.pinnedZips).toBe(1);
  });

  it("throws, rather than falling back, when exceljs no longer has a private member it relies on", async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new Writable({ write: (_c, _e, cb) => cb() }), useStyles: true });
    const sheet = wb.addWorksheet("x");
    expect(() => sheetMarkupOutput(wb, sheet)).not.toThrow();
    expect(() => sheetXmlQueue(sheet)).not.toThrow();
    const changed = <T extends object>(of: T, hidden: string): T =>
      new Proxy(of, { get: (o, key, r) => (key === hidden ? undefined : Reflect.get(o, key, r)) });
    expect(() => sheetMarkupOutput(wb, changed(sheet, "_write"))).toThrow(LibraryInternalsChanged);
    expect(() => sheetMarkupOutput(changed(wb, "styles"), sheet)).toThrow(/exceljs internals changed: WorkbookWriter.styles.addStyleModel/);
    expect(() => sheetXmlQueue(changed(sheet, "_stream"))).toThrow(LibraryInternalsChanged);
    expect(() => pinZipEntryDates(changed(wb, "zip"), new Date())).toThrow(LibraryInternalsChanged);
  });

  it("is byte-identical for the same Summary, whenever it is written", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-05-05T05:05:05Z"));
    const a = await render(writeSummaryXlsx, summaryFixture({ count: 50, locale: "fr" }));
    vi.setSystemTime(new Date("2031-07-07T17:17:17Z"));
    const b = await render(writeSummaryXlsx, summaryFixture({ count: 50, locale: "fr" }));
    vi.useRealTimers();
    expect(a.equals(b)).toBe(true);

    // Every zip entry carries the summary's generation time, not the time of writing.
    const zip = await JSZip.loadAsync(a);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(["2026-11-29T12:00:00.000Z"]);
  });
});

describe("failures", () => {
  for (const [name, writer] of [
    ["CSV", writeSummaryCsv],
    ["JSON", writeSummaryJson],
    ["XLSX", writeSummaryXlsx],
  ] as const) {
    it(`${name}: a failure while reading submissions rejects and destroys the output`, async () => {
      const base = summaryFixture({ count: 300 });
      const original = base.submissions.bind(base);
      const summary: Summary = {
        ...base,
        async *submissions(order) {
          let i = 0;
          for await (const s of original(order)) {
            if (++i === 200) throw new Error("database went away");
            yield s;
          }
        },
      };
      const out = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      const seen: unknown[] = [];
      out.on("error", (error) => seen.push(error));
      await expect(writer(summary, out)).rejects.toThrow("database went away");
      // Destroyed *with* the error: a response body adapter then aborts the download rather than
      // ending it as if the file were complete.
      expect(out.destroyed).toBe(true);
      await new Promise((resolve) => setImmediate(resolve)); // 'error' is emitted on the next tick
      expect(seen.map((e) => (e as Error).message)).toContain("database went away");
    });

    for (const [count, after] of [
      [3000, 64 * 1024],
      [50, 4 * 1024],
    ] as const) {
      it(`${name}: a client that goes away (${count} submissions, after ${after / 1024} kB) rejects the writer instead of leaving it waiting`, async () => {
        let written = 0;
        const out = new Writable({
          highWaterMark: 1024,
          write(chunk: Buffer, _encoding, callback) {
            written += chunk.length;
            // The client reads a little, then stops reading and disconnects.
            if (written > after) setTimeout(() => out.destroy(), 5);
            else callback();
          },
        });
        await expect(writer(summaryFixture({ count }), out)).rejects.toThrow();
      });
    }
  }
});
