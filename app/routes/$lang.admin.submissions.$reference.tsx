import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Redactable } from "~/components/published-submission";
import { RedactionEditor } from "~/components/redaction-editor";
import { RejectForm } from "~/components/reject-form";
import { SubmissionHistory } from "~/components/submission-history";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { InternalNotes } from "~/components/internal-notes";
import { ConfirmBox, ReconsiderForm, UnpublishForm } from "~/components/moderation-actions";
import { QueueNav, ShortcutHelp } from "~/components/queue-nav";
import { SubmissionClaim } from "~/components/submission-claim";
import { getForModeration, ModerationConflict, ModerationRefused, moderate } from "~/models/moderation.server";
import { listParties, listRegions } from "~/models/parties.server";
import { templatesFor } from "~/models/reply-templates.server";
import { historyInWords } from "~/models/submission-history.server";
import { fieldErrors } from "~/schemas/field-errors";
import { confirmationSchema, destructiveIntents, moderationActionSchema, moderationFormObject } from "~/schemas/moderation";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatSize } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";
import { afterAction, workflowAction, workflowView } from "~/web/submission-workflow.server";
import { Fragment } from "react";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "submissions.moderate");
  const clock = await backOfficeClock(db, user.actor, locale);
  const view = await getForModeration(db, user.actor, params.reference ?? "", locale);
  const s = view.submission;
  const countryName =
    s.country === "other" ? t("submission.otherCountry") : ((await listParties(db, locale)).find((p) => p.code === s.country)?.name ?? s.country);
  // The language of every email to the person; the reject form proposes templates in it.
  const emailLocale = s.contact_locale ?? s.language;
  const templates = await templatesFor(db, user.actor, s.party_code, emailLocale);
  const regionName = s.region_code ? ((await listRegions(db, s.country, locale)).find((r) => r.code === s.region_code)?.name ?? s.region_code) : null;
  return {
    locale,
    title: t("moderation.detailTitle", { reference: s.reference }),
    saved: new URL(request.url).searchParams.get("saved"),
    ...view,
    place: [regionName, countryName].filter(Boolean).join(", "),
    receivedAt: clock(s.created_at),
    emailLocale,
    templates,
    chosenTemplate: templates.find((tpl) => String(tpl.id) === new URL(request.url).searchParams.get("template")) ?? null,
    history: view.history.map((e) => ({ ...e, at: clock(e.at) })),
    ...(await workflowView(request, user.actor, locale, s, clock)),
    historyWords: historyInWords(view.history, { locale, themes: view.themes, original: { title: s.title, body: s.body } }).map((e) => ({
      ...e,
      at: clock(e.at),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "submissions.moderate");
  const form = await request.formData();
  requireCsrf(request, form);
  const workflow = await workflowAction(request, form, user.actor, locale, params.reference ?? "");
  if (workflow) return workflow;
  const input = moderationFormObject(form);
  const parsed = moderationActionSchema.safeParse(input);
  if (!parsed.success) return Response.json({ intent: String(input.intent ?? ""), errors: fieldErrors(parsed.error), values: input }, { status: 400 });
  const confirmed = (destructiveIntents as readonly string[]).includes(parsed.data.intent) ? confirmationSchema.safeParse(input) : null;
  if (confirmed && !confirmed.success)
    return Response.json({ intent: parsed.data.intent, errors: fieldErrors(confirmed.error), values: input }, { status: 400 });
  try {
    await moderate(db, user.actor, params.reference ?? "", parsed.data);
  } catch (error) {
    if (error instanceof ModerationConflict) {
      return Response.json({ intent: parsed.data.intent, errors: { form: "moderation.errors.conflict" }, values: input }, { status: 409 });
    }
    if (error instanceof ModerationRefused) {
      return Response.json({ intent: parsed.data.intent, errors: { form: `moderation.errors.${error.reason}` }, values: input }, { status: 409 });
    }
    throw error;
  }
  return afterAction(request, user.actor, locale, params.reference ?? "", parsed.data.intent);
}

type ActionData = { intent: string; errors: Record<string, string>; values: Record<string, unknown>; errorValues?: Record<string, string> };

export default function ModerateSubmission() {
  const data = useLoaderData<typeof loader>();
  const { locale, submission: s, saved } = data;
  const actionData = useActionData<ActionData>();
  const { t } = useTranslation();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const typed = (intent: string, name: string, fallback: string) => {
    const value = actionData?.intent === intent ? actionData.values[name] : undefined;
    return typeof value === "string" ? value : fallback;
  };
  const decidable = s.status !== "withdrawn";
  const anonymousExample = `${t(`submission.choices.stakeholderType.${s.stakeholder_type}` as never)} · ${data.place}`;
  const labels = {
    reason: t("moderation.reason"),
    note: t("moderation.note"),
    title: t("moderation.redactTitleField"),
    body: t("moderation.redactBody"),
    translationLocale: t("moderation.translationLocale"),
    translationTitle: t("moderation.translationTitle"),
    translationBody: t("moderation.translationBody"),
    themes: t("moderation.themesTitle"),
    confirm: t("moderation.confirmReject"),
    noteBody: t("moderation.notes.field"),
  };
  const formError = actionData?.errors.form;
  // The person's last edit dropped what officials had prepared for the text before it (told until decided).
  const lastEvent = data.history.at(-1);
  const invalidatedByEdit = s.status === "pending" && lastEvent?.action === "submitter_edit" ? lastEvent : null;
  // One submission's page leads to another's ("next", the next one after a decision) without
  // leaving this route: keyed by the reference, nothing held for one (the redaction editor's
  // texts, a note or a reason being typed) is carried to the next one and saved there.
  return (
    <Fragment key={s.reference}>
      <QueueNav position={data.position} />
      <h1>{t("moderation.detailTitle", { reference: s.reference })}</h1>
      {data.decided && saved && saved in { approve: 1, reject: 1, unpublish: 1 } ? (
        <Notice>
          {t(data.decided === s.reference ? "moderation.queueNav.decidedLast" : "moderation.queueNav.decidedNext", {
            reference: data.decided,
            decision: t(`moderation.events.${saved as "approve"}`),
          })}
        </Notice>
      ) : (
        saved &&
        saved in { approve: 1, reject: 1, redact: 1, tag: 1, translate: 1, campaign: 1, unpublish: 1, reconsider: 1, claim: 1, release: 1, note: 1 } && (
          <Notice>{t(`moderation.saved.${saved as "approve"}`)}</Notice>
        )
      )}
      {formError && <Notice tone="error">{t(formError as never, actionData?.errorValues)}</Notice>}
      {invalidatedByEdit?.after && <EditInvalidated after={invalidatedByEdit.after} />}
      <SubmissionClaim claim={data.claim} />
      <ShortcutHelp />

      <section aria-labelledby="received-title">
        <h2 id="received-title">{t("moderation.received")}</h2>
        <dl className="fact-pairs">
          <dt>{t("moderation.status")}</dt>
          <dd>
            {t(`receipt.statuses.${s.status}`)}
            {s.rejection_reason && ` — ${t(`moderation.reasons.${s.rejection_reason}`)}`}{" "}
            <span className="muted">({t("moderation.version", { version: s.version })})</span>
          </dd>
          <dt>{t("moderation.topicLabel")}</dt>
          <dd lang={data.topic?.titleLocale === locale ? undefined : data.topic?.titleLocale}>{data.topic?.title}</dd>
          <dt>{t("moderation.kind")}</dt>
          <dd>
            {t(`submission.choices.kind.${s.kind}`)}
            {data.replyTo && ` — ${t("moderation.inReplyTo")} ${data.replyTo}`}
          </dd>
          <dt>{t("moderation.columns.received")}</dt>
          <dd>{data.receivedAt}</dd>
          <dt>{t("moderation.onBehalf")}</dt>
          <dd>{t(`submission.choices.onBehalf.${s.on_behalf}`)}</dd>
          <dt>{t("moderation.stakeholder")}</dt>
          <dd>
            {t(`submission.choices.stakeholderType.${s.stakeholder_type}` as never)}
            {s.stakeholder_other && ` (${s.stakeholder_other})`}
          </dd>
          {s.organisation_name && (
            <>
              <dt>{t("moderation.organisation")}</dt>
              <dd>{s.organisation_name}</dd>
            </>
          )}
          {s.organisation_size && (
            <>
              <dt>{t("moderation.organisationSize")}</dt>
              <dd>{t(`submission.choices.organisationSize.${s.organisation_size}` as never)}</dd>
            </>
          )}
          {s.women_led && (
            <>
              <dt>{t("moderation.womenLed")}</dt>
              <dd>{t(`submission.choices.womenLed.${s.women_led}`)}</dd>
            </>
          )}
          <dt>{t("moderation.place")}</dt>
          <dd>{data.place}</dd>
          <dt>{t("moderation.contact")}</dt>
          <dd>
            {s.contact_name} — <a href={`mailto:${s.contact_email}`}>{s.contact_email}</a>
          </dd>
          <dt>{t("moderation.language")}</dt>
          <dd>{t(`languages.${s.language}`)}</dd>
          <dt>{t("moderation.publication")}</dt>
          <dd>{t(`submission.choices.publication.${s.publication}`)}</dd>
          <dt>{t("moderation.gender")}</dt>
          <dd>{data.gender ? t(`submission.choices.gender.${data.gender}`) : t("moderation.genderNotGiven")}</dd>
        </dl>
        <div lang={s.language}>
          {s.title && (
            <>
              <h3>{t("moderation.title")}</h3>
              <p>{s.title}</p>
            </>
          )}
          <h3>{t("moderation.text")}</h3>
          <Paragraphs text={s.body} />
          {data.answers.length > 0 && (
            <>
              <h3>{t("moderation.answers")}</h3>
              <dl>
                {data.answers.map((a) => (
                  <div key={a.questionId}>
                    <dt>{a.question}</dt>
                    <dd>{a.text}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </div>
        <h3>{t("moderation.attachments")}</h3>
        {data.attachments.length === 0 ? (
          <p>{t("moderation.noAttachments")}</p>
        ) : (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/${locale}/admin/submissions/${s.reference}/attachments/${a.id}`}>{t("moderation.download", { name: a.file_name })}</a> (
                {a.kind.toUpperCase()}, {formatSize(a.size, locale)})
              </li>
            ))}
          </ul>
        )}
        {(s.published_body !== null || s.published_title !== null) && (
          <>
            <h3>{t("moderation.publishedVersion")}</h3>
            <div lang={s.language} className="published-copy">
              {s.published_title === "" ? (
                <p>{t("moderation.titleRedactedAway")}</p>
              ) : (
                (s.published_title ?? s.title) && (
                  <p>
                    <Redactable text={(s.published_title ?? s.title)!} />
                  </p>
                )
              )}
              <Paragraphs text={s.published_body ?? s.body} redactions />
            </div>
          </>
        )}
        {!s.attachments_public && <p>{t("moderation.withheldAttachments")}</p>}
      </section>

      {decidable && (
        <section aria-labelledby="decide-title" className="moderation-actions">
          <h2 id="decide-title">{t("moderation.actions")}</h2>
          <ErrorSummary errors={actionData?.errors && !formError ? actionData.errors : undefined} labels={labels} />
          <div className="decide">
            {s.status === "approved" && (
              <UnpublishForm
                version={s.version}
                errors={errorsFor("unpublish")}
                // A rejection refused because the submission was approved meanwhile keeps its reason and note here.
                values={(name, fallback) => typed("unpublish", name, typed("reject", name, fallback))}
              />
            )}
            {s.status === "rejected" && <ReconsiderForm version={s.version} />}
            {s.status === "pending" && (
              <Form method="post" className="card">
                <CsrfInput />
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="version" value={s.version} />
                <p>{t(`moderation.approveHint.${s.publication}`, { example: anonymousExample })}</p>
                <CampaignCheckbox pending={data.campaignPending} id="approve" />
                {data.campaignPending > 0 && <p className="muted">{t("moderation.campaignPublishesOnce")}</p>}
                <button type="submit" className="button button--primary" id="approve-button">
                  {t("moderation.approve")}
                </button>
              </Form>
            )}
            {s.status === "pending" && (
              <RejectForm
                locale={locale}
                version={s.version}
                emailLocale={data.emailLocale}
                templates={data.templates}
                chosen={data.chosenTemplate}
                errors={errorsFor("reject")}
                typed={actionData?.intent === "reject" ? { reason: typed("reject", "reason", ""), note: typed("reject", "note", "") } : {}}
              >
                <CampaignCheckbox pending={data.campaignPending} id="reject" />
                <ConfirmBox label={t("moderation.confirmReject")} error={errorsFor("reject")?.confirm} />
              </RejectForm>
            )}
          </div>

          <RedactionEditor
            version={s.version}
            language={s.language}
            title={s.title}
            publishedTitle={s.published_title}
            body={s.body}
            publishedBody={s.published_body}
            attachmentsPublic={s.attachments_public === 1}
            attachmentCount={data.attachments.length}
            answers={data.answers}
            contactNames={[s.contact_name]}
            errors={errorsFor("redact")}
            values={actionData?.intent === "redact" ? actionData.values : undefined}
          />

          <Form method="post" className="card">
            <fieldset>
              <legend>{t("moderation.themesTitle")}</legend>
              <p className="field__hint">{t("moderation.themesHint")}</p>
              <CsrfInput />
              <input type="hidden" name="intent" value="tag" />
              <input type="hidden" name="version" value={s.version} />
              {data.themes.length === 0 && <p>{t("moderation.noThemes")}</p>}
              {data.themes.map((theme) => (
                <div className="choice" key={theme.id}>
                  <input type="checkbox" id={`theme-${theme.id}`} name="themes" value={theme.id} defaultChecked={theme.chosen} />
                  <label htmlFor={`theme-${theme.id}`}>{theme.label}</label>
                </div>
              ))}
            </fieldset>
            {data.themes.length > 0 && (
              <button type="submit" className="button">
                {t("moderation.saveThemes")}
              </button>
            )}
          </Form>

          <Form method="post" className="card">
            <h3>{t("moderation.translateTitle")}</h3>
            <p className="field__hint">{t("moderation.translateHint")}</p>
            <CsrfInput />
            <input type="hidden" name="intent" value="translate" />
            <input type="hidden" name="version" value={s.version} />
            <SelectField
              name="translationLocale"
              label={t("moderation.translationLocale")}
              error={errorsFor("translate")?.translationLocale}
              defaultValue={typed("translate", "translationLocale", (["en", "fr", "es"] as const).find((l) => l !== s.language) ?? "en")}
              options={(["en", "fr", "es"] as const).filter((l) => l !== s.language).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
            {s.title && (
              <TextField
                name="translationTitle"
                label={t("moderation.translationTitle")}
                error={errorsFor("translate")?.translationTitle}
                defaultValue={typed("translate", "translationTitle", "")}
              />
            )}
            <TextAreaField
              name="translationBody"
              label={t("moderation.translationBody")}
              rows={8}
              error={errorsFor("translate")?.translationBody}
              defaultValue={typed("translate", "translationBody", "")}
            />
            <button type="submit" className="button">
              {t("moderation.saveTranslation")}
            </button>
            {data.translations.length > 0 && (
              <>
                <h4>{t("moderation.existingTranslations")}</h4>
                {data.translations.map((tr) => (
                  <div key={tr.locale} lang={tr.locale} className="published-copy">
                    <p>
                      <strong>{t(`languages.${tr.locale}`)}</strong>
                      {tr.title && (
                        <>
                          {" — "}
                          <Redactable text={tr.title} />
                        </>
                      )}
                    </p>
                    <Paragraphs text={tr.body} redactions />
                  </div>
                ))}
              </>
            )}
          </Form>

          {(data.campaignSize > 0 || data.similarCount > 0) && (
            <Form method="post" className="card">
              <h3>{t("moderation.campaignTitle")}</h3>
              <CsrfInput />
              <input type="hidden" name="intent" value="campaign" />
              <input type="hidden" name="version" value={s.version} />
              {s.campaign_id ? (
                <p>{t("moderation.campaignMember", { count: data.campaignSize })}</p>
              ) : (
                <>
                  <p>{t("moderation.campaignOffer", { count: data.similarCount })}</p>
                  <button type="submit" className="button">
                    {t("moderation.groupCampaign")}
                  </button>
                </>
              )}
            </Form>
          )}
        </section>
      )}

      <InternalNotes notes={data.notes} error={errorsFor("note")?.noteBody} typed={typed("note", "noteBody", "")} />

      <SubmissionHistory entries={data.historyWords} textLang={s.language} />
    </Fragment>
  );
}

/** `pending`: the other pending copies still in the campaign, which the decision would decide too. */
function CampaignCheckbox({ pending, id }: { pending: number; id: string }) {
  const { t } = useTranslation();
  if (pending < 1) return null;
  return (
    <div className="choice">
      <input type="checkbox" id={`${id}-campaign`} name="applyToCampaign" defaultChecked />
      <label htmlFor={`${id}-campaign`}>{t("moderation.applyToCampaign", { count: pending })}</label>
    </div>
  );
}

/** What the person's edit made void (see invalidateAfterEdit). */
function EditInvalidated({ after }: { after: Record<string, unknown> }) {
  const { t } = useTranslation();
  const invalidated = after.invalidated as { redaction?: boolean; translations?: string[]; campaign?: number | null } | undefined;
  if (!invalidated) return null;
  return (
    <div role="note">
      <p>{t("moderation.editInvalidated")}</p>
      {invalidated.redaction && <p>{t("moderation.editInvalidatedRedaction")}</p>}
      {!!invalidated.translations?.length && (
        <p>{t("moderation.editInvalidatedTranslations", { locales: invalidated.translations.map((l) => t(`languages.${l as "en"}`)).join(", ") })}</p>
      )}
      {invalidated.campaign != null && <p>{t("moderation.editInvalidatedCampaign")}</p>}
    </div>
  );
}

/** Paragraphs of plain text; with `redactions`, "[[redacted]]" marks read as the page's "[redacted]", as the public sees them. */
function Paragraphs({ text, redactions = false }: { text: string; redactions?: boolean }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i} className="pre-line">
          {redactions ? <Redactable text={paragraph} /> : paragraph}
        </p>
      ))}
    </>
  );
}
