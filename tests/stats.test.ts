import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";
import { moderate } from "~/models/moderation.server";
import { readStatsSnapshot, snapshotKey } from "~/models/stats-snapshots.server";
import { STATS_SHAPE } from "~/models/stats.server";
import { buildSummary } from "~/models/summaries.server";
import type { PartyFigures, Summary, SummaryScope } from "~/models/summary-types";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * The public statistics page and /api/v1/stats: the same numbers as the public summary of the
 * same scope (the committee compares them), small gender groups suppressed everywhere, and nothing
 * of an officials-only submission but its being counted.
 */

let t: TestDatabase;
let server: RunningServer;
const catalogs = { en, fr, es } as const;
const LOCALES = ["en", "fr", "es"] as const;
const METRICS = ["received", "published", "officialsOnly", "rejected", "withdrawn", "pending", "distinctContributions"] as const;
/** Every secret contains "SECRET": no statistics response may contain it. */
const SECRETS = ["SECRET", "secret-officials@example.org", "Person Secret"];
const MEN = 3; // under 5: must never be shown

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const area = async (n: number) => (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", n).executeTakeFirstOrThrow()).id;
  const mods = { CA: await createUser(t.db, { role: "moderator", party: "CA" }), CL: await createUser(t.db, { role: "moderator", party: "CL" }) };
  const actor = (party: "CA" | "CL"): Actor => ({ id: mods[party].id, role: "moderator", partyCode: party });
  const topic = async (party: "CA" | "CL", areaNumber: number) => {
    const created = await createTopic(t.db, { party });
    await t.db
      .updateTable("topics")
      .set({ area_id: await area(areaNumber) })
      .where("id", "=", created.id)
      .execute();
    return created;
  };
  const topics = { CA3: await topic("CA", 3), CL3: await topic("CL", 3), CA1: await topic("CA", 1) };
  const make = async (slug: string, party: "CA" | "CL", values: Record<string, string>, decide?: "approve" | "reject", month?: string) => {
    const s = await createSubmissionFor(t.db, { topicSlug: slug, values: { country: party, ...values } });
    if (decide === "approve") await moderate(t.db, actor(party), s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    if (decide === "reject")
      await moderate(t.db, actor(party), s.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false });
    if (month)
      await t.db
        .updateTable("submissions")
        .set({ created_at: `${month}-10T15:00:00.000Z` })
        .where("id", "=", s.id)
        .execute();
    return s;
  };
  // Canada, area 3: two published, one for officials only, one rejected, one pending.
  await make(topics.CA3.slug, "CA", { publication: "named", stakeholderType: "union", region: "CA-QC", language: "fr" }, "approve", "2026-01");
  await make(topics.CA3.slug, "CA", { publication: "anonymous", stakeholderType: "company", womenLed: "yes", region: "CA-ON" }, "approve", "2026-03");
  await make(
    topics.CA3.slug,
    "CA",
    {
      publication: "officials",
      stakeholderType: "ngo",
      title: "SECRET officials title",
      body: "SECRET officials-only body that only officials may read.",
      organisationName: "SECRET Org",
      contactName: "Person Secret",
      contactEmail: "secret-officials@example.org",
    },
    "approve",
    "2026-03",
  );
  await make(topics.CA3.slug, "CA", { title: "SECRET rejected title", body: "SECRET rejected body." }, "reject");
  await make(topics.CA3.slug, "CA", { title: "SECRET pending title", body: "SECRET pending body." });
  // Chile, area 3: five women and three men writing for themselves (the men's group is under 5).
  const genders = [...Array(5).fill("woman"), ...Array(MEN).fill("man")] as string[];
  for (const [i, gender] of genders.entries()) {
    await make(
      topics.CL3.slug,
      "CL",
      { onBehalf: "self", stakeholderType: "individual", organisationName: "", gender, language: "es", region: i < 4 ? "CL-BI" : "" },
      "approve",
    );
  }
  // Closed with nothing pending: its gender figures are published (ADR 016).
  await t.db
    .updateTable("topics")
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where("id", "=", topics.CL3.id)
    .execute();
  // Canada, area 1: two more, so "all" differs from area 3.
  for (const type of ["academic", "academic"]) await make(topics.CA1.slug, "CA", { stakeholderType: type, language: "en" }, "approve");
  // Writers from elsewhere to a consultation of Canada: one in Chile (Biobío), one in another country.
  await make(topics.CA1.slug, "CA", { country: "CL", region: "CL-BI", language: "es" }, "approve");
  await make(topics.CA1.slug, "CA", { country: "other", region: "", language: "en" }, "approve");
  server = await startServer(t.env);
});

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

