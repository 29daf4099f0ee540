import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { SubmissionForm } from "~/components/submission-form";
import { getOwnSubmission, ownSubmissionFormValues, SubmissionRefused, submissionFormOptions, updateOwnSubmission } from "~/models/submissions.server";
import { getPublicTopic } from "~/models/topics.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import {
  discardFiles,
  invalid,
  parseSubmissionForm,
  readSubmissionRequest,
  refusalErrors,
  removedAttachments,
  typedValues,
  validationErrors,
} from "~/web/submission-form.server";

// Editing a pending submission through its secret link (token in the query string, never logged).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const reference = params.reference ?? "";
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const own = await getOwnSubmission(db, reference, token);
  if (!own) notFound();
  const topic = await getPublicTopic(db, own.topic.slug, locale);
  if (!topic) notFound();
  const s = own.submission;
  const values = await ownSubmissionFormValues(db, own);
  return {
    locale,
    // After a refused form (without JavaScript, the same request), the title says so first.
    title: `${context.formHasErrors ? `${t("forms.errorPrefix")} ` : ""}${t("receipt.editTitle", { reference })}`,
    reference,
    token,
    version: s.version,
    pending: s.status === "pending" && topic.status === "open",
    topic: { title: topic.title, questions: topic.questions, allowComments: topic.allowComments },
    values,
    // Shown with a box to remove each; new files may be attached (ADR 040).
    attachments: own.attachments.map((a) => ({ id: a.id, name: a.file_name, size: a.size })),
    ...(await submissionFormOptions(db, own.topic.slug, locale)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const reference = params.reference ?? "";
  const token = new URL(request.url).searchParams.get("token") ?? "";
  // Multipart, with the same checks and limits on files as the form that sent it.
  const { form, files, fileError } = await readSubmissionRequest(request);
  const refuse = async (errors: Record<string, string>, values: Record<string, string>, status = 400) => {
    context.formHasErrors = true;
    await discardFiles(files);
    // Files cannot be sent back to the browser: say so whenever some were attached.
    const attached = files.length > 0 || !!fileError;
    return invalid(attached && !errors.attachments ? { ...errors, attachments: "submission.errors.attachAgain" } : errors, values, status);
  };
  try {
    requireCsrf(request, form);
  } catch (error) {
    await discardFiles(files);
    throw error;
  }
  const values = typedValues(form);
  const parsed = parseSubmissionForm(form);
  if (!parsed.success || fileError) {
    const errors = parsed.success ? {} : validationErrors(parsed.error);
    return refuse(fileError ? { ...errors, attachments: fileError } : errors, values, fileError === "submission.errors.fileTooLarge" ? 413 : 400);
  }
  try {
    // The version the page was shown at: officials who acted since win (a missing one never matches).
    await updateOwnSubmission(db, reference, token, parsed.data, Number(form.get("version") ?? Number.NaN), {
      add: files,
      remove: removedAttachments(form),
    });
  } catch (error) {
    if (error instanceof SubmissionRefused) {
      const refusal = refusalErrors(error);
      return refuse(refusal.errors, values, refusal.status);
    }
    await discardFiles(files);
    throw error;
  }
  return redirect(`/${locale}/submissions/${reference}?${new URLSearchParams({ token, notice: "updated" })}`);
}

export default function EditSubmission() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // Officials acted while the person was editing: say so above the form (or instead of it).
  const changed = actionData?.errors?.form === "submission.errors.changed";
  return (
    <div className="container prose">
      <p>
        <Link to={`/${d.locale}/submissions/${d.reference}?${new URLSearchParams({ token: d.token })}`}>← {t("receipt.backToReceipt")}</Link>
      </p>
      <h1>{t("receipt.editTitle", { reference: d.reference })}</h1>
      <p className="lead">{d.topic.title}</p>
      {changed && <Notice tone="error">{t("submission.errors.changed")}</Notice>}
      {d.pending ? (
        <SubmissionForm
          key={JSON.stringify(actionData?.errors ?? {})}
          locale={d.locale}
          values={actionData?.values ?? d.values}
          serverErrors={changed ? undefined : actionData?.errors}
          regions={d.regions}
          questions={d.topic.questions}
          proposals={d.topic.allowComments ? d.proposals : []}
          submitLabel={t("receipt.saveChanges")}
          editing
          version={d.version}
          allowAttachments
          attached={d.attachments}
        />
      ) : (
        <p className="notice">{t("submission.errors.notPending")}</p>
      )}
    </div>
  );
}
