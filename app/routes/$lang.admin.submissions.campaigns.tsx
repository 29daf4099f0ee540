import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { campaignSuggestions } from "~/models/moderation.server";
import { requireBackOffice } from "~/web/backoffice.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "submissions.moderate");
  return { locale, title: t("moderation.campaignsTitle"), suggestions: await campaignSuggestions(db, user.actor, locale) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function CampaignSuggestions() {
  const { locale, suggestions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/submissions`}>{t("moderation.backToQueue")}</Link>
      </p>
      <h1>{t("moderation.campaignsTitle")}</h1>
      <p>{t("moderation.campaignsIntro")}</p>
      {suggestions.length === 0 ? (
        <p>{t("moderation.noCampaigns")}</p>
      ) : (
        <ul>
          {suggestions.map((s) => (
            <li key={s.reference}>
              <Link to={`/${locale}/admin/submissions/${s.reference}`}>
                {t("moderation.campaignSuggestion", { count: s.count, topic: s.topicTitle, reference: s.reference })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
