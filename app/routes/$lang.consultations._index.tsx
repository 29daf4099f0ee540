import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms";
import { TopicCard } from "~/components/topic-card";
import { listParties } from "~/models/parties.server";
import { searchTopics } from "~/models/topics.server";
import { listAreas } from "~/models/workplan.server";
import { topicSearchSchema } from "~/schemas/topic-search";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { Pagination } from "~/components/pagination";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const filters = topicSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, parties, areas] = await Promise.all([
    searchTopics(db, locale, { party: filters.country, area: filters.area, status: filters.status, q: filters.q, page: filters.page }),
    listParties(db, locale),
    listAreas(db, locale),
  ]);
  return { locale, title: t("consultations.title"), description: t("consultations.intro"), filters, result, parties, areas };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "application/atom+xml", href: `/${data.locale}/consultations.atom`, title: data.title }] : []),
];

export default function Consultations() {
  const { locale, filters, result, parties, areas } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(page));
    return `?${params}`;
  };
  const partyName = (code: string) => parties.find((p) => p.code === code)?.name ?? code;
  return (
    <div className="container">
      <h1>{t("consultations.title")}</h1>
      <p className="lead">{t("consultations.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("consultations.filtersLabel")}>
        <TextField name="q" type="search" label={t("consultations.search")} defaultValue={filters.q ?? ""} />
        <SelectField
          name="country"
          label={t("consultations.country")}
          defaultValue={filters.country ?? ""}
          options={[{ value: "", label: t("consultations.allCountries") }, ...parties.map((p) => ({ value: p.code, label: p.name }))]}
        />
        <SelectField
          name="area"
          label={t("consultations.area")}
          defaultValue={filters.area ? String(filters.area) : ""}
          options={[{ value: "", label: t("consultations.allAreas") }, ...areas.map((a) => ({ value: String(a.number), label: `${a.number}. ${a.title}` }))]}
        />
        <SelectField
          name="status"
          label={t("consultations.status")}
          defaultValue={filters.status ?? ""}
          options={[
            { value: "", label: t("consultations.anyStatus") },
            { value: "open", label: t("topics.status.open") },
            { value: "upcoming", label: t("topics.status.scheduled") },
            { value: "closed", label: t("topics.status.closed") },
          ]}
        />
        <button type="submit" className="button button--primary">
          {t("consultations.apply")}
        </button>
      </Form>
      <p role="status" className="results-count">
        {t("consultations.results", { count: result.total })}
      </p>
      {result.topics.length === 0 ? (
        <p className="empty">{t("consultations.none")}</p>
      ) : (
        <ul className="card-list">
          {result.topics.map((topic) => (
            <li key={topic.slug}>
              <TopicCard topic={topic} locale={locale} headingLevel={2} partyName={partyName(topic.partyCode)} />
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("consultations.pagination")} page={result.page} pages={result.pages} pageLink={pageLink} />
      <p className="feed-link">
        <a href={`/${locale}/subscriptions`}>{t("subscriptions.subscribeNew")}</a> · <a href={`/${locale}/consultations.atom`}>{t("consultations.feed")}</a> ·{" "}
        <a href="/api/v1/topics">{t("consultations.openData")}</a>
      </p>
    </div>
  );
}