function decode(html: string) {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** The rows of the table whose caption has id `${id}-caption`: row header → its cells. */
function tableRows(html: string, id: string): Map<string, string[]> {
  const start = html.indexOf(`id="${id}-caption"`);
  expect(start, `table ${id}`).toBeGreaterThan(-1);
  const body = html.slice(start, html.indexOf("</table>", start));
  const rows = new Map<string, string[]>();
  for (const m of body.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)) {
    rows.set(
      decode(m[1]!),
      [...m[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => decode(c[1]!)),
    );
  }
  return rows;
}

/** The HTML of the page's section with this id (sections on the page do not nest but for regions). */
function section(html: string, id: string) {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

async function page(locale: string, query = "") {
  const res = await get(server.url, `/${locale}/stats${query}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  // entry.server.tsx drops the stray NUL bytes React 18.3 can emit (facebook/react#26228).
  expect(html).not.toContain("\0");
  return html;
}

async function api(query = "") {
  const res = await get(server.url, `/api/v1/stats${query}`);
  expect(res.status).toBe(200);
  // Shared by a CDN, revalidated against the publication version (ADR 027).
  expect(res.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+/);
  expect(res.headers.get("etag")).toMatch(/^W\//);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  return { text: await res.clone().text(), json: (await res.json()) as any };
}

const summaryOf = (scope: SummaryScope, locale: "en" | "fr" | "es" = "en") => buildSummary(t.db, { scope, edition: "public", locale });
const countCell = (locale: string, n: number | null) => (n === null ? catalogs[locale as "en"].summary.fewerThan5 : new Intl.NumberFormat(locale).format(n));

/** What a party's (or the totals') row of each page table must read, from the summary. */
function expectPageMatches(html: string, summary: Summary, locale: "en" | "fr" | "es") {
  const m = catalogs[locale];
  const cells = (pick: (f: PartyFigures | Summary["totals"]) => number | null) =>
    [...summary.parties.map(pick), pick(summary.totals)].map((n) => countCell(locale, n));
  const figures = tableRows(html, "figures-table");
  for (const metric of METRICS) expect(figures.get(m.summary.metrics[metric]), metric).toEqual(cells((f) => f[metric]));
  const types = tableRows(html, "stakeholders-table");
  for (const [code, label] of Object.entries(summary.meta.labels.stakeholderTypes))
    expect(types.get(label), code).toEqual(cells((f) => f.byStakeholderType[code]!));
  const languages = tableRows(html, "languages-table");
  for (const l of ["en", "fr", "es"] as const) expect(languages.get(m.languages[l]), l).toEqual(cells((f) => f.byLanguage[l]));
  const womenLed = tableRows(html, "women-led-table");
  for (const k of ["yes", "no", "prefer_not", "not_answered"] as const) expect(womenLed.get(m.summary.womenLed[k]), k).toEqual(cells((f) => f.womenLed[k]));
  const gender = tableRows(html, "gender-table");
  for (const g of ["woman", "man", "another", "prefer_not"] as const) expect(gender.get(m.summary.gender[g]), g).toEqual(cells((f) => f.gender[g].value));
  for (const p of summary.parties) {
    const regions = tableRows(html, `regions-${p.party}-table`);
    for (const r of p.byRegion) expect(regions.get(r.name), r.code).toEqual([countCell(locale, r.count)]);
  }
}

/** The API's figures must be the summary's, with codes and suppressed groups as null. */
function expectApiMatches(json: any, summary: Summary) {
  const figures = (f: PartyFigures | Summary["totals"]) => ({
    ...Object.fromEntries(METRICS.map((k) => [k, f[k]])),
    byStakeholderType: f.byStakeholderType,
    byLanguage: f.byLanguage,
    womenLed: f.womenLed,
    gender: f.gender,
  });
  expect(json.parties).toEqual(
    summary.parties.map((p) => ({ party: p.party, ...figures(p), byRegion: p.byRegion.map((r) => ({ code: r.code, count: r.count })) })),
  );
  expect(json.totals).toEqual(figures(summary.totals));
}

describe("/api/v1/stats", () => {
  it("equals the public summary of every consultation", async () => {
    const { json } = await api();
    expect(json.scope).toEqual({ kind: "all" });
    expect(Date.parse(json.generatedAt)).not.toBeNaN();
    expectApiMatches(json, await summaryOf({ kind: "all" }));
    expect(json.totals.received).toBe(17); // 15, and the two writers from outside Canada to a consultation of Canada
    expect(json.stakeholderTypes).toContainEqual({
      code: "union",
      labels: {
        en: en.submission.choices.stakeholderType.union,
        fr: fr.submission.choices.stakeholderType.union,
        es: es.submission.choices.stakeholderType.union,
      },
    });
  });

  it("equals the bilateral summary of work plan area 3 with ?area=3", async () => {
    const { json } = await api("?area=3");
    expect(json.scope).toEqual({ kind: "bilateral-area", areaNumber: 3 });
    const summary = await summaryOf({ kind: "bilateral-area", areaNumber: 3 });
    expectApiMatches(json, summary);
    const [ca, cl] = json.parties;
    // Pending and rejected are received, never published.
    expect(ca).toMatchObject({ party: "CA", received: 5, published: 2, officialsOnly: 1, pending: 1, rejected: 1 });
    expect(cl).toMatchObject({ party: "CL", received: 8, published: 8, officialsOnly: 0 });
    expect(json.totals.received).toBe(13);
  });

  it("counts approved submissions per month, months without any as 0, pending and rejected left out", async () => {
    const { json } = await api("?area=3");
    const months: string[] = json.overTime.map((m: { month: string }) => m.month);
    expect(months.slice(0, 3)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(json.overTime[0]).toEqual({ month: "2026-01", counts: { CA: 1, CL: 0 }, total: 1 });
    expect(json.overTime[1]).toEqual({ month: "2026-02", counts: { CA: 0, CL: 0 }, total: 0 });
    expect(json.overTime[2]).toEqual({ month: "2026-03", counts: { CA: 2, CL: 0 }, total: 2 });
    // Contiguous months up to the last one with a submission.
    for (let i = 1; i < months.length; i++) expect(new Date(`${months[i]}-01`).getTime()).toBeGreaterThan(new Date(`${months[i - 1]}-01`).getTime());
    const sum = json.overTime.reduce((n: number, m: { total: number }) => n + m.total, 0);
    expect(sum).toBe(json.totals.published + json.totals.officialsOnly);
  });

  it("gives a group under 5 as null with suppressed: true, never its true number", async () => {
    const { json } = await api("?area=3");
    expect(json.parties[1].gender.man).toEqual({ value: null, suppressed: true });
    expect(json.totals.gender.man).toEqual({ value: null, suppressed: true });
    // Five women of eight people asked would leave the men at 3 or fewer: withheld too (ADR 016).
    expect(json.parties[1].gender.woman).toEqual({ value: null, suppressed: true });
    const values = [...json.parties.map((p: any) => p.gender), json.totals.gender].flatMap((g) => Object.values(g).map((c: any) => c.value));
    expect(values).not.toContain(MEN);
  });

  it("says an unknown area is not found, and ignores a malformed one", async () => {
    const res = await get(server.url, "/api/v1/stats?area=42");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "unknown_area" });
    expect((await api("?area=abc")).json.scope).toEqual({ kind: "all" });
  });
});

describe("by the consultation's country and by the writer's country", () => {
  // Canada's consultations: 5 from Canada, 1 from Chile, 1 from another country; Chile's: 8 from Chile.
  const expected = [
    { country: "CA", byConsultationCountry: { CA: 5, CL: 0 }, total: 5 },
    { country: "CL", byConsultationCountry: { CA: 1, CL: 8 }, total: 9 },
    { country: "other", byConsultationCountry: { CA: 1, CL: 0 }, total: 1 },
  ];

  it("gives both in the API, the writers' breakdown with codes and counts only", async () => {
    const { json } = await api();
    expect(json.byWriterCountry.map(({ byRegion: _r, ...w }: any) => w)).toEqual(expected);
    expect(json.byWriterCountry[1].byRegion).toEqual([
      { code: "CL-BI", count: 5 },
      { code: "none", count: 4 },
    ]);
    // By the consultation's country, as before: the Chilean writer counts under Canada's consultations.
    expect(json.parties[0].byRegion).toContainEqual({ code: "CL-BI", count: 1 });
    expect(json.parties[0].byRegion).toContainEqual({ code: "other", count: 1 });
    // Counts of approved submissions only: no gender (whose small groups stay suppressed, ADR 016).
    for (const w of json.byWriterCountry) expect(Object.keys(w).sort()).toEqual(["byConsultationCountry", "byRegion", "country", "total"]);
    expect(json.parties[1].gender.man).toEqual({ value: null, suppressed: true });
  });

  it("names each breakdown by what it counts on the page, in every language", async () => {
    const biobio = await t.db.selectFrom("region_translations").select(["locale", "name"]).where("region_code", "=", "CL-BI").execute();
    for (const locale of LOCALES) {
      const m = catalogs[locale];
      const html = await page(locale);
      const name = (code: "CA" | "CL") =>
        code === "CA" ? (locale === "en" ? "Canada" : locale === "fr" ? "Canada" : "Canadá") : locale === "fr" ? "Chili" : "Chile";
      const writers = tableRows(html, "writer-countries-table");
      expect(writers.get(name("CA"))).toEqual(["5", "0", "5"]);
      expect(writers.get(name("CL"))).toEqual(["1", "8", "9"]);
      expect(writers.get(m.summary.otherCountry)).toEqual(["1", "0", "1"]);
      const biobioName = biobio.find((r) => r.locale === locale)!.name;
      expect(tableRows(html, "writer-regions-CL-table").get(biobioName)).toEqual(["5"]);
      expect(tableRows(html, "regions-CA-table").get(biobioName)).toEqual(["1"]);
      // Headings say which country they count by: the consultation's, or the writer's.
      expect(html).toContain(m.stats.regionsTitle.replace(/’/g, "’"));
      expect(html).toContain(m.stats.consultationsOf.replace("{{party}}", name("CA")));
      expect(html).toContain(m.stats.writerCountriesTitle);
      expect(html).not.toMatch(new RegExp(`<h3 id="regions-CA-title">${name("CA")}</h3>`));
    }
  });

  it("recomputes a snapshot stored before the writers' breakdown existed", async () => {
    const scope = { locale: "en" as const };
    await readStatsSnapshot(t.db, scope);
    const row = await t.db.selectFrom("stats_snapshots").selectAll().where("key", "=", snapshotKey(scope)).executeTakeFirstOrThrow();
    const { shape: _s, byWriterCountry: _w, ...old } = JSON.parse(row.data);
    await t.db
      .updateTable("stats_snapshots")
      .set({ data: JSON.stringify(old) })
      .where("key", "=", row.key)
      .execute();
    const read = await readStatsSnapshot(t.db, scope);
    expect(read!.stats.shape).toBe(STATS_SHAPE);
    expect(read!.stats.byWriterCountry.map((w) => w.total)).toEqual([5, 9, 1]);
  });
});

describe("/:lang/stats", () => {
  for (const locale of LOCALES) {
    it(`shows the public summary's numbers in ${locale}, for everything and for area 3`, async () => {
      const html = await page(locale);
      expect(html).toContain(`<h1>${catalogs[locale].stats.title}</h1>`);
      expectPageMatches(html, await summaryOf({ kind: "all" }, locale), locale);
      const area3 = await page(locale, "?area=3");
      expectPageMatches(area3, await summaryOf({ kind: "bilateral-area", areaNumber: 3 }, locale), locale);
      expect(area3).toMatch(/<option value="3" selected="">/);
      expect(area3).toContain('href="/api/v1/stats?area=3"');
      // Charts: images with a title and a description, and the bar of each value labelled.
      expect(area3).toMatch(/<svg class="chart"[^>]* role="img" aria-labelledby="stakeholders-chart-title stakeholders-chart-desc"/);
      expect(area3).toContain('<desc id="gender-chart-desc">');
    });
  }

  it("lists months with their counts in the over-time table", async () => {
    const rows = tableRows(await page("en", "?area=3"), "over-time-table");
    expect(rows.get("January 2026")).toEqual(["1", "0", "1"]);
    expect(rows.get("February 2026")).toEqual(["0", "0", "0"]);
    expect(rows.get("March 2026")).toEqual(["2", "0", "2"]);
  });

  it("shows a gender group under 5 as not shown and its true number nowhere", async () => {
    for (const locale of LOCALES) {
      const html = await page(locale, "?area=3");
      const fewer = catalogs[locale].summary.fewerThan5;
      expect(tableRows(html, "gender-table").get(catalogs[locale].summary.gender.man)).toEqual([fewer, fewer, fewer]);
      const gender = section(html, "gender");
      expect(gender).toContain(catalogs[locale].summary.suppressionNote);
      // In the chart too: the suppressed bar is the text, not a number.
      expect(gender.match(new RegExp(`>${fewer}<`, "g"))?.length).toBeGreaterThanOrEqual(3);
      expect(gender).not.toMatch(new RegExp(`>${MEN}<`));
    }
  });

  it("counts an officials-only submission without showing anything of it", async () => {
    for (const locale of LOCALES) {
      const html = await page(locale, "?area=3");
      expect(tableRows(html, "figures-table").get(catalogs[locale].summary.metrics.officialsOnly)).toEqual(["1", "0", "1"]);
      for (const secret of SECRETS) expect(html).not.toContain(secret);
    }
    for (const query of ["", "?area=3"]) {
      const { text } = await api(query);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });

  it("is linked from the main navigation and ignores an unknown area", async () => {
    const html = await page("fr", "?area=42");
    expect(html).toContain('href="/fr/stats"');
    expect(html).toContain(fr.nav.stats);
    expect(html).toContain(fr.summary.scopes.all);
  });
});
