import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { requestPasswordReset } from "~/models/auth.server";
import { forgotPasswordSchema } from "~/schemas/accounts";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { retryAfterHeaders } from "~/web/retry-after.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const { t } = await localeAndT(params);
  return { title: t("auth.forgotTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), email: String(form.get("email") ?? "").slice(0, 254), sent: false }, { status: 400 });
  }
  const result = await requestPasswordReset(db, { email: parsed.data.email, address: context.clientAddress ?? "unknown" });
  if (!result.ok) {
    return data(
      { errors: { form: "auth.resetLimited" } as Record<string, string>, email: parsed.data.email, sent: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The email is prepared and sent after this answer (result.delivery): nothing here waits for it.
  return { errors: undefined, email: "", sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container narrow">
      <h1>{t("auth.forgotTitle")}</h1>
      {actionData?.sent ? (
        <Notice>{t("auth.resetSentNotice")}</Notice>
      ) : (
        <>
          <p>{t("auth.forgotIntro")}</p>
          <ErrorSummary errors={actionData?.errors} labels={{ email: t("auth.email") }} />
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <TextField
              name="email"
              type="email"
              label={t("auth.email")}
              autoComplete="email"
              defaultValue={actionData?.email}
              error={actionData?.errors?.email}
              required
            />
            <button type="submit" className="button button--primary">
              {t("auth.sendResetLink")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
