// The summaries page shows only the fields of the chosen scope (issue 18, item 7), without
// JavaScript too: the page is sent with one scope's fields, a first step asks for another scope's,
// and a form sent with a scope whose fields were not shown comes back with them to fill in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSummaryOfficials } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
let areaId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

/** The scope fields of one form ("dl" download, "cp" compile) present in a page. */
const scopeFieldsOf = (page: string, form: "dl" | "cp") =>
  ["area", "topicA", "topicB", "topic", "party", "from", "to"].filter((field) => page.includes(`id="field-${form}-${field}"`));
const checked = (page: string, id: string) =>
  new RegExp(`<input[^>]*id="${id}"[^>]*checked`).test(page) || new RegExp(`<input[^>]*checked[^>]*id="${id}"`).test(page);

describe("only the fields of the chosen scope", () => {
  it("the page opens with the work plan area chosen and only its field, in both forms, with a button for another choice", async () => {
    const page = await (await get(server.url, "/fr/admin/summaries", officials.cookies.modCA)).text();
    expect(scopeFieldsOf(page, "dl")).toEqual(["area"]);
    expect(scopeFieldsOf(page, "cp")).toEqual(["area"]);
    expect(checked(page, "dl-scope-area")).toBe(true);
    expect(checked(page, "cp-scope-area")).toBe(true);
    // Every scope can be chosen; the edition goes with every scope.
    for (const kind of ["area", "pair", "topic", "party"]) expect(page).toContain(`id="cp-scope-${kind}"`);
    expect(page).toContain('id="field-dl-edition"');
    expect(page).toContain('id="field-cp-edition"');
    // The first step's buttons (the page without JavaScript): the download form's asks this page again.
    expect(page.match(/Afficher les champs de ce choix/g)).toHaveLength(2);
    expect(page).toMatch(/formAction="\/fr\/admin\/summaries#download-title"|formaction="\/fr\/admin\/summaries#download-title"/);
    // The compile form's posts to this page's action, and lands back at that form.
    expect(page).toMatch(/formAction="\/fr\/admin\/summaries\?index#compile-title"|formaction="\/fr\/admin\/summaries\?index#compile-title"/);
  });

  it("the download form's first step comes back with the chosen scope's fields and what was chosen", async () => {
    const page = await (
      await get(server.url, "/es/admin/summaries?scope=pair&area=3&edition=public&locale=fr&format=csv&step=download", officials.cookies.committee)
    ).text();
    expect(scopeFieldsOf(page, "dl")).toEqual(["topicA", "topicB"]);
    expect(checked(page, "dl-scope-pair")).toBe(true);
    expect(page).toMatch(/<option value="public" selected="">/);
    expect(page).toMatch(/<option value="csv" selected="">/);
    expect(page).toMatch(/<option value="fr" selected="">/);
  });

  it("a period of one country: the country and the dates, nothing else", async () => {
    const page = await (await get(server.url, "/en/admin/summaries?scope=party&step=download", officials.cookies.modCL)).text();
    expect(scopeFieldsOf(page, "dl")).toEqual(["party", "from", "to"]);
    // The compile form keeps its own choice.
    expect(scopeFieldsOf(page, "cp")).toEqual(["area"]);
  });

  it("the compile form's first step (a POST, with the form's token) shows the chosen scope's fields and compiles nothing", async () => {
    const res = await postForm(
      server.url,
      "/fr/admin/summaries?index",
      { intent: "compile", step: "compile", scope: "topic", area: String(areaId), edition: "public" },
      { cookie: officials.cookies.modCA },
    );
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(scopeFieldsOf(page, "cp")).toEqual(["topic"]);
    expect(checked(page, "cp-scope-topic")).toBe(true);
    expect(scopeFieldsOf(page, "dl")).toEqual(["area"]);
    expect(page).not.toContain("error-summary");
    const editions = await t.db.selectFrom("summary_editions").select("id").execute();
    expect(editions).toEqual([]);
  });

  it("a compile form sent with another scope than the fields it showed is refused beside that scope's fields", async () => {
    const res = await postForm(
      server.url,
      "/fr/admin/summaries",
      { intent: "compile", scope: "party", area: String(areaId), edition: "committee" },
      { cookie: officials.cookies.modCA },
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(scopeFieldsOf(page, "cp")).toEqual(["party", "from", "to"]);
    expect(page).toContain('id="field-cp-party-error"');
    expect(await t.db.selectFrom("summary_editions").select("id").execute()).toEqual([]);
  });

  it("a download sent with another scope than the fields it showed goes back to the form with that scope's fields, to fill in", async () => {
    const res = await get(
      server.url,
      `/fr/admin/summaries/download?scope=pair&area=${areaId}&edition=committee&locale=es&format=xlsx`,
      officials.cookies.committee,
    );
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/fr\/admin\/summaries\?.*#download-title$/);
    const page = await (await get(server.url, location.replace(/#.*/, ""), officials.cookies.committee)).text();
    expect(scopeFieldsOf(page, "dl")).toEqual(["topicA", "topicB"]);
    expect(page).toContain("Remplissez les champs du résumé choisi, puis téléchargez-le.");
    expect(page).toMatch(/<option value="xlsx" selected="">/);
  });
});
