import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, seedThemes } from "../db/seed/index";
import { themes as demoThemes } from "../db/seed/data/themes";
import { createTheme, deleteTheme, DuplicateThemeLabelError, listThemes, ThemeInUseError, updateTheme } from "~/models/themes.server";
import { ForbiddenError } from "~/models/errors";
import { themeSchema } from "~/schemas/theme";
import { toActor } from "~/models/users.server";
import { createOfficial, createSubmissionFor, createTopic, type Official } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let modCA: Official;
let modCL: Official;
let admin: Official;
let committee: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  modCA = await createOfficial(t.db, { role: "moderator", party: "CA" });
  modCL = await createOfficial(t.db, { role: "moderator", party: "CL", locale: "es" });
  admin = await createOfficial(t.db, { role: "admin" });
  committee = (await createOfficial(t.db, { role: "committee", party: "CA" })).cookie;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const labels = (en: string, fr: string, es: string) => ({ label_en: en, label_fr: fr, label_es: es });
const themeRow = (id: number) => t.db.selectFrom("themes").selectAll().where("id", "=", id).executeTakeFirst();
const themeByLabel = (partyCode: string, labelEn: string) =>
  t.db.selectFrom("themes").selectAll().where("party_code", "=", partyCode).where("label_en", "=", labelEn).executeTakeFirst();
const countThemes = async (partyCode?: string) =>
  Number(
    (
      await t.db
        .selectFrom("themes")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .$if(!!partyCode, (q) => q.where("party_code", "=", partyCode!))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditFor = (id: number) =>
  t.db.selectFrom("audit_log").selectAll().where("subject_type", "=", "theme").where("subject_id", "=", String(id)).orderBy("id").execute();
const countAudit = async () =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "like", "theme.%")
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The text of the message shown beside a field (without its visually hidden "Error:" prefix). */
function fieldError(html: string, name: string): string | null {
  const match = new RegExp(`<p class="field__error" id="field-${name}-error">(.*?)</p>`, "s").exec(html);
  return match
    ? match[1]!
        .replace(/<span class="visually-hidden">.*?<\/span>/, "")
        .replace(/<[^>]+>/g, "")
        .trim()
    : null;
}

/** The value an input of the page holds. */
function inputValue(html: string, name: string): string | null {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return input ? (/ value="([^"]*)"/.exec(input)?.[1] ?? "") : null;
}

