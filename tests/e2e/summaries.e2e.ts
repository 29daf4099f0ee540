import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";
import { setSignatory } from "~/models/editions.server";
import { moderate } from "~/models/moderation.server";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, fillSignIn, keepScreenshot, useE2E, viewports, waitForHydration, signInLabel } from "./browser";

/*
 * Issue 7 in the browser: a Canadian official writes a synthesis and compiles a committee
 * edition of work plan area 3 (in French), signs it off; the Chilean official signs it off (in
 * Spanish) and it is exchanged; a committee member (in English) downloads it and a summary built
 * now. Without JavaScript the compile form works and the page follows the compilation by itself.
 * The public side: published submissions, their page, the public summary, the statistics.
 * Every page is axe-clean in its language.
 */

// Compilation runs in the server and writes files: a folder of this file's own (startServer
// passes process.env on, and useE2E starts the server in beforeAll, after this line).
const filesDir = mkdtempSync(join(tmpdir(), "puente-e2e-editions-"));
process.env.FILES_DIR = filesDir;

const e2e = useE2E();

type Locale = "en" | "fr" | "es";
const messages = { en, fr, es } as const;

const PASSWORD = "correct horse battery";
const LONG_URL = "https://example.org/statistiques/commerce-et-genre/donnees-ventilees-par-sexe/exportatrices-2024-rapport-final-version-complete.pdf";

const users = {} as Record<"modCA" | "modCL" | "admin" | "committee", { id: number; email: string; display_name: string }>;
const topics = {} as Record<"CA" | "CL", { id: number; slug: string }>;
const refs = { named: "", anonymous: "", officials: "", namedCL: "" };
let areaId = 0;

