import type { SummaryScope } from "~/models/summary-types";
import type { getT } from "~/i18next.server";

/** An edition's scope in words, in the page's language (the summaries page and an edition's page). */
export function describeScope(scope: SummaryScope, topics: Array<{ id: number; title: string }>, t: ReturnType<typeof getT>) {
  const title = (id: number) => topics.find((tp) => tp.id === id)?.title ?? `#${id}`;
  switch (scope.kind) {
    case "all":
      return t("summary.scopes.all");
    case "topic":
      return t("summary.scopes.topic", { title: title(scope.topicId) });
    case "party":
      return t("summary.scopes.party", { party: t(`admin.parties.${scope.party}`), from: scope.from, to: scope.to });
    case "bilateral-area":
      return t("summaries.areaScope", { number: scope.areaNumber });
    case "bilateral-topics":
      return t("summary.scopes.bilateralTopics", { first: title(scope.topicIds[0]), second: title(scope.topicIds[1]) });
  }
}
