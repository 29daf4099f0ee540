import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, SelectField } from "~/components/forms";
import { StatusBadge } from "~/components/topic-bits";
import { TopicForm } from "~/components/topic-form";
import {
  addTopicDocument,
  changeTopicState,
  DocumentFileRefused,
  getTopicForm,
  listTopicDocuments,
  removeTopicDocument,
  saveTopic,
  TOPIC_DOCUMENT_MAX_BYTES,
} from "~/models/topic-admin.server";
import { isLocale, localeNames, supportedLocales } from "~/i18n";
import { discardBody, removeStored } from "~/utils/files.server";
import { closeConnection, readSingleUpload } from "~/web/single-upload.server";
import { formatSize } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { topicIntents } from "~/schemas/topic";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { parseTopicForm, topicFormOptions, withSlugCheck } from "~/web/topic-form.server";
import { withDomainErrors } from "~/web/domain-errors.server";

function topicId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const { topic, values } = await getTopicForm(db, user.actor, topicId(params));
  const [options, documents] = await Promise.all([topicFormOptions(db, user, locale), listTopicDocuments(db, topic.id)]);
  return {
    locale,
    title: t("admin.topics.edit"),
    topic: { id: topic.id, slug: topic.slug, status: topic.status, state: topic.state },
    values,
    saved: new URL(request.url).searchParams.get("saved"),
    documents: documents.map((d) => ({ id: d.id, name: d.file_name, size: formatSize(d.size, locale), locale: d.locale })),
    ...options,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

async function uploadDocument(request: Request, locale: string, id: number, by: { id: number; email: string; actor: Actor }) {
  try {
    await getTopicForm(db, by.actor, id); // 404/403 before storing anything
  } catch (error) {
    await discardBody(request, TOPIC_DOCUMENT_MAX_BYTES + 1_000_000);
    throw error;
  }
  const upload = await readSingleUpload(request, "document", { maxBytes: TOPIC_DOCUMENT_MAX_BYTES, accept: ["pdf"] });
  if (!upload.ok) return data({ documentError: upload.errorKey, errors: undefined, values: undefined }, { status: upload.status, headers: closeConnection });
  const { form, file } = upload;
  try {
    requireCsrf(request, form);
    if (!file) return data({ documentError: "validation.fileEmpty", errors: undefined, values: undefined }, { status: 400 });
    const docLocale = String(form.get("documentLocale") ?? "");
    await addTopicDocument(db, by, id, file, isLocale(docLocale) ? docLocale : null);
  } catch (error) {
    // A refused key is another record's: never delete it.
    if (error instanceof DocumentFileRefused) return data({ documentError: "validation.fileEmpty", errors: undefined, values: undefined }, { status: 400 });
    if (file) await removeStored(file.key);
    throw error;
  }
  return redirect(`/${locale}/admin/topics/${id}?saved=document`);
}

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "topics.manage");
  const id = topicId(params);
  const by = { id: user.id, email: user.email, actor: user.actor };
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return uploadDocument(request, locale, id, by);
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "save");
  if (intent === "remove-document") {
    await removeTopicDocument(db, by, id, Number(form.get("documentId")));
    return redirect(`/${locale}/admin/topics/${id}?saved=documentRemoved`);
  }
  if (!(topicIntents as readonly string[]).includes(intent)) throw new Response("Bad request", { status: 400 });

  if (intent === "close" || intent === "archive") {
    await changeTopicState(db, by, id, intent);
    return redirect(`/${locale}/admin/topics/${id}?saved=${intent}`);
  }
  // Save (and maybe publish): the whole form, checked with the shared schema.
  await getTopicForm(db, user.actor, id); // 404/403 before looking at the form
  const parsed = parseTopicForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const saved = await withSlugCheck(() => saveTopic(db, by, id, parsed.values), Object.fromEntries(form));
  if (!saved.ok) return data({ errors: saved.errors, values: saved.values }, { status: 409 });
  if (intent === "publish") await changeTopicState(db, by, id, "publish");
  return redirect(`/${locale}/admin/topics/${id}?saved=${intent}`);
}

export default function EditTopic() {
  const { locale, topic, values, saved, parties, areas, fixedParty, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { errors?: Record<string, string>; values?: Record<string, unknown>; documentError?: string } | undefined;
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/topics`}>{t("admin.topics.back")}</Link>
      </p>
      <h1>{t("admin.topics.edit")}</h1>
      <p>
        <StatusBadge status={topic.status} /> <span className="muted">{topic.slug}</span>
      </p>
      {saved && (
        <Notice>
          {t(`admin.topics.done.${(["publish", "close", "archive", "document", "documentRemoved"] as const).find((k) => k === saved) ?? "save"}`)}
        </Notice>
      )}
      <div className="state-actions">
        <Link className="button button--secondary" to={`/${locale}/admin/topics/${topic.id}/preview`}>
          {t("admin.topics.preview")}
        </Link>
        {topic.state !== "draft" && (
          <Link className="button button--secondary" to={`/${locale}/admin/topics/${topic.id}/outcome`}>
            {t("admin.topics.outcomeLink")}
          </Link>
        )}
        {topic.state === "published" && topic.status === "open" && (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="close" className="button button--secondary">
              {t("admin.topics.closeNow")}
            </button>
          </Form>
        )}
        {topic.state !== "archived" && (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="archive" className="button button--secondary button--danger">
              {t("admin.topics.archive")}
            </button>
          </Form>
        )}
      </div>
      <section aria-labelledby="documents-title" className="panel">
        <h2 id="documents-title">{t("admin.topics.documentsTitle")}</h2>
        <p>{t("admin.topics.documentsIntro")}</p>
        {documents.length === 0 ? (
          <p className="muted">{t("admin.topics.noDocuments")}</p>
        ) : (
          <ul className="document-list">
            {documents.map((d) => (
              <li key={d.id}>
                <a href={`/${locale}/consultations/${topic.slug}/documents/${d.id}`}>{d.name}</a> <span className="muted">({d.size})</span>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" name="intent" value="remove-document" className="button button--small button--danger">
                    {t("admin.topics.remove", { name: d.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {actionData?.documentError && <ErrorSummary errors={{ document: actionData.documentError }} labels={{ document: t("admin.topics.documentFile") }} />}
        <Form method="post" encType="multipart/form-data" className="form">
          <CsrfInput />
          <div className={`field${actionData?.documentError ? " field--error" : ""}`}>
            <label htmlFor="field-document">{t("admin.topics.documentFile")}</label>
            {actionData?.documentError && (
              <p className="field__error" id="field-document-error">
                {t(actionData.documentError as never)}
              </p>
            )}
            <input
              type="file"
              id="field-document"
              name="document"
              accept="application/pdf,.pdf"
              required
              aria-invalid={actionData?.documentError ? true : undefined}
              aria-describedby={actionData?.documentError ? "field-document-error" : undefined}
            />
          </div>
          <SelectField
            name="documentLocale"
            label={t("admin.topics.documentLanguage")}
            options={[{ value: "", label: t("admin.topics.noLanguage") }, ...supportedLocales.map((l) => ({ value: l, label: localeNames[l] }))]}
          />
          <button type="submit" className="button button--secondary">
            {t("admin.topics.upload")}
          </button>
        </Form>
      </section>
      <TopicForm
        key={JSON.stringify(actionData?.errors ?? {}) + (saved ?? "")}
        values={(actionData?.values as Record<string, unknown>) ?? values}
        serverErrors={actionData?.errors}
        parties={parties}
        areas={areas}
        fixedParty={fixedParty}
        canPublish={topic.state === "draft"}
      />
    </>
  );
}
