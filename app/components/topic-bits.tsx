import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { TopicStatus } from "~/models/topics.server";

export function StatusBadge({ status }: { status: TopicStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`topics.status.${status}`)}</span>;
}

/** Says so when a topic is not written in the page's language, and which languages it is in. */
export function LanguageNotice({ available, pageLocale }: { available: Locale[]; pageLocale: Locale }) {
  const { t } = useTranslation();
  if (available.includes(pageLocale)) return null;
  const languages = available.map((l) => t(`languages.${l}`)).join(", ");
  return <p className="notice notice--language">{t("topics.notAvailableInLanguage", { languages })}</p>;
}
