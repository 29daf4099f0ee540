import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { publicUrl } from "~/utils/env.server";
import { htmlEmail, sendEmail } from "~/utils/mail.server";

/**
 * The invitation or password-reset email, in the recipient's language. `validFor` is in hours
 * for invitations and minutes for resets, as the message says.
 */
export async function sendAccountLinkEmail(
  db: Kysely<Database>,
  kind: "invitation" | "password_reset",
  to: { email: string; displayName: string; locale: Locale },
  token: string,
  validFor: number,
) {
  const t = getT(to.locale);
  const href = `${publicUrl()}/${to.locale}/account/set-password?${new URLSearchParams({ token })}`;
  const key = kind === "invitation" ? "emails.invitation" : "emails.passwordReset";
  const paragraphs = [t("emails.greeting", { name: to.displayName }), t(`${key}.intro`), t(`${key}.validity`, { count: validFor }), t(`${key}.ignore`)];
  return sendEmail(db, {
    kind,
    to: to.email,
    locale: to.locale,
    subject: t(`${key}.subject`),
    text: [...paragraphs.slice(0, 2), href, ...paragraphs.slice(2)].join("\n\n") + "\n\n— Puente\n",
    html: htmlEmail(to.locale, paragraphs, { href, label: t(`${key}.action`) }),
    secret: token,
  });
}
