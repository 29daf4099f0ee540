import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PublishedSubmissions, TopicView } from "~/components/topic-view";
import { formatAvailable, summaryFormats } from "~/exports/formats.server";
import { listParties } from "~/models/parties.server";
import { getPublicOutcome } from "~/models/outcomes.server";
import { listPublishedSubmissions } from "~/models/published-submissions.server";
import { getPublicTopic } from "~/models/topics.server";
import { parsePublishedSubmissionSearch } from "~/schemas/published-submission-search";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = await localeAndT(params);
  const topic = await getPublicTopic(db, params.slug ?? "", locale);
  if (!topic) notFound();
  const filters = parsePublishedSubmissionSearch(new URL(request.url));
  const [parties, published, outcome] = await Promise.all([
    listParties(db, locale),
    listPublishedSubmissions(db, topic.slug, locale, filters),
    getPublicOutcome(db, topic.slug, locale),
  ]);
  const party = parties.find((p) => p.code === topic.partyCode);
  return {
    locale,
    title: topic.title,
    description: topic.summary,
    topic,
    partyName: party?.name ?? topic.partyCode,
    outcome,
    published: { ...published, filters, countries: parties.map((p) => ({ code: p.code, name: p.name })) },
    summaryFormats: summaryFormats.filter((format) => formatAvailable(format, topic.publishedCount)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function TopicPage() {
  const { locale, topic, partyName, outcome, published, summaryFormats } = useLoaderData<typeof loader>();
  return (
    <TopicView locale={locale} topic={topic} partyName={partyName} outcome={outcome}>
      <PublishedSubmissions locale={locale} topicSlug={topic.slug} data={published} summaryFormats={summaryFormats} />
    </TopicView>
  );
}
