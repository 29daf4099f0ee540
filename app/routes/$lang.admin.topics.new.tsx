import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TopicForm } from "~/components/topic-form";
import { changeTopicState, saveTopic } from "~/models/topic-admin.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { parseTopicForm, topicFormOptions, withSlugCheck } from "~/web/topic-form.server";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const options = await topicFormOptions(db, user, locale);
  return {
    title: t("admin.topics.new"),
    ...options,
    values: { partyCode: options.fixedParty ?? "CA", allowComments: true, opensTime: "09:00", closesTime: "23:59" },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "topics.manage");
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = parseTopicForm(form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const by = { id: user.id, email: user.email, actor: user.actor };
  const saved = await withSlugCheck(() => saveTopic(db, by, undefined, parsed.values), Object.fromEntries(form));
  if (!saved.ok) return data({ errors: saved.errors, values: saved.values }, { status: 409 });
  const publish = form.get("intent") === "publish";
  if (publish) await changeTopicState(db, by, saved.result, "publish");
  return redirect(`/${locale}/admin/topics/${saved.result}?saved=${publish ? "publish" : "save"}`);
}

export default function NewTopic() {
  const { values, parties, areas, fixedParty } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.topics.new")}</h1>
      <TopicForm
        key={JSON.stringify(actionData?.errors ?? {})}
        values={(actionData?.values as Record<string, unknown>) ?? values}
        serverErrors={actionData?.errors}
        parties={parties}
        areas={areas}
        fixedParty={fixedParty}
        canPublish
      />
    </>
  );
}
