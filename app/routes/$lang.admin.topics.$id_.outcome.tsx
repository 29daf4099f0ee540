import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextAreaField } from "~/components/forms";
import { StatusBadge } from "~/components/topic-bits";
import { getOutcomeForm, OutcomeRefused, publishOutcome, saveOutcome } from "~/models/outcomes.server";
import { OUTCOME_FIELDS, OUTCOME_LOCALES, OUTCOME_MAX, outcomeFormSchema, outcomeTexts } from "~/schemas/outcome";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";

// "What we heard": the officials' response to a closed consultation (ADR 031). A plain form (no
// JavaScript needed): save the draft, or save and publish it once the consultation is closed.

/** Each field's first problem, as the translation key of its message. */
function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues)
    out[issue.path.map(String).join(".") || "form"] ??= /^(validation|admin\.topics\.outcome)\./.test(issue.message) ? issue.message : "validation.invalid";
  return out;
}

function topicId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const form = await getOutcomeForm(db, user.actor, topicId(params), locale);
  return { locale, title: t("admin.topics.outcome.title"), saved: new URL(request.url).searchParams.get("saved"), ...form };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "topics.manage");
  const id = topicId(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const typed = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
  const parsed = outcomeFormSchema.safeParse(typed);
  if (!parsed.success) {
    await getOutcomeForm(db, user.actor, id, locale); // 404/403 before telling anything about the form
    return data({ errors: fieldErrors(parsed.error.issues), values: typed }, { status: 400 });
  }
  try {
    const version = await saveOutcome(db, user.actor, id, { version: parsed.data.version, editionId: parsed.data.editionId, texts: outcomeTexts(parsed.data) });
    if (parsed.data.intent === "publish") await publishOutcome(db, user.actor, id, version);
  } catch (error) {
    if (error instanceof OutcomeRefused) {
      const field = error.reason === "bad_edition" ? "editionId" : "form";
      return data({ errors: { [field]: error.messageKey }, values: typed }, { status: error.reason === "changed" ? 409 : 400 });
    }
    throw error;
  }
  return redirect(`/${locale}/admin/topics/${id}/outcome?saved=${parsed.data.intent}`);
}

export default function TopicOutcomeAdmin() {
  const { locale, topic, outcome, canPublish, values, editions, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation();
  const shown = actionData?.values ?? values;
  const errors = actionData?.errors;
  const labels: Record<string, string> = { editionId: t("admin.topics.outcome.edition") };
  for (const l of OUTCOME_LOCALES) {
    const language = t(`languages.${l}`);
    labels[`${l}_heard`] = t("admin.topics.outcome.heard", { language });
    labels[`${l}_actions`] = t("admin.topics.outcome.actions", { language });
    labels[`${l}_nextSteps`] = t("admin.topics.outcome.nextSteps", { language });
  }
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/topics/${topic.id}`}>{t("admin.topics.outcome.back")}</Link>
      </p>
      <h1>{t("admin.topics.outcome.title")}</h1>
      <p className="lead" lang={topic.titleLocale === locale ? undefined : topic.titleLocale}>
        {topic.title} <StatusBadge status={topic.status} />
      </p>
      <p>{t("admin.topics.outcome.intro")}</p>
      <dl className="facts">
        <div>
          <dt>{t("admin.topics.outcome.stateLabel")}</dt>
          <dd>
            {!outcome
              ? t("admin.topics.outcome.stateNone")
              : outcome.state === "published"
                ? t("admin.topics.outcome.statePublished", { date: outcome.publishedAtText ?? "" })
                : t("admin.topics.outcome.stateDraft")}
          </dd>
        </div>
      </dl>
      {saved && <Notice>{t(saved === "publish" ? "admin.topics.outcome.done.publish" : "admin.topics.outcome.done.save")}</Notice>}
      {outcome?.unpublishedChanges && <Notice tone="info">{t("admin.topics.outcome.unpublishedChanges")}</Notice>}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="form outcome-form">
        <CsrfInput />
        <input type="hidden" name="version" value={shown.version ?? values.version} />
        {OUTCOME_LOCALES.map((l) => (
          <fieldset key={l} className="panel">
            <legend>{t("admin.topics.outcome.language", { language: t(`languages.${l}`) })}</legend>
            <p className="field__hint">{t("admin.topics.outcome.languageHint")}</p>
            {OUTCOME_FIELDS.map((f) => (
              <TextAreaField
                key={f}
                name={`${l}_${f}`}
                lang={l}
                rows={f === "nextSteps" ? 4 : 8}
                maxLength={OUTCOME_MAX[f]}
                label={labels[`${l}_${f}`]!}
                hint={t("admin.topics.outcome.hint", { max: OUTCOME_MAX[f].toLocaleString(locale) })}
                error={errors?.[`${l}_${f}`]}
                defaultValue={shown[`${l}_${f}`] ?? ""}
              />
            ))}
          </fieldset>
        ))}
        <SelectField
          name="editionId"
          label={t("admin.topics.outcome.edition")}
          hint={t("admin.topics.outcome.editionHint")}
          error={errors?.editionId}
          defaultValue={shown.editionId ?? ""}
          options={[
            { value: "", label: t("admin.topics.outcome.noEdition") },
            ...editions.map((e) => ({
              value: String(e.id),
              label: t("admin.topics.outcome.editionOption", { number: e.number, date: e.frozenAtText, status: t(`summaries.statuses.${e.status}`) }),
            })),
          ]}
        />
        <div className="form__actions">
          <button type="submit" name="intent" value="save" className="button button--secondary">
            {t("admin.topics.outcome.save")}
          </button>
          {canPublish ? (
            <button type="submit" name="intent" value="publish" className="button button--primary">
              {t("admin.topics.outcome.publish")}
            </button>
          ) : (
            <p className="muted">{t("admin.topics.outcome.publishNotYet")}</p>
          )}
        </div>
      </Form>
    </>
  );
}
