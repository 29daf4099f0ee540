import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextField } from "~/components/forms";
import { completePasswordLink } from "~/models/auth.server";
import { findUsableToken } from "~/models/users.server";
import { MIN_PASSWORD_LENGTH, setPasswordSchema } from "~/schemas/accounts";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// The token travels in the query string (never logged) and only its hash is stored.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await localeAndT(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const row = await findUsableToken(db, token);
  return {
    title: t("auth.setPasswordTitle"),
    token: row ? token : null,
    purpose: row?.purpose ?? null,
    email: row?.email ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const user = await completePasswordLink(db, parsed.data.token, parsed.data.password);
  if (!user) return data({ errors: { form: "auth.linkInvalid" } }, { status: 410 });
  return redirect(`/${user.locale ?? locale}/login?notice=password-set`);
}

export default function SetPassword() {
  const { token, purpose, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const labels = { password: t("auth.newPassword"), confirm: t("auth.confirmPassword") };
  if (!token) {
    return (
      <div className="container narrow">
        <h1>{t("auth.setPasswordTitle")}</h1>
        <p className="notice">{t("auth.linkInvalid")}</p>
        <p>
          <Link to={`/${i18n.language}/forgot-password`}>{t("auth.requestNewLink")}</Link>
        </p>
      </div>
    );
  }
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="container narrow">
      <h1>{purpose === "invitation" ? t("auth.acceptInvitationTitle") : t("auth.setPasswordTitle")}</h1>
      <p>{t("auth.setPasswordIntro", { email })}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {errors?.form === "auth.linkInvalid" && (
        <p>
          <Link to={`/${i18n.language}/forgot-password`}>{t("auth.requestNewLink")}</Link>
        </p>
      )}
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          error={errors?.password}
          required
          minLength={MIN_PASSWORD_LENGTH}
        />
        <TextField name="confirm" type="password" label={labels.confirm} autoComplete="new-password" error={errors?.confirm} required />
        <button type="submit" className="button button--primary">
          {t("auth.savePassword")}
        </button>
      </Form>
    </div>
  );
}
