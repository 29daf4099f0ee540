import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "../factories";
import { expectAxeClean, keepScreenshot, useE2E, viewports, waitForHydration, signedIn as signInAs } from "./browser";

const e2e = useE2E();

const signedIn = (locale: "en" | "fr" | "es", user: { email: string }, options?: Parameters<typeof signInAs>[3]) => signInAs(e2e, locale, user, options);

const axe = (page: Page, name: string) => expectAxeClean(page, name);

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("a Chilean official publishes a consultation in Spanish only", () => {
  it("with JavaScript: the form checks itself first; the English reader sees it under Chile with a notice", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CL", locale: "es" });
    const { context, page, errors } = await signedIn("es", official);
    await page.goto(`${e2e.server.url}/es/admin/topics/new`);
    await waitForHydration(page);
    await axe(page, "topic-form-es");

    const requests: string[] = [];
    page.on("request", (r) => r.method() === "POST" && requests.push(r.url()));
    await page.locator("#field-areaId").selectOption({ index: 2 });
    await page.locator("#field-slug").fill("cadena-litio-mujeres");
    await page.locator("#field-opensDate").fill(dateIn(-1));
    await page.locator("#field-opensTime").fill("09:00");
    await page.locator("#field-closesDate").fill(dateIn(-3)); // before the opening
    await page.locator("#field-closesTime").fill("23:59");
    await page.locator("#field-es_title").fill("Mujeres en la cadena del litio");
    await page.locator("#field-es_summary").fill("¿Cómo ampliar la participación de mujeres en la cadena de valor del litio?");
    await page.locator("#field-es_body").fill("Primer párrafo.\n\n- punto uno\n- punto dos");
    await page.locator("#field-q0_es").fill("¿Qué obstáculos observa?");
    await page.getByRole("button", { name: "Guardar y publicar" }).click();
    await page.locator("#field-closesDate-error").waitFor();
    expect(requests).toEqual([]); // refused in the browser, nothing sent
    await expect(page.locator("#field-es_title").inputValue()).resolves.toBe("Mujeres en la cadena del litio");
    await axe(page, "topic-form-error-es");

    await page.locator("#field-closesDate").fill(dateIn(40));
    await page.getByRole("button", { name: "Guardar y publicar" }).click();
    await page.waitForURL(/\/es\/admin\/topics\/\d+\?saved=publish/);
    await page.getByRole("link", { name: "Vista previa" }).click();
    await page.waitForURL(/\/preview$/);
    await axe(page, "topic-preview-es");
    expect(errors).toEqual([]);
    await context.close();

    const visitor = await e2e.browser.newContext({ locale: "en-GB", viewport: viewports.phone });
    const reader = await visitor.newPage();
    await reader.goto(`${e2e.server.url}/en/consultations?country=CL`);
    await waitForHydration(reader);
    const card = reader.locator(".topic-card", { hasText: "Mujeres en la cadena del litio" });
    await expect(card.textContent()).resolves.toContain("Chile");
    await expect(card.textContent()).resolves.toContain("This consultation is not available in English. It is shown in: Spanish.");
    await card.getByRole("link").click();
    await reader.waitForURL("**/en/consultations/cadena-litio-mujeres");
    await reader.locator('h1[lang="es"]', { hasText: "Mujeres en la cadena del litio" }).waitFor();
    await axe(reader, "topic-es-only-en-phone");
    await visitor.close();
  });

  it("a Canadian official is refused", async () => {
    const canadian = await createUser(e2e.t.db, { role: "moderator", party: "CA" });
    const topic = await e2e.t.db.selectFrom("topics").select("id").where("slug", "=", "cadena-litio-mujeres").executeTakeFirstOrThrow();
    const { context, page } = await signedIn("en", canadian);
    const res = await page.goto(`${e2e.server.url}/en/admin/topics/${topic.id}`);
    expect(res!.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe("Access denied");
    await context.close();
  });
});

describe.each(["en", "fr", "es"] as const)("topic pages in %s", (locale) => {
  it("admin list and form are axe-clean; without JavaScript the server's answer keeps what was typed", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale });
    const withJs = await signedIn(locale, official);
    await withJs.page.goto(`${e2e.server.url}/${locale}/admin/topics`);
    await axe(withJs.page, `admin-topics-${locale}`);
    await withJs.page.goto(`${e2e.server.url}/${locale}/admin/topics/new`);
    await axe(withJs.page, `topic-form-${locale}`);
    await withJs.context.close();

    // axe needs JavaScript, so the no-JS page is checked by what it shows.
    const noJs = await signedIn(locale, official, { javaScriptEnabled: false });
    const page = noJs.page;
    await page.goto(`${e2e.server.url}/${locale}/admin/topics/new`);
    await page.locator("#field-slug").fill("Bad Slug!");
    await page.locator(`#field-${locale}_title`).fill("<script>alert(1)</script>");
    await page.locator('button[value="save"]').click();
    await page.locator(".error-summary").waitFor();
    await expect(page.locator("#field-slug").inputValue()).resolves.toBe("Bad Slug!");
    await expect(page.locator(`#field-${locale}_title`).inputValue()).resolves.toBe("<script>alert(1)</script>");
    await expect(page.locator(`#field-${locale}_title-error`).isVisible()).resolves.toBe(true);
    await expect(page.locator('.error-summary a[href="#field-slug"]').isVisible()).resolves.toBe(true);
    await keepScreenshot(page, `topic-form-nojs-error-${locale}`);
    await noJs.context.close();
  });
});
