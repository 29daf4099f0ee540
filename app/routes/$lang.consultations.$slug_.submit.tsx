import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmissionForm } from "~/components/submission-form";
import { createSubmission, SubmissionRefused, submissionFormOptions } from "~/models/submissions.server";
import { getPublicTopic } from "~/models/topics.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { filledByAPerson, formStamp, withinRateLimit } from "~/utils/submission-guard.server";
import { invalid, parseSubmissionForm, refusalErrors, typedValues, validationErrors } from "~/utils/submission-form.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const topic = await getPublicTopic(db, params.slug ?? "", locale);
  if (!topic) notFound();
  const id = (await db.selectFrom("topics").select("id").where("slug", "=", topic.slug).executeTakeFirstOrThrow()).id;
  const options = topic.status === "open" ? await submissionFormOptions(db, id, locale) : { regions: [], proposals: [] };
  return {
    locale,
    title: t("submission.pageTitle", { topic: topic.title }),
    topic: { slug: topic.slug, title: topic.title, status: topic.status, contentLocale: topic.contentLocale, questions: topic.questions, closesAtText: topic.closesAtText, timeZoneLabel: topic.timeZoneLabel, allowComments: topic.allowComments },
    ...options,
    stamp: formStamp(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locale } = await localeAndT(params);
  const form = await request.formData();
  requireCsrf(request, form);
  // The form keeps its first "shown at" stamp across corrections, so fixing a mistake quickly is fine.
  const values = { ...typedValues(form), stamp: String(form.get("stamp") ?? "") };
  if (String(form.get("website") ?? "") !== "") return invalid({ form: "submission.errors.refused" }, values);
  if (!withinRateLimit(context.clientAddress ?? "unknown")) return invalid({ form: "submission.errors.rateLimited" }, values, 429);
  const parsed = parseSubmissionForm(form);
  if (!parsed.success) return invalid(validationErrors(parsed.error), values);
  // Bots: a valid form sent back faster than a person can read and type it.
  if (!filledByAPerson(form.get("stamp"))) return invalid({ form: "submission.errors.tooFast" }, values);
  if (parsed.data.kind === "comment" && !parsed.data.inReplyTo) parsed.data.inReplyTo = "";
  try {
    const created = await createSubmission(db, { topicSlug: params.slug ?? "", values: parsed.data, pageLocale: locale });
    const query = created.token ? `?${new URLSearchParams({ token: created.token, notice: "received" })}` : "?notice=duplicate";
    return redirect(`/${locale}/submissions/${created.reference}${query}`);
  } catch (error) {
    if (error instanceof SubmissionRefused) {
      const refusal = refusalErrors(error);
      return invalid(refusal.errors, values, refusal.status);
    }
    throw error;
  }
}

export default function Submit() {
  const { locale, topic, regions, proposals, stamp } = useLoaderData<typeof loader>();
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
      {topic.status !== "open" ? (
        <p className="notice" role="status">
          {t("submission.errors.notOpen")}
        </p>
      ) : (
        <>
          <p>{t("submission.intro", { date: topic.closesAtText, zone: topic.timeZoneLabel })}</p>
          <SubmissionForm
            key={JSON.stringify(actionData?.errors ?? {})}
            locale={locale}
            values={actionData?.values ?? { language: locale, kind: "proposal", onBehalf: "organisation" }}
            serverErrors={actionData?.errors}
            regions={regions}
            questions={topic.questions}
            proposals={topic.allowComments ? proposals : []}
            stamp={actionData?.values?.stamp || stamp}
            submitLabel={t("submission.send")}
          />
        </>
      )}
    </div>
  );
}
