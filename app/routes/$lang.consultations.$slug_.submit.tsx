import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { SubmissionForm } from "~/components/submission-form";
import { DraftRefused, openDraft, saveDraft } from "~/models/submission-drafts.server";
import { createSubmission, SubmissionRefused, submissionFormOptions } from "~/models/submissions.server";
import { getPublicTopic } from "~/models/topics.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { takeSubmissionAllowance, type SubmissionAllowance } from "~/models/submission-rate-limit.server";
import { checkFormStamp, formStamp } from "~/utils/submission-guard.server";
import {
  discardFiles,
  invalid,
  parseDraftForm,
  parseSubmissionForm,
  readSubmissionRequest,
  refusalErrors,
  removedAttachments,
  typedValues,
  validationErrors,
} from "~/web/submission-form.server";
import { retryAfterHeaders } from "~/web/retry-after.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const topic = await getPublicTopic(db, params.slug ?? "", locale);
  if (!topic) notFound();
  const options = topic.status === "open" ? await submissionFormOptions(db, topic.slug, locale) : { regions: [], proposals: [] };
  // "Comment on this proposal" (a published proposal's page) opens the form as a comment answering it.
  const replyTo = new URL(request.url).searchParams.get("inReplyTo");
  const preset = topic.allowComments && replyTo && options.proposals.some((p) => p.reference === replyTo) ? { kind: "comment", inReplyTo: replyTo } : {};
  // A saved draft, opened through its private link (ADR 036): an unknown link is a 404, an expired one a 410.
  const url = new URL(request.url);
  const draftToken = url.searchParams.get("draft");
  const draft = draftToken !== null ? await openDraft(db, topic.slug, draftToken) : undefined;
  if (draft === null) notFound();
  const notice = url.searchParams.get("notice");
  const payload = {
    locale,
    // After a refused form (without JavaScript, the same request), the title says so first.
    title: `${context.formHasErrors ? `${t("forms.errorPrefix")} ` : ""}${t("submission.pageTitle", { topic: topic.title })}`,
    topic: {
      slug: topic.slug,
      title: topic.title,
      status: topic.status,
      contentLocale: topic.contentLocale,
      questions: topic.questions,
      closesAtText: topic.closesAtText,
      timeZoneLabel: topic.timeZoneLabel,
      allowComments: topic.allowComments,
    },
    ...options,
    preset,
    stamp: formStamp(),
    draft: draft?.state === "ok" ? { token: draftToken ?? "", values: draft.values, attachments: draft.attachments } : null,
    draftExpired: draft?.state === "expired",
    notice: draft?.state === "ok" && notice === "draftSaved" ? notice : null,
  };
  return data(payload, { status: draft?.state === "expired" ? 410 : 200 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

// Over the rate limit, the answer says when the next submission may be sent.
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const { form, files, fileError } = await readSubmissionRequest(request);
  try {
    requireCsrf(request, form);
  } catch (error) {
    await discardFiles(files);
    throw error;
  }
  let ticket: SubmissionAllowance | null = null;
  const refuse = async (errors: Record<string, string>, values: Record<string, string>, status = 400, headers?: HeadersInit) => {
    if (ticket?.allowed) await ticket.refund(); // only accepted submissions count toward the rate limit
    context.formHasErrors = true;
    await discardFiles(files);
    // Files cannot be sent back to the browser: say so whenever some were attached.
    const attached = files.length > 0 || !!fileError;
    return invalid(attached && !errors.attachments ? { ...errors, attachments: "submission.errors.attachAgain" } : errors, values, status, headers);
  };
  // The form keeps its first "shown at" stamp across corrections, so fixing a mistake quickly is fine.
  const draftToken = String(form.get("draft") ?? "") || undefined;
  // The link of the draft being continued stays with the form across corrections (ADR 036).
  const values = { ...typedValues(form), stamp: String(form.get("stamp") ?? ""), ...(draftToken ? { draft: draftToken } : {}) };
  if (String(form.get("website") ?? "") !== "") return refuse({ form: "submission.errors.refused" }, values);
  ticket = await takeSubmissionAllowance(db, context.clientAddress ?? "unknown");
  if (!ticket.allowed) return refuse({ form: "submission.errors.rateLimited" }, values, 429, { "Retry-After": String(ticket.retryAfterSeconds) });
  if (form.get("intent") === "draft") {
    // "Save and continue later": only the address for the link must be valid; files are kept with
    // the draft (ADR 040), checked as a sent form's are — a refused file refuses the save.
    const draft = parseDraftForm(form);
    if (!draft.ok || fileError) {
      const errors = draft.ok ? {} : draft.errors;
      return refuse(fileError ? { ...errors, attachments: fileError } : errors, values, fileError === "submission.errors.fileTooLarge" ? 413 : 400);
    }
    const stamp = checkFormStamp(form.get("stamp"));
    if (!stamp.ok) return refuse({ form: "submission.errors.tooFast" }, stamp.reason === "invalid" ? { ...values, stamp: formStamp() } : values);
    try {
      const saved = await saveDraft(db, {
        topicSlug: params.slug ?? "",
        token: draftToken,
        values: draft.values,
        contactEmail: draft.contactEmail,
        locale,
        attachments: files,
        removeAttachments: removedAttachments(form),
      });
      // A draft that emails a link counts toward the limit (it sends mail to any address); an update does not.
      if (!saved.emailed) await ticket.refund();
      const query = new URLSearchParams({ draft: saved.token, notice: "draftSaved" });
      return redirect(`/${locale}/consultations/${params.slug ?? ""}/submit?${query}`);
    } catch (error) {
      if (error instanceof DraftRefused) {
        if (error.reason === "too_many_files") return refuse({ attachments: "submission.errors.tooManyFilesKept" }, values);
        return refuse({ form: `submission.errors.${error.reason === "not_open" ? "notOpen" : "notFound"}` }, values, error.reason === "not_open" ? 409 : 404);
      }
      await discardFiles(files);
      throw error;
    }
  }
  const parsed = parseSubmissionForm(form);
  if (!parsed.success || fileError) {
    const errors = parsed.success ? {} : validationErrors(parsed.error);
    return refuse(fileError ? { ...errors, attachments: fileError } : errors, values, fileError === "submission.errors.fileTooLarge" ? 413 : 400);
  }
  // Bots: a valid form sent back faster than a person can read and type it.
  const stamp = checkFormStamp(form.get("stamp"));
  // A forged or expired stamp is replaced, so that a person is not stuck with it.
  if (!stamp.ok) return refuse({ form: "submission.errors.tooFast" }, stamp.reason === "invalid" ? { ...values, stamp: formStamp() } : values);
  if (parsed.data.kind === "comment" && !parsed.data.inReplyTo) parsed.data.inReplyTo = "";
  try {
    const created = await createSubmission(db, {
      topicSlug: params.slug ?? "",
      values: parsed.data,
      pageLocale: locale,
      attachments: files,
      formStamp: stamp.nonce ? { nonce: stamp.nonce, expiresAt: stamp.expiresAt } : undefined,
      draftToken,
      removeDraftAttachments: removedAttachments(form),
    });
    if (created.duplicate) {
      await ticket.refund(); // the first receipt again: nothing new was accepted
      await discardFiles(files);
    }
    const query = created.token ? `?${new URLSearchParams({ token: created.token, notice: "received" })}` : "?notice=duplicate";
    return redirect(`/${locale}/submissions/${created.reference}${query}`);
  } catch (error) {
    if (error instanceof SubmissionRefused) {
      const refusal = refusalErrors(error);
      // A used stamp cannot serve again: the form comes back with a new one.
      return refuse(refusal.errors, error.reason === "stamp_used" ? { ...values, stamp: formStamp() } : values, refusal.status);
    }
    await discardFiles(files);
    throw error;
  }
}

export default function Submit() {
  const { locale, topic, regions, proposals, preset, stamp, draft, draftExpired, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const contentLang = topic.contentLocale === locale ? undefined : topic.contentLocale;
  return (
    <div className="container prose">
      <p>
        <Link to={`/${locale}/consultations/${topic.slug}`}>← {t("submission.backToTopic")}</Link>
      </p>
      <h1>{t("submission.heading")}</h1>
      <p className="lead" lang={contentLang}>
        {topic.title}
      </p>
      {notice && <Notice>{t("submission.draft.saved")}</Notice>}
      {draft && !notice && <Notice tone="info">{t("submission.draft.opened")}</Notice>}
      {draftExpired && <Notice tone="error">{t("submission.draft.expired")}</Notice>}
      {topic.status !== "open" ? (
        <p className="notice" role="status">
          {t("submission.errors.notOpen")}
        </p>
      ) : (
        <>
          <p>{t("submission.intro", { date: topic.closesAtText, zone: topic.timeZoneLabel })}</p>
          <SubmissionForm
            key={`${draft?.token ?? ""}:${JSON.stringify(actionData?.errors ?? {})}`}
            locale={locale}
            values={actionData?.values ?? draft?.values ?? { language: locale, kind: "proposal", onBehalf: "organisation", ...preset }}
            serverErrors={actionData?.errors}
            regions={regions}
            questions={topic.questions}
            proposals={topic.allowComments ? proposals : []}
            stamp={actionData?.values?.stamp || stamp}
            submitLabel={t("submission.send")}
            draftLabel={t("submission.saveDraft")}
            autosave={{ key: topic.slug, restore: !actionData }}
            draftToken={actionData?.values?.draft || draft?.token}
            allowAttachments
            attached={draft?.attachments}
          />
        </>
      )}
    </div>
  );
}