describe("the theme schema", () => {
  it("trims each label, requires all three, refuses more than 100 characters and control characters", () => {
    expect(themeSchema.parse(labels("  Care work ", "Soins", "Cuidados"))).toEqual(labels("Care work", "Soins", "Cuidados"));
    const issues = (input: Record<string, unknown>) => {
      const parsed = themeSchema.safeParse(input);
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(issues({ label_en: "   ", label_fr: "x".repeat(101), label_es: "Tab\tinside" })).toEqual({
      label_en: "validation.required",
      label_fr: "validation.tooLong",
      label_es: "validation.invalidCharacters",
    });
    expect(issues({ label_en: "Bell\u0007", label_fr: "Ligne\u2028deux", label_es: "\u202eoicremoc" })).toEqual({
      label_en: "validation.invalidCharacters",
      label_fr: "validation.invalidCharacters",
      label_es: "validation.invalidCharacters",
    });
    expect(issues({ label_en: "x".repeat(100), label_fr: "Égalité des genres", label_es: "Equidad de género" })).toEqual({});
    expect(issues({})).toEqual({ label_en: "validation.required", label_fr: "validation.required", label_es: "validation.required" });
  });
});

describe("seed", () => {
  it("gives each party its demo themes in three languages, once", async () => {
    for (const party of ["CA", "CL"] as const) {
      const list = await listThemes(t.db, party, "fr");
      expect(list).toHaveLength(demoThemes[party].length);
      expect(list.length).toBeGreaterThanOrEqual(6);
      for (const theme of list) for (const l of ["en", "fr", "es"] as const) expect(theme[`label_${l}`].length).toBeGreaterThan(0);
      // Translated, not copied.
      expect(list.every((theme) => theme.label_fr !== theme.label_en && theme.label_es !== theme.label_en)).toBe(true);
    }
    const before = await countThemes();
    await seed(t.db);
    expect(await seedThemes(t.db)).toBe(0);
    expect(await countThemes()).toBe(before);
  });

  it("adds the demo list only to a party that has no theme", async () => {
    const fresh = await createTestDatabase();
    try {
      await seed(fresh.db);
      await fresh.db.deleteFrom("themes").where("party_code", "=", "CL").execute();
      await fresh.db.deleteFrom("themes").where("party_code", "=", "CA").where("label_en", "!=", "Clean technology").execute();
      expect(await seedThemes(fresh.db)).toBe(demoThemes.CL.length);
      const ca = await listThemes(fresh.db, "CA");
      expect(ca.map((theme) => theme.label_en)).toEqual(["Clean technology"]);
    } finally {
      await fresh.destroy();
    }
  });
});

describe("a Canadian moderator manages Canada's list", () => {
  it("lists Canada's themes only, ordered by the label in the page's language, and cannot open Chile's list", async () => {
    const res = await get(server.url, "/en/admin/themes", modCA.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Themes · Puente</title>");
    expect(html).toContain("Women in mining");
    expect(html).not.toContain("Women-led exporting SMEs");
    expect(html).toContain('<input type="hidden" name="csrf"');
    // No country switcher for a moderator.
    expect(html).not.toContain('aria-label="Country of the list"');
    const en = await listThemes(t.db, "CA", "en");
    expect(en.map((theme) => theme.label_en)).toEqual([...en.map((theme) => theme.label_en)].sort((a, b) => a.localeCompare(b, "en")));

    const fr = await (await get(server.url, "/fr/admin/themes", modCA.cookie)).text();
    expect(fr).toContain("<title>Thèmes · Puente</title>");
    expect(fr).toContain("Ajouter un thème à la liste du Canada");

    expect((await get(server.url, "/en/admin/themes?party=CL", modCA.cookie)).status).toBe(403);
    expect((await get(server.url, "/en/admin/themes?party=XX", modCA.cookie)).status).toBe(404);
  });

  it("creates, edits and deletes a theme, each in the audit trail", async () => {
    const created = await postForm(
      server.url,
      "/en/admin/themes",
      { intent: "create", partyCode: "CA", ...labels("  Digital trade ", "Commerce numérique", "Comercio digital") },
      { cookie: modCA.cookie },
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/en/admin/themes?party=CA&done=created");
    const theme = (await themeByLabel("CA", "Digital trade"))!;
    expect(theme).toMatchObject({ party_code: "CA", label_fr: "Commerce numérique", label_es: "Comercio digital" });
    const listed = await (await get(server.url, created.headers.get("location")!, modCA.cookie)).text();
    expect(listed).toContain("The theme was added.");
    expect(listed).toContain('<td lang="fr">Commerce numérique</td>');

    const page = await get(server.url, `/en/admin/themes/${theme.id}`, modCA.cookie);
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(inputValue(form, "label_es")).toBe("Comercio digital");
    expect(form).toContain('name="intent" value="update"');

    const updated = await postForm(
      server.url,
      `/en/admin/themes/${theme.id}`,
      { intent: "update", ...labels("Digital trade and e-commerce", "Commerce numérique", "Comercio digital y electrónico") },
      { cookie: modCA.cookie },
    );
    expect(updated.status).toBe(302);
    expect(updated.headers.get("location")).toBe("/en/admin/themes?party=CA&done=updated");
    expect(await themeRow(theme.id)).toMatchObject({ label_en: "Digital trade and e-commerce", label_es: "Comercio digital y electrónico" });

    // Deleting asks first, with a form that needs no JavaScript.
    const confirm = await (await get(server.url, `/en/admin/themes/${theme.id}?confirm=delete`, modCA.cookie)).text();
    expect(confirm).toContain("Delete this theme?");
    expect(confirm).toContain('name="intent" value="delete"');
    expect(confirm).toContain("Yes, delete the theme");
    const deleted = await postForm(server.url, `/en/admin/themes/${theme.id}?confirm=delete`, { intent: "delete" }, { cookie: modCA.cookie });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/en/admin/themes?party=CA&done=deleted");
    expect(await themeRow(theme.id)).toBeUndefined();
    expect(await (await get(server.url, deleted.headers.get("location")!, modCA.cookie)).text()).toContain("The theme was deleted.");

    const audit = await auditFor(theme.id);
    expect(audit.map((a) => a.action)).toEqual(["theme.created", "theme.updated", "theme.deleted"]);
    expect(audit.every((a) => a.actor_user_id === modCA.id && a.actor_label === modCA.email)).toBe(true);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ party: "CA", labels: { en: "Digital trade", fr: "Commerce numérique", es: "Comercio digital" } });
    expect(JSON.parse(audit[1]!.details!)).toMatchObject({
      party: "CA",
      before: { en: "Digital trade", es: "Comercio digital" },
      after: { en: "Digital trade and e-commerce", es: "Comercio digital y electrónico" },
    });
    expect(JSON.parse(audit[2]!.details!)).toMatchObject({ party: "CA", labels: { en: "Digital trade and e-commerce" } });
    // The audit page names the actions.
    const auditPage = await (await get(server.url, "/en/admin/audit?action=theme.deleted", admin.cookie)).text();
    expect(auditPage).toContain("Theme deleted");
  });

  it("cannot touch a Chilean theme, by its address or by the form's party", async () => {
    const cl = (await themeByLabel("CL", "Women-led exporting SMEs"))!;
    const before = await countAudit();
    expect((await get(server.url, `/en/admin/themes/${cl.id}`, modCA.cookie)).status).toBe(403);
    expect((await get(server.url, `/en/admin/themes/${cl.id}?confirm=delete`, modCA.cookie)).status).toBe(403);
    const update = await postForm(
      server.url,
      `/en/admin/themes/${cl.id}`,
      { intent: "update", ...labels("Hacked", "Piraté", "Pirateado") },
      { cookie: modCA.cookie },
    );
    expect(update.status).toBe(403);
    expect(await update.text()).toContain("Access denied");
    const del = await postForm(server.url, `/en/admin/themes/${cl.id}`, { intent: "delete" }, { cookie: modCA.cookie });
    expect(del.status).toBe(403);
    expect(await themeRow(cl.id)).toEqual(cl);

    const clCount = await countThemes("CL");
    for (const path of ["/en/admin/themes", "/en/admin/themes?party=CL"]) {
      const create = await postForm(
        server.url,
        path,
        { intent: "create", partyCode: "CL", ...labels("Sneaked in", "Glissé", "Colado") },
        { cookie: modCA.cookie },
      );
      expect(create.status).toBe(403);
    }
    expect(await countThemes("CL")).toBe(clCount);
    expect(
      (await postForm(server.url, "/en/admin/themes", { intent: "create", partyCode: "XX", ...labels("A", "B", "C") }, { cookie: modCA.cookie })).status,
    ).toBe(400);
    expect((await get(server.url, "/en/admin/themes/999999", modCA.cookie)).status).toBe(404);
    expect((await get(server.url, "/en/admin/themes/abc", modCA.cookie)).status).toBe(404);
    expect(await countAudit()).toBe(before);

    // The model refuses too, whoever calls it.
    const actor = toActor({ id: modCA.id, role: "moderator", party_code: "CA" });
    await expect(updateTheme(t.db, actor, cl.id, labels("X", "Y", "Z"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteTheme(t.db, actor, cl.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createTheme(t.db, actor, "CL", labels("X", "Y", "Z"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a form without the CSRF token", async () => {
    const res = await postForm(
      server.url,
      "/en/admin/themes",
      { intent: "create", partyCode: "CA", ...labels("No token", "Sans jeton", "Sin token") },
      { cookie: modCA.cookie, csrf: null },
    );
    expect(res.status).toBe(403);
    expect(await themeByLabel("CA", "No token")).toBeUndefined();
  });
});

describe("bad input", () => {
  it("refuses a label another theme of the party has, whatever its case, beside the field, keeping what was typed", async () => {
    const before = await countThemes("CA");
    const res = await postForm(
      server.url,
      "/en/admin/themes",
      { intent: "create", partyCode: "CA", ...labels("women in MINING", "Femmes et commerce", "Mujeres y comercio") },
      { cookie: modCA.cookie },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#field-label_en"');
    expect(fieldError(html, "label_en")).toBe("Another theme of this country already has this label.");
    expect(fieldError(html, "label_fr")).toBeNull();
    expect(inputValue(html, "label_en")).toBe("women in MINING");
    expect(inputValue(html, "label_fr")).toBe("Femmes et commerce");
    expect(await countThemes("CA")).toBe(before);

    // In French, with a duplicate in French whose accented capitals differ only in case.
    const fr = await postForm(
      server.url,
      "/fr/admin/themes",
      { intent: "create", partyCode: "CA", ...labels("Something new", "DONNÉES VENTILÉES PAR SEXE", "Algo nuevo") },
      { cookie: modCA.cookie },
    );
    expect(fr.status).toBe(409);
    expect(fieldError(await fr.text(), "label_fr")).toBe("Un autre thème de ce pays porte déjà ce libellé.");

    // Renaming a theme to another's label is refused too; keeping its own label is not a clash.
    const care = (await themeByLabel("CA", "Care work and childcare"))!;
    const clash = await postForm(
      server.url,
      `/en/admin/themes/${care.id}`,
      { intent: "update", label_en: "Clean Technology", label_fr: care.label_fr, label_es: care.label_es },
      { cookie: modCA.cookie },
    );
    expect(clash.status).toBe(409);
    const clashHtml = await clash.text();
    expect(fieldError(clashHtml, "label_en")).toBe("Another theme of this country already has this label.");
    expect(inputValue(clashHtml, "label_en")).toBe("Clean Technology");
    const same = await postForm(
      server.url,
      `/en/admin/themes/${care.id}`,
      { intent: "update", label_en: "CARE WORK AND CHILDCARE", label_fr: care.label_fr, label_es: care.label_es },
      { cookie: modCA.cookie },
    );
    expect(same.status).toBe(302);

    // The same label in the other party's list is fine.
    const other = await postForm(
      server.url,
      "/es/admin/themes",
      { intent: "create", partyCode: "CL", ...labels("Clean technology", "Technologies propres", "Tecnologías limpias") },
      { cookie: modCL.cookie },
    );
    expect(other.status).toBe(302);
    expect(other.headers.get("location")).toBe("/es/admin/themes?party=CL&done=created");

    // The model refuses duplicates whoever calls it.
    const actor = toActor({ id: modCA.id, role: "moderator", party_code: "CA" });
    const error = await createTheme(t.db, actor, "CA", labels("Clean TECHNOLOGY", "Technologies propres", "Nuevo")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateThemeLabelError);
    expect((error as DuplicateThemeLabelError).locales).toEqual(["en", "fr"]);
  });

  it("answers an empty or broken label with 400, the summary at the top and the message beside the field", async () => {
    const before = await countAudit();
    const res = await postForm(
      server.url,
      "/es/admin/themes",
      { intent: "create", partyCode: "CL", label_en: "Gender and trade", label_fr: "   ", label_es: "Comercio\u0007" },
      { cookie: modCL.cookie },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Hay un problema");
    expect(html.indexOf("error-summary")).toBeLessThan(html.indexOf('id="field-label_en"'));
    expect(fieldError(html, "label_fr")).toBe("Este campo es obligatorio.");
    expect(fieldError(html, "label_es")).toMatch(/^Este texto contiene caracteres/);
    expect(fieldError(html, "label_en")).toBeNull();
    expect(inputValue(html, "label_en")).toBe("Gender and trade");
    expect(await countAudit()).toBe(before);

    const cl = (await themeByLabel("CL", "Women-led exporting SMEs"))!;
    const edit = await postForm(
      server.url,
      `/en/admin/themes/${cl.id}`,
      { intent: "update", label_en: "", label_fr: "PME", label_es: cl.label_es },
      { cookie: modCL.cookie },
    );
    expect(edit.status).toBe(400);
    const editHtml = await edit.text();
    expect(fieldError(editHtml, "label_en")).toBe("This field is required.");
    expect(inputValue(editHtml, "label_fr")).toBe("PME");
    expect(await themeRow(cl.id)).toEqual(cl);
  });
});

describe("a theme in use", () => {
  it("cannot be deleted: the refusal says how many submissions it tags", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const theme = (await themeByLabel("CA", "Sex-disaggregated data"))!;
    for (let i = 0; i < 2; i++) {
      const submission = await createSubmissionFor(t.db, { topicSlug: topic.slug });
      await t.db.insertInto("submission_themes").values({ submission_id: submission.id, theme_id: theme.id }).execute();
    }
    const list = await (await get(server.url, "/en/admin/themes", modCA.cookie)).text();
    expect(list).toContain("In use");

    const confirm = await (await get(server.url, `/en/admin/themes/${theme.id}?confirm=delete`, modCA.cookie)).text();
    expect(confirm).toContain("Submissions tagged with this theme: 2. A theme in use cannot be deleted.");
    expect(confirm).not.toContain('name="intent" value="delete"');

    const before = await countAudit();
    const res = await postForm(server.url, `/fr/admin/themes/${theme.id}?confirm=delete`, { intent: "delete" }, { cookie: modCA.cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Contributions classées sous ce thème\u202f: 2. Un thème utilisé ne peut pas être supprimé.");
    expect(await themeRow(theme.id)).toBeDefined();
    expect(await countAudit()).toBe(before);

    const error = await deleteTheme(t.db, toActor({ id: admin.id, role: "admin", party_code: null }), theme.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeInUseError);
    expect((error as ThemeInUseError).count).toBe(2);
  });
});

describe("who may manage themes", () => {
  it("an admin manages both lists, choosing the country", async () => {
    const ca = await (await get(server.url, "/en/admin/themes", admin.cookie)).text();
    expect(ca).toContain('aria-label="Country of the list"');
    expect(ca).toContain('<span aria-current="page">Canada</span>');
    expect(ca).toContain('href="/en/admin/themes?party=CL"');
    const clRes = await get(server.url, "/en/admin/themes?party=CL", admin.cookie);
    expect(clRes.status).toBe(200);
    const cl = await clRes.text();
    expect(cl).toContain("Women-led exporting SMEs");
    expect(cl).toContain('<input type="hidden" name="partyCode" value="CL"/>');

    const res = await postForm(
      server.url,
      "/en/admin/themes?party=CL",
      { intent: "create", partyCode: "CL", ...labels("Wine exports", "Exportations de vin", "Exportaciones de vino") },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(302);
    const theme = (await themeByLabel("CL", "Wine exports"))!;
    const audit = await auditFor(theme.id);
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([["theme.created", admin.email]]);
  });

  it("committee members and people signed out are refused", async () => {
    const ca = (await themeByLabel("CA", "Clean technology"))!;
    const before = await countAudit();
    for (const path of ["/en/admin/themes", "/en/admin/themes?party=CA", `/en/admin/themes/${ca.id}`, `/en/admin/themes/${ca.id}?confirm=delete`]) {
      const res = await get(server.url, path, committee);
      expect(res.status).toBe(403);
      const anonymous = await get(server.url, path);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toBe(`/en/login?redirectTo=${encodeURIComponent(path)}`);
    }
    for (const [path, fields] of [
      ["/en/admin/themes", { intent: "create", partyCode: "CA", ...labels("Committee", "Comité", "Comité") }],
      [`/en/admin/themes/${ca.id}`, { intent: "update", ...labels("Committee", "Comité", "Comité") }],
      [`/en/admin/themes/${ca.id}`, { intent: "delete" }],
    ] as const) {
      expect((await postForm(server.url, path, fields, { cookie: committee })).status).toBe(403);
    }
    expect(await themeRow(ca.id)).toEqual(ca);
    expect(await countAudit()).toBe(before);
  });
});
