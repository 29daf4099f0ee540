import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { StatusBadge } from "~/components/topic-bits";
import { listTopicsForAdmin } from "~/models/topic-admin.server";
import { partyClocks } from "~/models/parties.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "topics.manage");
  const topics = await listTopicsForAdmin(db, user.actor, locale);
  const clockOf = await partyClocks(db, locale);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    locale,
    title: t("admin.topics.title"),
    saved,
    // Each consultation's dates in its own country's time zone, as the public reads them.
    topics: topics.map((topic) => ({
      ...topic,
      opensAt: clockOf(topic.partyCode)(topic.opensAt),
      closesAt: clockOf(topic.partyCode)(topic.closesAt),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function AdminTopics() {
  const { topics, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.topics.title")}</h1>
      <p>{t("admin.topics.intro")}</p>
      <p>
        <Link to={`/${locale}/admin/topics/new`} className="button button--primary">
          {t("admin.topics.new")}
        </Link>
      </p>
      <DataTable
        id="topics"
        caption={t("admin.topics.caption", { count: topics.length })}
        columns={[t("admin.topics.topic"), t("admin.users.party"), t("topics.statusLabel"), t("admin.topics.dates"), t("admin.topics.languages")]}
        empty={topics.length === 0 && t("admin.topics.none")}
      >
        {topics.map((topic) => (
          <tr key={topic.id}>
            <td>
              <Link to={`/${locale}/admin/topics/${topic.id}`} lang={topic.titleLocale === locale ? undefined : topic.titleLocale}>
                {topic.title}
              </Link>
              <br />
              <span className="muted">{topic.slug}</span>
            </td>
            <td>{t(`admin.parties.${topic.partyCode === "CL" ? "CL" : "CA"}`)}</td>
            <td>
              <StatusBadge status={topic.status} />
            </td>
            <td>
              {topic.opensAt} → {topic.closesAt}
            </td>
            <td>{topic.languages.map((l) => l.toUpperCase()).join(" · ")}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
