import { describe, expect, it } from "vitest";
import { createUser } from "../factories";
import { expectAxeClean, keepScreenshot, useE2E, viewports, waitForHydration, signedIn as signInAs } from "./browser";

const e2e = useE2E();

const text = {
  en: {
    create: "Add the theme",
    required: "This field is required.",
    duplicate: "Another theme of this country already has this label.",
    confirm: "Yes, delete the theme",
    deleted: "The theme was deleted.",
  },
  fr: {
    create: "Ajouter le thème",
    required: "Ce champ est obligatoire.",
    duplicate: "Un autre thème de ce pays porte déjà ce libellé.",
    confirm: "Oui, supprimer le thème",
    deleted: "Le thème a été supprimé.",
  },
  es: {
    create: "Agregar el eje temático",
    required: "Este campo es obligatorio.",
    duplicate: "Otro eje temático de este país ya tiene esta etiqueta.",
    confirm: "Sí, eliminar el eje temático",
    deleted: "Se eliminó el eje temático.",
  },
} as const;

const signedIn = (locale: "en" | "fr" | "es", user: { email: string }, options?: Parameters<typeof signInAs>[3]) => signInAs(e2e, locale, user, options);

describe.each(["en", "fr", "es"] as const)("theme pages in %s", (locale) => {
  it("are axe-clean; with JavaScript the form checks itself before sending", async () => {
    const admin = await createUser(e2e.t.db, { role: "admin", locale });
    const { context, page, errors } = await signedIn(locale, admin);
    await page.goto(`${e2e.server.url}/${locale}/admin/themes?party=CL`);
    await waitForHydration(page);
    await expectAxeClean(page, `admin-themes-${locale}`);

    // An empty form is stopped in the browser: nothing is sent, the messages are the same.
    let posted = 0;
    page.on("request", (r) => r.method() === "POST" && posted++);
    await page.getByRole("button", { name: text[locale].create, exact: true }).click();
    await page.locator(".error-summary").waitFor();
    expect(posted).toBe(0);
    await expect(page.locator("#field-label_en-error").textContent()).resolves.toContain(text[locale].required);
    await expectAxeClean(page, `admin-themes-client-error-${locale}`);

    const id = (await e2e.t.db.selectFrom("themes").select("id").where("party_code", "=", "CL").orderBy("id").executeTakeFirstOrThrow()).id;
    await page.goto(`${e2e.server.url}/${locale}/admin/themes/${id}`);
    await waitForHydration(page);
    await expectAxeClean(page, `admin-theme-edit-${locale}`);
    await page.goto(`${e2e.server.url}/${locale}/admin/themes/${id}?confirm=delete`);
    await waitForHydration(page);
    await expectAxeClean(page, `admin-theme-delete-${locale}`);

    const phone = await context.newPage();
    await phone.setViewportSize(viewports.phone);
    await phone.goto(`${e2e.server.url}/${locale}/admin/themes`);
    await waitForHydration(phone);
    await expectAxeClean(phone, `admin-themes-phone-${locale}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("without JavaScript: a duplicate keeps what was typed; a theme is added, then deleted after confirmation", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale });
    const { context, page } = await signedIn(locale, official, { javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/${locale}/admin/themes`);
    await page.locator("#field-label_en").fill("CLEAN TECHNOLOGY");
    await page.locator("#field-label_fr").fill(`Thème ${locale}`);
    await page.locator("#field-label_es").fill(`Eje ${locale}`);
    await page.getByRole("button", { name: text[locale].create, exact: true }).click();
    await page.locator(".error-summary").waitFor();
    await expect(page.locator("#field-label_en-error").textContent()).resolves.toContain(text[locale].duplicate);
    await expect(page.locator("#field-label_fr").inputValue()).resolves.toBe(`Thème ${locale}`);
    await keepScreenshot(page, `admin-themes-nojs-error-${locale}`);

    await page.locator("#field-label_en").fill(`Theme ${locale}`);
    await page.getByRole("button", { name: text[locale].create, exact: true }).click();
    await page.waitForURL(`**/${locale}/admin/themes?party=CA&done=created`);
    const theme = (await e2e.t.db.selectFrom("themes").select("id").where("label_en", "=", `Theme ${locale}`).executeTakeFirstOrThrow()).id;
    await page.goto(`${e2e.server.url}/${locale}/admin/themes/${theme}?confirm=delete`);
    await page.getByRole("button", { name: text[locale].confirm, exact: true }).click();
    await page.waitForURL(`**/${locale}/admin/themes?party=CA&done=deleted`);
    await expect.poll(() => page.locator(".flash").textContent()).toBe(text[locale].deleted);
    await context.close();
  });
});
