import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TopicView } from "~/components/topic-view";
import { listParties } from "~/models/parties.server";
import { getPublicTopic } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = await localeAndT(params);
  const topic = await getPublicTopic(db, params.slug ?? "", locale);
  if (!topic) notFound();
  const party = (await listParties(db, locale)).find((p) => p.code === topic.partyCode);
  return { locale, title: topic.title, description: topic.summary, topic, partyName: party?.name ?? topic.partyCode };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function TopicPage() {
  const { locale, topic, partyName } = useLoaderData<typeof loader>();
  return <TopicView locale={locale} topic={topic} partyName={partyName} />;
}
