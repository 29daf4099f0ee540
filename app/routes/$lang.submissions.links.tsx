import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { requestSubmissionLinks } from "~/models/submission-links.server";
import { forgotPasswordSchema } from "~/schemas/accounts";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { retryAfterHeaders } from "~/web/retry-after.server";

// "Send me my links again" (issue 17, item 3): the same answer whether or not the address sent
// anything; the email leaves after the answer.
export async function loader({ params }: LoaderFunctionArgs) {
  const { t } = await localeAndT(params);
  return { title: t("receipt.linksTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  // The same address field as the password reset form: one email address.
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), email: String(form.get("email") ?? "").slice(0, 254), sent: false }, { status: 400 });
  }
  const result = await requestSubmissionLinks(db, { email: parsed.data.email, locale, clientAddress: context.clientAddress ?? "unknown" });
  if (!result.ok) {
    return data(
      { errors: { form: "receipt.linksLimited" } as Record<string, string>, email: parsed.data.email, sent: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return { errors: undefined, email: "", sent: true };
}

export default function SubmissionLinks() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container narrow">
      <h1>{t("receipt.linksTitle")}</h1>
      {actionData?.sent ? (
        <Notice>{t("receipt.linksSent")}</Notice>
      ) : (
        <>
          <p>{t("receipt.linksIntro")}</p>
          <ErrorSummary errors={actionData?.errors} labels={{ email: t("receipt.linksEmail") }} />
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <TextField
              name="email"
              type="email"
              label={t("receipt.linksEmail")}
              autoComplete="email"
              defaultValue={actionData?.email}
              error={actionData?.errors?.email}
              required
            />
            <button type="submit" className="button button--primary">
              {t("receipt.linksSend")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