beforeAll(async () => {
  const db = e2e.t.db;
  areaId = (await db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  users.modCA = await createUser(db, { role: "moderator", party: "CA", locale: "fr" });
  users.modCL = await createUser(db, { role: "moderator", party: "CL", locale: "es" });
  users.admin = await createUser(db, { role: "admin", locale: "en" });
  users.committee = await createUser(db, { role: "committee", party: "CA", locale: "en" });
  const actor = (u: { id: number }, role: Actor["role"], partyCode: string | null): Actor => ({ id: u.id, role, partyCode });
  const moderators = { CA: actor(users.modCA, "moderator", "CA"), CL: actor(users.modCL, "moderator", "CL") };

  topics.CA = await createTopic(db, {
    party: "CA",
    slug: "e2e-exportatrices-donnees",
    translations: {
      en: { title: "Data on women exporters", summary: "What data on women-owned exporters should Canada publish?" },
      fr: {
        title: "Données sur les exportatrices",
        summary: "Quelles données sur les entreprises exportatrices dirigées par des femmes le Canada devrait-il publier?",
      },
      es: { title: "Datos sobre exportadoras", summary: "¿Qué datos sobre empresas exportadoras dirigidas por mujeres debería publicar Canadá?" },
    },
  });
  topics.CL = await createTopic(db, {
    party: "CL",
    slug: "e2e-mujeres-mineria-datos",
    translations: {
      es: { title: "Datos de mujeres en la minería", summary: "¿Cómo medir la participación de mujeres en la cadena minera?" },
      en: { title: "Data on women in mining", summary: "How should Chile measure women’s participation in mining?" },
      fr: { title: "Données sur les femmes dans les mines", summary: "Comment le Chili devrait-il mesurer la participation des femmes dans les mines?" },
    },
  });
  for (const topic of Object.values(topics)) await db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();

  const approve = async (party: "CA" | "CL", values: Record<string, string>) => {
    const s = await createSubmissionFor(db, { topicSlug: topics[party].slug, values: { country: party, ...values } });
    await moderate(db, moderators[party], s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    return s.reference;
  };
  refs.named = await approve("CA", {
    publication: "named",
    organisationName: "Fédération des exportatrices du Québec",
    region: "CA-QC",
    title: "Publier chaque année des données ventilées par sexe",
    body: `Nous demandons des données annuelles ventilées par sexe sur les entreprises exportatrices.\n\nVoir ${LONG_URL}`,
    language: "fr",
    womenLed: "yes",
    gender: "woman",
  });
  refs.anonymous = await approve("CA", {
    publication: "anonymous",
    organisationName: "Hidden Union Local 42",
    region: "CA-ON",
    stakeholderType: "union",
    title: "Childcare and export programmes",
    body: "Export support programmes should count childcare costs as eligible expenses.",
  });
  refs.officials = await approve("CA", { publication: "officials", body: "OFFICIALS-ONLY text for the governments", region: "CA-BC" });
  refs.namedCL = await approve("CL", {
    publication: "named",
    organisationName: "Red de Mujeres Mineras",
    region: "CL-AN",
    stakeholderType: "ngo",
    title: "Estadísticas de género en la minería",
    body: "Proponemos que ambos países publiquen estadísticas de empleo por sexo en la minería, niñas y mujeres incluidas.",
    language: "es",
  });
  await approve("CL", { publication: "anonymous", organisationName: "Sindicato Oculto", region: "CL-TA", language: "es", body: "Texto público anónimo." });
  await approve("CL", { publication: "officials", body: "OFFICIALS-ONLY texto para los gobiernos", language: "es" });
  await createSubmissionFor(db, { topicSlug: topics.CA.slug }); // pending: counted, never shown

  const admin = actor(users.admin, "admin", null);
  await setSignatory(db, admin, "CA", users.modCA.id);
  await setSignatory(db, admin, "CL", users.modCL.id);
});

afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

interface Browsing {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function browse(locale: Locale, options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Browsing> {
  const context = await e2e.browser.newContext({
    locale,
    viewport: options.viewport ?? viewports.desktop,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  return { context, page, errors };
}

async function signedIn(locale: Locale, user: { email: string }, options: { javaScriptEnabled?: boolean } = {}): Promise<Browsing> {
  const b = await browse(locale, options);
  await b.page.goto(`${e2e.server.url}/${locale}/login`);
  if (options.javaScriptEnabled !== false) await waitForHydration(b.page);
  await fillSignIn(b.page, user.email, PASSWORD, signInLabel[locale]);
  await b.page.waitForURL(`**/${locale}/admin`);
  return b;
}

/** Goes to a page and waits until it is interactive (with JavaScript). */
async function open(b: Browsing, path: string) {
  const res = await b.page.goto(e2e.server.url + path);
  expect(res?.status(), path).toBe(200);
  await waitForHydration(b.page);
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The editions table's row of an edition, found by its number and kind as shown in the first cell. */
const editionRow = (page: Page, locale: Locale, number: number, edition: "committee" | "public") =>
  page
    .locator("tbody tr")
    .filter({ hasText: messages[locale].summaries.editionNumber.replace("{{number}}", String(number)) })
    .filter({ hasText: messages[locale].summary.editions[edition] });

async function savedDownload(download: Download) {
  const path = await download.path();
  expect(path).toBeTruthy();
  return readFileSync(path!);
}

describe("an edition for the exchange, with JavaScript", () => {
  it("the Canadian official (French) writes a synthesis, compiles a committee edition of area 3, checks and signs it off", async () => {
    const x = fr.summaries;
    const b = await signedIn("fr", users.modCA);
    const { page } = b;

    await open(b, "/fr/admin/summaries/syntheses");
    await expectAxeClean(page, "syntheses-fr");
    const form = page.locator("form", { has: page.locator(`input[name="area"][value="${areaId}"]`) });
    await form.locator(`#field-${areaId}-fr`).fill("Les organisations canadiennes demandent des données ventilées par sexe sur les exportations.");
    await form.locator(`#field-${areaId}-en`).fill("Canadian organisations ask for export data broken down by sex.");
    await form.locator(`#field-${areaId}-es`).fill("Las organizaciones canadienses piden datos de exportación desglosados por sexo.");
    await form.getByRole("button", { name: x.saveSynthesis }).click();
    await page.waitForURL(/\/fr\/admin\/summaries\/syntheses\?party=CA&saved=\d+/);
    await page.getByRole("status").filter({ hasText: x.synthesisSaved }).waitFor();
    await expect(page.locator(`#field-${areaId}-fr`).inputValue()).resolves.toContain("données ventilées par sexe");
    await expectAxeClean(page, "syntheses-saved-fr");

    await page.getByRole("link", { name: x.backToSummaries }).click();
    await page.waitForURL("**/fr/admin/summaries");
    await waitForHydration(page);
    await expectAxeClean(page, "summaries-fr");

    const compile = page.locator("section", { has: page.locator("#compile-title") });
    // Only the chosen scope's fields, toggled in place (no step button with JavaScript).
    await expect(compile.getByRole("button", { name: x.chooseScope }).count()).resolves.toBe(0);
    await expect(compile.locator("#field-cp-topicA").count()).resolves.toBe(0);
    // A mistake first: the error summary takes focus and links to the field of the compile form.
    await compile.locator("#cp-scope-pair").check();
    await compile.locator("#field-cp-topicA").waitFor();
    await expect(compile.locator("#field-cp-area").count()).resolves.toBe(0);
    await expect(page.locator("#field-dl-topicA").count()).resolves.toBe(0); // the download form keeps its own choice
    await compile.locator("#field-cp-topicA").selectOption(String(topics.CL.id));
    await compile.locator("#field-cp-topicB").selectOption(String(topics.CL.id));
    await compile.getByRole("button", { name: x.compile }).click();
    await page.locator(".error-summary").waitFor();
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain("error-summary");
    // Following the link takes the focus to the field and keeps the messages (a hash change would
    // make the router forget the action's answer, so the summary focuses the field instead).
    await page.locator(".error-summary a", { hasText: x.errors.pair }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("field-cp-topicB");
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(page.locator(".error-summary").count()).resolves.toBe(1);
    await expect(page.locator("#field-cp-topicB-error").textContent()).resolves.toContain(x.errors.pair);
    await expect(page.locator("#field-dl-topicB-error").count()).resolves.toBe(0);
    await expectAxeClean(page, "summaries-compile-error-fr");

    await compile.locator("#cp-scope-area").check();
    await compile.locator("#field-cp-area").selectOption(String(areaId));
    await compile.locator("#field-cp-edition").selectOption("committee");
    await compile.getByRole("button", { name: x.compile }).click();
    await page.waitForURL("**/fr/admin/summaries?notice=compiling");
    await page.getByRole("status").filter({ hasText: x.notices.compiling }).waitFor();
    const row = editionRow(page, "fr", 1, "committee");
    // Writing fifteen files takes a while: the page shows the progress first.
    await row.getByText(x.statuses.compiling).waitFor();
    await expect(row.getByRole("progressbar", { name: x.progress }).count()).resolves.toBe(1);
    // The page reads the progress in place (no reload) and its own data again once compiled.
    await row.getByText(x.statuses.compiled).waitFor({ timeout: 90_000 });
    await waitForHydration(page);
    await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);
    await expect(row.textContent()).resolves.toContain(fr.summaries.areaScope.replace("{{number}}", "3"));
    await expect(row.locator("code.hash").textContent()).resolves.toMatch(/^SHA-256 [0-9a-f]{16}…$/);
    await expect(row.textContent()).resolves.toContain(x.notSigned);
    await expectAxeClean(page, "summaries-compiled-fr");

    // The fingerprints check out.
    await row.getByRole("button", { name: x.verify.replace("{{number}}", "1") }).click();
    await page.waitForURL("**/fr/admin/summaries?verified=ok");
    await page.getByRole("status").filter({ hasText: x.verifiedOk }).waitFor();

    await row.getByRole("button", { name: x.signOff.replace("{{number}}", "1") }).click();
    await page.waitForURL("**/fr/admin/summaries?notice=signed");
    await page.getByRole("status").filter({ hasText: x.notices.signed }).waitFor();
    await expect.poll(() => row.textContent()).toContain(x.signedBy.replace("{{name}}", users.modCA.display_name));
    await expect.poll(() => row.getByRole("button", { name: x.signOff.replace("{{number}}", "1") }).count()).toBe(0);
    await expect(row.textContent()).resolves.toContain(x.statuses.compiled); // Chile has not signed off yet
    await expectAxeClean(page, "summaries-signed-fr");

    // One pass on a phone: axe-clean, and each edition is a card: nothing to scroll sideways to
    // reach its sign-off or its files.
    await page.setViewportSize(viewports.phone);
    await page.reload();
    await waitForHydration(page);
    await expectAxeClean(page, "summaries-fr-phone");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator('[aria-labelledby="editions-caption"]').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it("the Chilean official (Spanish) signs it off: it is exchanged", async () => {
    const x = es.summaries;
    const b = await signedIn("es", users.modCL);
    const { page } = b;
    await open(b, "/es/admin/summaries");
    const row = editionRow(page, "es", 1, "committee");
    await expect(row.textContent()).resolves.toContain(x.signedBy.replace("{{name}}", users.modCA.display_name));
    await expectAxeClean(page, "summaries-es");
    await row.getByRole("button", { name: x.signOff.replace("{{number}}", "1") }).click();
    await page.waitForURL("**/es/admin/summaries?notice=exchanged");
    await page.getByRole("status").filter({ hasText: x.notices.exchanged }).waitFor();
    await expect.poll(() => row.textContent()).toContain(x.statuses.exchanged);
    await expect.poll(() => row.textContent()).toContain(x.signedBy.replace("{{name}}", users.modCL.display_name));
    await expectAxeClean(page, "summaries-exchanged-es");
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it("the committee member (English) downloads the edition's PDF and an XLSX of area 3 in French built now", async () => {
    const x = en.summaries;
    const b = await signedIn("en", users.committee);
    const { page } = b;
    await open(b, "/en/admin/summaries");
    await page.getByText(x.committeeNote).waitFor();
    await expect(page.locator("#compile-title").count()).resolves.toBe(0);
    await expectAxeClean(page, "summaries-committee-en");

    const row = editionRow(page, "en", 1, "committee");
    await row.getByText(x.filesCount.replace("{{count}}", "15")).click(); // opens the <details>
    await expectAxeClean(page, "summaries-committee-files-en");
    const [pdf] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `PDF · ${en.languages.en}` }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^puente-bilateral-area-3-committee-edition-1-en-\d{8}T\d{6}Z\.pdf$/);
    const pdfBytes = await savedDownload(pdf);
    expect(pdfBytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pdfBytes.length).toBeGreaterThan(1000);

    // The committee can check the fingerprints too.
    await row.getByRole("button", { name: x.verify.replace("{{number}}", "1") }).click();
    await page.waitForURL("**/en/admin/summaries?verified=ok");
    await page.getByRole("status").filter({ hasText: x.verifiedOk }).waitFor();
    await waitForHydration(page);

    const form = page.locator("section", { has: page.locator("#download-title") });
    await form.locator("#dl-scope-area").check();
    await form.locator("#field-dl-area").selectOption(String(areaId));
    await form.locator("#field-dl-edition").selectOption("committee");
    await form.locator("#field-locale").selectOption("fr");
    await form.locator("#field-format").selectOption("xlsx");
    const [xlsx] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: x.download, exact: true }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^puente-bilateral-area-3-committee-fr-\d{8}T\d{6}Z\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await savedDownload(xlsx)) as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(4); // the fourth: events (ADR 045)
    const cells = book.worksheets[1]!.getSheetValues().flat().map(String).join(" ");
    for (const ref of [refs.named, refs.anonymous, refs.officials, refs.namedCL]) expect(cells).toContain(ref);
    expect(errorsWithoutDownloads(b.errors)).toEqual([]);
    await b.context.close();
  });

  it("an admin sees each country's designated official", async () => {
    const x = en.summaries;
    const b = await signedIn("en", users.admin);
    const { page } = b;
    await open(b, "/en/admin/summaries");
    const section = page.locator("section", { has: page.locator("#signatories-title") });
    const ca = section.getByLabel(x.signatoryFor.replace("{{party}}", en.admin.parties.CA));
    const cl = section.getByLabel(x.signatoryFor.replace("{{party}}", en.admin.parties.CL));
    await expect(ca.inputValue()).resolves.toBe(String(users.modCA.id));
    await expect(cl.inputValue()).resolves.toBe(String(users.modCL.id));
    // A Chilean official is not offered for Canada.
    await expect(ca.locator(`option[value="${users.modCL.id}"]`).count()).resolves.toBe(0);
    await expectAxeClean(page, "summaries-admin-en");
    expect(b.errors).toEqual([]);
    await b.context.close();
  });
});

describe.each([
  ["fr", "modCA"],
  ["es", "modCL"],
] as const)("the scope's fields on a phone in %s", (locale, who) => {
  it("only the chosen scope's fields show, toggled in place, or after a first step without JavaScript; axe-clean, nothing to scroll sideways", async () => {
    const x = messages[locale].summaries;
    const b = await browse(locale, { viewport: viewports.phone });
    const { page } = b;
    await page.goto(`${e2e.server.url}/${locale}/login`);
    await waitForHydration(page);
    await fillSignIn(page, users[who].email, PASSWORD, signInLabel[locale]);
    await page.waitForURL(`**/${locale}/admin`);
    await open(b, `/${locale}/admin/summaries`);
    const compile = page.locator("section", { has: page.locator("#compile-title") });
    await expect(compile.locator(".filters .field").count()).resolves.toBe(2); // the area and the edition
    await compile.getByLabel(x.scopes.party).check();
    await compile.locator("#field-cp-to").waitFor();
    await expect(compile.locator("#field-cp-area").count()).resolves.toBe(0);
    await expect(compile.locator(".filters .field").count()).resolves.toBe(4); // the country, the period and the edition
    await compile.scrollIntoViewIfNeeded();
    await expectAxeClean(page, `summaries-scope-party-${locale}-phone`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(b.errors).toEqual([]);
    await b.context.close();

    // Without JavaScript: choose, then ask for the fields.
    const n = await signedIn(locale, users[who], { javaScriptEnabled: false });
    await n.page.setViewportSize(viewports.phone);
    await n.page.goto(`${e2e.server.url}/${locale}/admin/summaries`);
    const form = n.page.locator("section", { has: n.page.locator("#compile-title") });
    await form.getByLabel(x.scopes.party).check();
    await expect(form.locator("#field-cp-to").count()).resolves.toBe(0);
    await form.getByRole("button", { name: x.chooseScope }).click();
    await form.locator("#field-cp-to").waitFor();
    await expect(form.locator("#field-cp-area").count()).resolves.toBe(0);
    await keepScreenshot(n.page, `summaries-scope-party-nojs-${locale}-phone`);
    expect(await horizontalOverflow(n.page)).toBeLessThanOrEqual(0);
    await n.context.close();
  });
});

/** A download started by a navigation shows as an aborted load in the console: not an error of the page. */
const errorsWithoutDownloads = (errors: string[]) => errors.filter((e) => !/net::ERR_ABORTED/.test(e));

describe("without JavaScript", () => {
  it("the compile form reports a mistake beside its field, then compiles; the page follows the compilation by itself", async () => {
    const x = fr.summaries;
    const b = await signedIn("fr", users.modCA, { javaScriptEnabled: false });
    const { page } = b;
    await page.goto(`${e2e.server.url}/fr/admin/summaries`);
    const compile = page.locator("section", { has: page.locator("#compile-title") });

    // Choose the scope, then the rest: the pair's fields come with the first step.
    await expect(compile.locator("#field-cp-topicA").count()).resolves.toBe(0);
    await compile.locator("#cp-scope-pair").check();
    await compile.getByRole("button", { name: x.chooseScope }).click();
    await compile.locator("#field-cp-topicA").waitFor();
    await expect(compile.locator("#field-cp-area").count()).resolves.toBe(0);
    await expect(page.locator(".error-summary").count()).resolves.toBe(0);
    // The same consultation twice: refused, the message links to the field of this form.
    await compile.locator("#field-cp-topicA").selectOption(String(topics.CA.id));
    await compile.locator("#field-cp-topicB").selectOption(String(topics.CA.id));
    await compile.getByRole("button", { name: x.compile }).click();
    await page.locator(".error-summary").waitFor();
    const link = page.locator(".error-summary a", { hasText: x.errors.pair });
    const target = await link.getAttribute("href");
    expect(target).toBe("#field-cp-topicB");
    await expect(page.locator(`${target}-error`).textContent()).resolves.toContain(x.errors.pair);
    await expect(page.locator(target!).getAttribute("aria-describedby")).resolves.toBe("field-cp-topicB-error");
    await expect(page.locator("#cp-scope-pair").isChecked()).resolves.toBe(true);
    // The download form, which was not sent, shows no error.
    await expect(page.locator("#field-dl-topicB-error").count()).resolves.toBe(0);

    await page.locator("#cp-scope-area").check();
    await compile.getByRole("button", { name: x.chooseScope }).click();
    await page.locator("#field-cp-area").selectOption(String(areaId));
    await page.locator("#field-cp-edition").selectOption("public");
    await compile.getByRole("button", { name: x.compile }).click();
    await page.waitForURL("**/fr/admin/summaries?notice=compiling");
    const row = editionRow(page, "fr", 1, "public");
    // Still compiling (writing fifteen files takes seconds). The summaries page never refreshes
    // itself (it would lose what is typed in its forms): its link leads to the edition's own page,
    // which asks the browser to refresh it, and the browser does, with no script, until it is compiled.
    await expect(row.locator("td").nth(2).textContent()).resolves.toContain(x.statuses.compiling);
    await expect(row.locator("progress").count()).resolves.toBe(1);
    await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);
    await row.getByRole("link", { name: /Suivre la compilation/ }).click();
    await page.waitForURL("**/fr/admin/summaries/progress/*");
    // (The edition may be compiled by the time its page opens: then there is nothing to follow.)
    if (await page.locator('meta[http-equiv="refresh"]').count()) {
      await expect(page.locator('meta[http-equiv="refresh"]').getAttribute("content")).resolves.toBe("2");
      await page.waitForEvent("load", { timeout: 10_000 });
    }
    await page.getByText(x.statuses.compiled).waitFor({ timeout: 90_000 });
    await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);
    await page.goto(`${e2e.server.url}/fr/admin/summaries`);
    await expect(row.textContent()).resolves.toContain(x.statuses.compiled);
    // The committee edition compiled before is still the one exchanged (another edition kind).
    await expect(editionRow(page, "fr", 1, "committee").textContent()).resolves.toContain(x.statuses.exchanged);
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it("the statistics' area filter works", async () => {
    const b = await browse("fr", { javaScriptEnabled: false });
    const { page } = b;
    await page.goto(`${e2e.server.url}/fr/stats`);
    await page.locator("#field-area").selectOption("3");
    await page.getByRole("button", { name: fr.stats.apply }).click();
    await page.waitForURL("**/fr/stats?area=3");
    await expect.poll(() => page.locator("#field-area").inputValue()).toBe("3");
    await expect.poll(() => page.locator(".stats__scope").textContent()).toContain("domaine 3");
    const api = (await (await fetch(`${e2e.server.url}/api/v1/stats?area=3`)).json()) as { totals: Record<string, number> };
    const headline = page.locator(".stat-card", { has: page.getByRole("heading", { name: fr.summary.metrics.published }) });
    await expect(headline.locator(".stat-card__total").textContent()).resolves.toContain(String(api.totals.published));
    expect(api.totals.published).toBeGreaterThanOrEqual(4);
    expect(api.totals.officialsOnly).toBeGreaterThanOrEqual(2);
    await expect(page.locator(".feed-link a").getAttribute("href")).resolves.toBe("/api/v1/stats?area=3");
    await b.context.close();
  });
});

describe.each(["en", "fr", "es"] as const)("public pages in %s", (locale) => {
  const x = messages[locale].publicSubmissions;

  it("the topic's published submissions and a submission's page are axe-clean on desktop and phone", async () => {
    for (const [size, viewport] of Object.entries(viewports)) {
      const b = await browse(locale, { viewport });
      const { page } = b;
      await open(b, `/${locale}/consultations/${topics.CA.slug}#published-submissions`);
      const section = page.locator("#published-submissions");
      await section.getByRole("heading", { name: x.title, level: 2 }).waitFor();
      const text = (await section.textContent()) ?? "";
      expect(text).toContain(refs.named);
      expect(text).toContain(refs.anonymous);
      expect(text).not.toContain(refs.officials);
      expect(text).not.toContain("OFFICIALS-ONLY");
      expect(text).not.toContain("Hidden Union Local 42");
      expect(text).toContain("Fédération des exportatrices du Québec");
      await expectAxeClean(page, `published-section-${locale}-${size}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await section.getByRole("link", { name: "Publier chaque année des données ventilées par sexe" }).click();
      await page.waitForURL(`**/${locale}/consultations/${topics.CA.slug}/submissions/${refs.named}`);
      await page.locator('h1[lang="fr"]').waitFor();
      await expect(page.locator("article.published-page").textContent()).resolves.toContain(LONG_URL.slice(0, 40));
      await expectAxeClean(page, `published-submission-${locale}-${size}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // Officials-only: the same 404 as an unknown reference.
      const hidden = await page.goto(`${e2e.server.url}/${locale}/consultations/${topics.CA.slug}/submissions/${refs.officials}`);
      expect(hidden?.status()).toBe(404);
      expect(b.errors.filter((e) => !/404/.test(e))).toEqual([]);
      await b.context.close();
    }
  });

  it("the public summary's CSV link downloads the public edition in the page's language", async () => {
    const b = await browse(locale);
    const { page } = b;
    await open(b, `/${locale}/consultations/${topics.CA.slug}`);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: messages[locale].summaries.formats.csv }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^puente-${topics.CA.slug}-public-${locale}-\\d{8}T\\d{6}Z\\.csv$`));
    const bytes = await savedDownload(csv);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString("utf8");
    expect(text).toContain(refs.named);
    expect(text).toContain(refs.anonymous);
    expect(text).not.toContain(refs.officials);
    expect(text).not.toContain("OFFICIALS-ONLY");
    expect(text).not.toContain("Hidden Union Local 42");
    expect(text).not.toContain("@example.org");
    expect(errorsWithoutDownloads(b.errors)).toEqual([]);
    await b.context.close();
  });

  it("the statistics, with data, are axe-clean on desktop and phone, without horizontal scrolling", async () => {
    for (const [size, viewport] of Object.entries(viewports)) {
      for (const [name, query] of [
        ["stats", ""],
        ["stats-area3", "?area=3"],
      ] as const) {
        const b = await browse(locale, { viewport });
        const { page } = b;
        await open(b, `/${locale}/stats${query}`);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        await page.getByRole("heading", { level: 1, name: messages[locale].stats.title }).waitFor();
        // There are submissions to show (this test holds no event: the events section says so).
        await expect(page.locator(".empty:not(#events *)").count()).resolves.toBe(0);
        await expectAxeClean(page, `${name}-data-${locale}-${size}`);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(b.errors).toEqual([]);
        await b.context.close();
      }
    }
  });
});
