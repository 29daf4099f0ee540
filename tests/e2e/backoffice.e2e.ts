import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "../factories";
import { expectAxeClean, fillSignIn, useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();

const texts = {
  en: {
    signIn: "Sign in",
    users: "Accounts",
    invite: "Send the invitation",
    invited: "The invitation was sent.",
    save: "Save the password",
    signOut: /Sign out/,
    forgot: "Forgot your password?",
    send: "Send the link",
    disable: "Disable",
    disabled: "The account was disabled",
    audit: "Audit trail",
    outbox: "Outbox",
  },
  fr: {
    signIn: "Se connecter",
    users: "Comptes",
    invite: "Envoyer l’invitation",
    invited: "L’invitation a été envoyée.",
    save: "Enregistrer le mot de passe",
    signOut: /Se déconnecter/,
    forgot: "Mot de passe oublié ?",
    send: "Envoyer le lien",
    disable: "Désactiver",
    disabled: "Le compte a été désactivé",
    audit: "Piste de vérification",
    outbox: "Boîte d’envoi",
  },
  es: {
    signIn: "Iniciar sesión",
    users: "Cuentas",
    invite: "Enviar la invitación",
    invited: "Se envió la invitación.",
    save: "Guardar la contraseña",
    signOut: /Cerrar sesión/,
    forgot: "¿Olvidó su contraseña?",
    send: "Enviar el enlace",
    disable: "Desactivar",
    disabled: "La cuenta se desactivó",
    audit: "Registro de auditoría",
    outbox: "Bandeja de salida",
  },
};

async function newPage(locale: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({ locale, viewport: viewports.desktop, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  if (process.env.E2E_DEBUG) page.on("console", (m) => console.log("console:", m.type(), m.text()));
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  return { context, page, errors };
}

const signIn = fillSignIn;

// The link in the nth email delivered to this address (a reset email leaves just after the page answers).
const linkInMail = async (email: string, nth: number) => {
  const mail = await e2e.mail.nthTo(email, nth);
  return /http:\/\/\S+\/account\/set-password\?token=[\w-]+/.exec(mail.body)![0].replace(/^http:\/\/localhost:\d+/, e2e.server.url);
};

describe.each(["en", "fr", "es"] as const)("back office in %s", (locale) => {
  const x = texts[locale];
  it("signs in, invites, the invitee sets a password, resets it, is disabled; every page axe-clean", async () => {
    const admin = await createUser(e2e.t.db, { role: "admin", password: "admin passphrase 123", locale });
    const { context, page, errors } = await newPage(locale);

    await page.goto(`${e2e.server.url}/${locale}/admin/users`);
    await page.waitForURL(/\/login\?redirectTo=/);
    await waitForHydration(page);
    await expectAxeClean(page, `login-${locale}`);
    await signIn(page, admin.email, "wrong passphrase", x.signIn);
    await page.locator(".error-summary").waitFor();
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain("error-summary");
    await expectAxeClean(page, `login-error-${locale}`);
    await signIn(page, admin.email, "admin passphrase 123", x.signIn);
    await page.waitForURL(`**/${locale}/admin/users`);
    await expectAxeClean(page, `users-${locale}`);

    // Invite, with one mistake first: the message is beside the field and the rest is kept.
    const email = `invitee-${locale}-${Date.now()}@example.org`;
    const form = page.locator("form", { has: page.locator('input[name="intent"][value="invite"]') });
    await form.locator("#field-email").fill(email);
    await form.locator("#field-displayName").fill(`Invitee ${locale}`);
    await form.locator("#field-role").selectOption("moderator");
    await form.getByRole("button", { name: x.invite }).click();
    await page.locator("#field-partyCode-error").waitFor();
    await expect(page.locator("#field-email").inputValue()).resolves.toBe(email);
    await expectAxeClean(page, `users-invite-error-${locale}`);
    await page.locator("#field-partyCode").selectOption("CL");
    await page.locator("#field-locale").selectOption(locale);
    await page.getByRole("button", { name: x.invite }).click();
    await page.getByRole("status").filter({ hasText: x.invited }).waitFor();

    await page.getByRole("link", { name: x.outbox, exact: true }).click();
    await page.waitForURL("**/admin/outbox");
    await page.locator("td a").first().click();
    await page.waitForURL(/outbox\?id=/);
    await expectAxeClean(page, `outbox-${locale}`);
    await page.getByRole("link", { name: x.audit, exact: true }).click();
    await page.waitForURL("**/admin/audit");
    await expectAxeClean(page, `audit-${locale}`);

    // The invitee, in a browser of their own.
    const invitee = await newPage(locale);
    await invitee.page.goto(await linkInMail(email, 1));
    await waitForHydration(invitee.page);
    await expectAxeClean(invitee.page, `set-password-${locale}`);
    await invitee.page.locator("#field-password").fill("first long passphrase");
    await invitee.page.locator("#field-confirm").fill("first long passphrase");
    await invitee.page.getByRole("button", { name: x.save }).click();
    await invitee.page.waitForURL(/notice=password-set/);
    await signIn(invitee.page, email, "first long passphrase", x.signIn);
    await invitee.page.waitForURL(`**/${locale}/admin`);
    await expectAxeClean(invitee.page, `admin-home-${locale}`);
    await invitee.page.getByRole("button", { name: x.signOut }).click();
    await invitee.page.waitForURL(/notice=signed-out/);

    // Forgot password.
    await invitee.page.getByRole("link", { name: x.forgot }).click();
    await expectAxeClean(invitee.page, `forgot-${locale}`);
    await invitee.page.locator("#field-email").fill(email);
    await invitee.page.getByRole("button", { name: x.send }).click();
    await invitee.page.getByRole("status").waitFor();
    await invitee.page.goto(await linkInMail(email, 2));
    await waitForHydration(invitee.page);
    await invitee.page.locator("#field-password").fill("second long passphrase");
    await invitee.page.locator("#field-confirm").fill("second long passphrase");
    await invitee.page.getByRole("button", { name: x.save }).click();
    await invitee.page.waitForURL(/notice=password-set/);
    await signIn(invitee.page, email, "second long passphrase", x.signIn);
    await invitee.page.waitForURL(`**/${locale}/admin`);

    // The admin disables the invitee: their next page sends them to sign in.
    await page.getByRole("link", { name: x.users, exact: true }).click();
    await page.waitForURL("**/admin/users");
    await page.getByRole("button", { name: new RegExp(`${x.disable}.*Invitee ${locale}`) }).click();
    await page.getByRole("status").filter({ hasText: x.disabled }).waitFor();
    await invitee.page.reload();
    expect(invitee.page.url()).toMatch(/\/login\?redirectTo=/);

    expect(errors).toEqual([]);
    expect(invitee.errors).toEqual([]);
    await invitee.context.close();
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("signs in and out", async () => {
    const admin = await createUser(e2e.t.db, { role: "committee", password: "committee passphrase" });
    const { context, page } = await newPage("fr", { javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/fr/login`);
    await signIn(page, admin.email, "committee passphrase", "Se connecter");
    await page.waitForURL("**/fr/admin");
    await expect.poll(() => page.locator("h1").textContent()).toBeTruthy();
    await page.getByRole("button", { name: /Se déconnecter/ }).click();
    await page.waitForURL(/notice=signed-out/);
    await context.close();
  });
});

describe("phone", () => {
  it("the accounts page fits a narrow screen", async () => {
    const admin = await createUser(e2e.t.db, { role: "admin", password: "admin passphrase 123" });
    const context = await e2e.browser.newContext({ viewport: viewports.phone, locale: "es" });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/es/login`);
    await waitForHydration(page);
    await signIn(page, admin.email, "admin passphrase 123", "Iniciar sesión");
    await page.waitForURL("**/es/admin");
    await page.goto(`${e2e.server.url}/es/admin/users`);
    await expectAxeClean(page, "users-es-phone");
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest(".table-wrap"))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
        .slice(0, 5),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
