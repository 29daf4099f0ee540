import { describe, expect, it } from "vitest";
import { headerOf, utf8Body } from "../helpers/mail";
import { expectAxeClean, useE2E, viewports, waitForHydration } from "./browser";
import { createSubmissionFor } from "../factories";
import { runSubscriptionTick } from "~/models/subscriptions.server";
import { env } from "~/utils/env.server";
import { resetMailTransport } from "~/utils/mail.server";

// The pass runs in this process with its clock moved forward (ADR 039): it signs links with the e2e
// server's APP_SECRET (tests/e2e/browser.ts) and sends to the same mail catcher.
process.env.APP_SECRET = "e2e-app-secret-0123456789";

const e2e = useE2E();
const SLUG = "women-in-mining-chile";
const DAY = 86_400_000;

/** A link of an email, on the e2e server. */
const linkIn = (body: string, pattern: RegExp) => {
  const match = pattern.exec(body);
  if (!match) throw new Error(`no link ${pattern} in:\n${body}`);
  const url = new URL(match[0]);
  return `${e2e.server.url}${url.pathname}${url.search}`;
};

async function passAt(when: Date) {
  const settings = env() as { SMTP_URL?: string; PUBLIC_URL?: string };
  if (settings.SMTP_URL !== e2e.mail.url) {
    settings.SMTP_URL = e2e.mail.url;
    settings.PUBLIC_URL = e2e.server.url;
    resetMailTransport();
  }
  return runSubscriptionTick(e2e.t.db, when);
}

describe("subscriptions (ADR 039)", () => {
  for (const [locale, js] of [
    ["es", false],
    ["fr", true],
    ["en", true],
  ] as const) {
    const text = {
      es: {
        link: "Recibir por correo recordatorios",
        submit: "Suscribirme",
        sent: "Gracias.",
        confirm: "Confirmar mi suscripción",
        confirmed: "Su suscripción está confirmada",
        unsubscribe: "Darme de baja",
        done: "Se dio de baja",
        week: "cierra en una semana",
        digest: "Aportes publicados",
      },
      fr: {
        link: "Recevoir par courriel des rappels",
        submit: "M’abonner",
        sent: "Merci.",
        confirm: "Confirmer mon abonnement",
        confirmed: "Votre abonnement est confirmé",
        unsubscribe: "Me désabonner",
        done: "Vous êtes désabonné·e",
        week: "se termine dans une semaine",
        digest: "Contributions publiées",
      },
      en: {
        link: "Get reminders or a daily digest",
        submit: "Subscribe",
        sent: "Thank you.",
        confirm: "Confirm my subscription",
        confirmed: "Your subscription is confirmed",
        unsubscribe: "Unsubscribe",
        done: "You are unsubscribed",
        week: "closes in a week",
        digest: "Submissions published since the last digest",
      },
    }[locale];
    it(`on a phone, JavaScript ${js ? "on" : "off"} (${locale}): subscribe, confirm, get the closing reminder and the digest, unsubscribe in one click`, async () => {
      const email = `abonne-${locale}@example.org`;
      const context = await e2e.browser.newContext({ locale, viewport: viewports.phone, javaScriptEnabled: js });
      const page = await context.newPage();
      // axe runs its script in the page: with JavaScript off, the same pages are checked by the other run.
      const axe = js ? expectAxeClean : async () => undefined;
      await page.goto(`${e2e.server.url}/${locale}/consultations/${SLUG}`);
      if (js) await waitForHydration(page);
      await page.getByRole("link", { name: new RegExp(text.link) }).click();
      await page.waitForURL(`**/${locale}/subscriptions?topic=${SLUG}`);
      if (js) await waitForHydration(page);
      await axe(page, `subscribe-form-${locale}`);
      await page.locator("#field-email").fill(email);
      await page.getByRole("button", { name: text.submit }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain(text.sent);
      await axe(page, `subscribe-sent-${locale}`);

      // The confirmation link shows a button; the button confirms.
      const confirmation = await e2e.mail.nthTo(email, 1);
      await page.goto(linkIn(confirmation.body, /https?:\/\/\S+\/subscriptions\/confirm\?token=[\w-]+/));
      if (js) await waitForHydration(page);
      await axe(page, `subscribe-confirm-${locale}`);
      await page.getByRole("button", { name: text.confirm }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain(text.confirmed);
      await axe(page, `subscriptions-manage-${locale}`);

      // The scheduler's time, moved forward: a week's reminder, then a digest of what was published.
      const topic = await e2e.t.db.selectFrom("topics").select(["id", "closes_at"]).where("slug", "=", SLUG).executeTakeFirstOrThrow();
      const closes = Date.parse(topic.closes_at);
      const now = Date.now();
      const published = await createSubmissionFor(e2e.t.db, { topicSlug: SLUG, values: { country: "CL", title: `Publicada ${locale}` } });
      await e2e.t.db
        .updateTable("submissions")
        .set((eb) => ({
          status: "approved",
          decided_at: new Date(now + 60_000).toISOString(),
          approved_version: eb.ref("version"),
          approved_title: eb.ref("title"),
          approved_body: eb.ref("body"),
        }))
        .where("id", "=", published.id)
        .execute();
      const weekBefore = new Date(Math.max(closes - 3 * DAY, now + 1.1 * DAY));
      expect(weekBefore.getTime()).toBeLessThan(closes - DAY);
      await passAt(weekBefore);
      const [second, third] = [await e2e.mail.nthTo(email, 2), await e2e.mail.nthTo(email, 3)];
      const bodies = [utf8Body(second), utf8Body(third)].join("\n");
      expect(bodies).toContain(text.week);
      expect(bodies).toContain(text.digest);
      expect(bodies).toContain(published.reference);
      await passAt(weekBefore);
      expect(e2e.mail.messages.filter((m) => m.to.includes(email))).toHaveLength(3);

      // One click from the email's link: the page's button (the header's POST is tested over HTTP).
      expect(headerOf(third, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      await page.goto(linkIn(utf8Body(third), /https?:\/\/\S+\/subscriptions\/unsubscribe\?token=[\w.-]+/));
      if (js) await waitForHydration(page);
      await axe(page, `unsubscribe-${locale}`);
      await page.getByRole("button", { name: text.unsubscribe }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain(text.done);
      await axe(page, `unsubscribed-${locale}`);
      await context.close();
    });
  }
});
