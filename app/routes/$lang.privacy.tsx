import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const { t } = await localeAndT(params);
  return { title: t("privacy.title"), description: t("privacy.lead") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

const sections = [
  { id: "collect", items: ["submission", "organisation", "contact", "subscriptions", "gender", "technical"] },
  { id: "who", items: ["public", "officials", "committee", "nobody"] },
  { id: "gender", items: [] },
  { id: "retention", items: ["contact", "submissions", "gender", "logs"] },
  { id: "rights", items: [] },
] as const;

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <div className="container prose">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.lead")}</p>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`privacy-${s.id}`}>
          <h2 id={`privacy-${s.id}`}>{t(`privacy.${s.id}.title`)}</h2>
          <p>{t(`privacy.${s.id}.text`)}</p>
          {s.items.length > 0 && (
            <ul>
              {s.items.map((item) => (
                <li key={item}>{t(`privacy.${s.id}.items.${item}` as never)}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
