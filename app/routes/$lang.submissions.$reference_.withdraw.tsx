import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { getOwnSubmission, SubmissionRefused, withdrawOwnSubmission } from "~/models/submissions.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// Withdrawing is final, so it takes a page of its own (no JavaScript needed): the receipt links
// here, and only this form's POST withdraws — from the version this page showed (ADR 014).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const reference = params.reference ?? "";
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const own = await getOwnSubmission(db, reference, token);
  if (!own) notFound();
  return {
    locale,
    title: t("receipt.withdrawTitle", { reference }),
    reference,
    token,
    version: own.submission.version,
    pending: own.submission.status === "pending",
    submissionTitle: own.submission.title,
    language: own.submission.language,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const reference = params.reference ?? "";
  const form = await request.formData();
  requireCsrf(request, form);
  const token = String(form.get("token") ?? new URL(request.url).searchParams.get("token") ?? "");
  try {
    // A missing or stale version never matches: the person is shown the submission as it is now.
    await withdrawOwnSubmission(db, reference, token, Number(form.get("version") ?? Number.NaN));
  } catch (error) {
    if (error instanceof SubmissionRefused) {
      if (error.reason === "not_found") return data({ error: "submission.errors.notFound" }, { status: 404 });
      return data({ error: error.reason === "changed" ? "submission.errors.changed" : "submission.errors.notPending" }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/${locale}/submissions/${reference}?${new URLSearchParams({ token, notice: "withdrawn" })}`);
}

export default function WithdrawSubmission() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const receipt = `/${d.locale}/submissions/${d.reference}?${new URLSearchParams({ token: d.token })}`;
  return (
    <div className="container prose">
      <p>
        <Link to={receipt}>← {t("receipt.backToReceipt")}</Link>
      </p>
      <h1>{t("receipt.withdrawTitle", { reference: d.reference })}</h1>
      {d.submissionTitle && (
        <p className="lead" lang={d.language}>
          {d.submissionTitle}
        </p>
      )}
      {actionData?.error && <Notice tone="error">{t(actionData.error as never)}</Notice>}
      {d.pending ? (
        <>
          <p>{t("receipt.withdrawExplain")}</p>
          <Form method="post" className="state-actions">
            <CsrfInput />
            <input type="hidden" name="token" value={d.token} />
            <input type="hidden" name="version" value={d.version} />
            <button type="submit" className="button button--secondary button--danger">
              {t("receipt.withdraw")}
            </button>
            <Link className="button button--secondary" to={receipt}>
              {t("receipt.withdrawCancel")}
            </Link>
          </Form>
        </>
      ) : (
        !actionData?.error && <p className="notice">{t("submission.errors.notPending")}</p>
      )}
    </div>
  );
}
