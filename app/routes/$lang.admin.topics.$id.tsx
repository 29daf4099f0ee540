import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { StatusBadge } from "~/components/topic-bits";
import { TopicForm } from "~/components/topic-form";
import { changeTopicState, getTopicForm, saveTopic } from "~/models/topic-admin.server";
import { topicIntents } from "~/schemas/topic";
import { requireBackOffice } from "~/utils/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { parseTopicForm, topicFormOptions, withSlugCheck } from "~/utils/topic-form.server";

function topicId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const { topic, values } = await getTopicForm(db, user.actor, topicId(params));
  const options = await topicFormOptions(db, user, locale);
  return {
    locale,
    title: t("admin.topics.edit"),
    topic: { id: topic.id, slug: topic.slug, status: topic.status, state: topic.state },
    values,
    saved: new URL(request.url).searchParams.get("saved"),
    ...options,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "topics.manage");
  const id = topicId(params);
  const form = await request.formData();
  requireCsrf(request, form);
  const by = { id: user.id, email: user.email, actor: user.actor };
  const intent = String(form.get("intent") ?? "save");
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
  const { locale, topic, values, saved, parties, areas, fixedParty } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      {saved && <Notice>{t(`admin.topics.done.${saved === "publish" ? "publish" : saved === "close" ? "close" : saved === "archive" ? "archive" : "save"}`)}</Notice>}
      <div className="state-actions">
        <Link className="button button--secondary" to={`/${locale}/admin/topics/${topic.id}/preview`}>
          {t("admin.topics.preview")}
        </Link>
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
