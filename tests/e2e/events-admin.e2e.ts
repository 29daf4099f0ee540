// The events back office in a browser (issue 19): an official creates and publishes an event —
// in French without JavaScript (the server checks the form and keeps what was typed), in Spanish
// with it (the form checks itself before sending) — and the pages are axe-clean in all three
// languages, at desktop and phone sizes (axe runs where scripts do: the JavaScript-off pages are the
// same markup).
import { describe, expect, it } from "vitest";
import { createUser } from "../factories";
import { expectAxeClean, keepScreenshot, signedIn, useE2E, viewports, waitForHydration } from "./browser";
import type { Page } from "playwright-core";

const e2e = useE2E();

const text = {
  fr: { saveAndPublish: "Enregistrer et publier", published: "L’événement est publié.", required: "Ce champ est obligatoire." },
  es: { save: "Guardar", saveAndPublish: "Guardar y publicar", saved: "El evento está guardado.", published: "El evento está publicado." },
} as const;

async function fillEvent(page: Page, lang: "fr" | "es", title: string) {
  await page.locator("#field-activityId").selectOption({ index: 1 });
  await page.locator("#field-format").selectOption("hybrid");
  await page.locator("#field-place").fill("Teatinos 180, Santiago");
  await page.locator("#field-onlineUrl").fill("https://meet.example.org/puente");
  await page.locator("#field-startsAt").fill("2027-04-15T10:00");
  await page.locator("#field-endsAt").fill("2027-04-15T12:30");
  await page.locator("#field-registrationOpensAt").fill("2027-03-01T09:00");
  await page.locator("#field-registrationClosesAt").fill("2027-04-14T18:00");
  await page.locator("#field-capacity").fill("30");
  await page.locator(`#field-${lang}_title`).fill(title);
  await page.locator(`#field-${lang}_description`).fill("Un atelier / un taller.");
}

describe("the events back office", () => {
  it("in French without JavaScript: a wrong form comes back explained with what was typed; the event is created and published", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CL", locale: "fr" });
    const { context, page } = await signedIn(e2e, "fr", official, { javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/fr/admin/events/new`);
    await page.locator("#field-fr_title").fill("Atelier sans JavaScript");
    await page.getByRole("button", { name: text.fr.saveAndPublish, exact: true }).click();
    await page.locator(".error-summary").waitFor();
    await expect(page.locator("#field-fr_description-error").textContent()).resolves.toContain(text.fr.required);
    await expect(page.locator("#field-fr_title").inputValue()).resolves.toBe("Atelier sans JavaScript");
    // (axe needs scripts in the page: the same pages are checked with JavaScript below.)
    await keepScreenshot(page, "admin-event-new-nojs-error-fr");

    await fillEvent(page, "fr", "Atelier sans JavaScript");
    await page.getByRole("button", { name: text.fr.saveAndPublish, exact: true }).click();
    await page.waitForURL(/\/fr\/admin\/events\/\d+\?saved=publish$/);
    await expect.poll(() => page.locator(".flash").textContent()).toBe(text.fr.published);
    const event = await e2e.t.db.selectFrom("events").selectAll().where("slug", "=", "atelier-sans-javascript").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ party_code: "CL", state: "published", starts_at: "2027-04-15T14:00:00.000Z", languages: "fr" });
    await keepScreenshot(page, "admin-event-edit-nojs-fr");
    await context.close();
  });

  it("in Spanish with JavaScript: the form checks itself, then saves a draft and publishes it; the pages load in all three languages, axe-clean, on a phone too", async () => {
    const admin = await createUser(e2e.t.db, { role: "admin", locale: "es" });
    const { context, page, errors } = await signedIn(e2e, "es", admin);
    await page.goto(`${e2e.server.url}/es/admin/events/new`);
    await waitForHydration(page);
    let posted = 0;
    page.on("request", (r) => r.method() === "POST" && posted++);
    await page.getByRole("button", { name: text.es.save, exact: true }).click();
    await page.locator(".error-summary").waitFor();
    expect(posted).toBe(0);
    await expectAxeClean(page, "admin-event-new-client-error-es");

    await page.locator("#field-partyCode").selectOption("CL");
    await fillEvent(page, "es", "Taller con JavaScript");
    await page.getByRole("button", { name: text.es.save, exact: true }).click();
    await page.waitForURL(/\/es\/admin\/events\/\d+\?saved=save$/);
    await page.locator(".flash").waitFor();
    await expect(page.locator(".flash").textContent()).resolves.toBe(text.es.saved);
    const id = Number(/events\/(\d+)/.exec(page.url())![1]);
    await waitForHydration(page);
    await page.getByRole("button", { name: text.es.saveAndPublish, exact: true }).click();
    // A client-side navigation: the address changes before the new notice is drawn.
    await page.locator(".flash", { hasText: text.es.published }).waitFor();
    expect((await e2e.t.db.selectFrom("events").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("published");
    await expectAxeClean(page, "admin-event-edit-es");

    for (const lang of ["en", "fr", "es"] as const) {
      await page.goto(`${e2e.server.url}/${lang}/admin/events`);
      await waitForHydration(page);
      await expect(page.locator("table").textContent()).resolves.toContain("Taller con JavaScript");
      if (lang === "en") await expectAxeClean(page, "admin-events-en");
    }
    await page.goto(`${e2e.server.url}/en/admin/events/${id}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Edit the event");

    const phone = await context.newPage();
    await phone.setViewportSize(viewports.phone);
    await phone.goto(`${e2e.server.url}/es/admin/events`);
    await waitForHydration(phone);
    await expectAxeClean(phone, "admin-events-phone-es");
    await phone.goto(`${e2e.server.url}/fr/admin/events/${id}`);
    await waitForHydration(phone);
    await expectAxeClean(phone, "admin-event-edit-phone-fr");
    await keepScreenshot(phone, "admin-event-edit-phone-fr");
    expect(errors).toEqual([]);
    await context.close();
  });
});
