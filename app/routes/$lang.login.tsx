import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, TextField } from "~/components/forms";
import { signIn } from "~/models/auth.server";
import { loginSchema } from "~/schemas/accounts";
import { fieldErrors } from "~/schemas/field-errors";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { destroySession, getSessionUser, safeRedirect } from "~/utils/session.server";
import { retryAfterHeaders } from "~/web/retry-after.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), `/${locale}/admin`);
  if (await getSessionUser(request)) throw redirect(redirectTo);
  return { title: t("auth.signInTitle"), redirectTo, notice: url.searchParams.get("notice") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  const email = String(form.get("email") ?? "").slice(0, 254);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), email }, { status: 400 });

  const result = await signIn(db, {
    email: parsed.data.email,
    password: parsed.data.password,
    address: context.clientAddress ?? "unknown",
  });
  if (!result.ok && result.reason === "throttled") {
    // A short wait between attempts, or the lock once the limit is reached.
    const message = result.retryAfterSeconds <= 60 ? "auth.throttledWait" : "auth.throttled";
    return data({ errors: { form: message }, email }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  if (!result.ok) return data({ errors: { form: "auth.invalidCredentials" }, email }, { status: 401 });
  // Rotation: whatever session the browser had before signing in is ended; only the new one counts.
  await destroySession(request);
  return redirect(safeRedirect(parsed.data.redirectTo, `/${locale}/admin`), { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const labels = { email: t("auth.email"), password: t("auth.password") };
  return (
    <div className="container narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("auth.signInIntro")}</p>
      {notice === "password-set" && <Notice>{t("auth.passwordSetNotice")}</Notice>}
      {notice === "signed-out" && <Notice>{t("auth.signedOutNotice")}</Notice>}
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          autoComplete="username"
          defaultValue={actionData?.email}
          error={actionData?.errors && "email" in actionData.errors ? actionData.errors.email : undefined}
          required
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          autoComplete="current-password"
          error={actionData?.errors && "password" in actionData.errors ? actionData.errors.password : undefined}
          required
        />
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("auth.signIn")}
        </button>
      </Form>
      <p>
        <Link to={`/${locale}/forgot-password`}>{t("auth.forgotPasswordLink")}</Link>
      </p>
    </div>
  );
}
