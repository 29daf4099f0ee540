import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TopicView } from "~/components/topic-view";
import { listParties } from "~/models/parties.server";
import { getTopicForm } from "~/models/topic-admin.server";
import { getTopicPage } from "~/models/topics.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

// The topic exactly as the public will see it in this language, drafts included.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  await getTopicForm(db, user.actor, id); // permission on this topic's party
  const topic = await getTopicPage(db, { id }, locale);
  if (!topic) notFound();
  const party = (await listParties(db, locale)).find((p) => p.code === topic.partyCode);
  return { locale, id, title: `${t("admin.topics.preview")}: ${topic.title}`, topic, partyName: party?.name ?? topic.partyCode };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function PreviewTopic() {
  const { locale, id, topic, partyName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p className="notice">
        {t("admin.topics.previewNotice")} <Link to={`/${locale}/admin/topics/${id}`}>{t("admin.topics.backToEdit")}</Link>
      </p>
      <TopicView locale={locale} topic={topic} partyName={partyName} />
    </>
  );
}
