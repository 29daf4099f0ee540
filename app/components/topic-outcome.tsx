import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { PublicOutcome } from "~/models/outcomes.server";
import { RichText } from "./rich-text";

/**
 * "What we heard": the officials' published response to a closed consultation, leading its page.
 * In the reader's language when written in it, else in another with a note saying so.
 */
export function TopicOutcome({ outcome, locale }: { outcome: PublicOutcome; locale: Locale }) {
  const { t } = useTranslation();
  const lang = outcome.locale === locale ? undefined : outcome.locale;
  return (
    <section aria-labelledby="outcome-title" className="outcome panel" id="outcome">
      <h2 id="outcome-title">{t("topics.outcome.title")}</h2>
      <p className="muted">{t("topics.outcome.publishedOn", { date: outcome.publishedAtText })}</p>
      {lang && (
        <p className="notice notice--language">
          {t("topics.outcome.languageNote", { languages: outcome.availableLocales.map((l) => t(`languages.${l}`)).join(", ") })}
        </p>
      )}
      <h3>{t("topics.outcome.heard")}</h3>
      <RichText text={outcome.heard} lang={lang} />
      <h3>{t("topics.outcome.actions")}</h3>
      <RichText text={outcome.actions} lang={lang} />
      {outcome.nextSteps && (
        <>
          <h3>{t("topics.outcome.nextSteps")}</h3>
          <RichText text={outcome.nextSteps} lang={lang} />
        </>
      )}
      {outcome.edition && (
        <p className="outcome__edition">
          {t("topics.outcome.edition", { number: outcome.edition.number, date: outcome.edition.frozenAtText })}
          {outcome.edition.fingerprint && (
            <>
              {" "}
              {t("topics.outcome.fingerprint")} <code className="fingerprint">{outcome.edition.fingerprint}</code>
            </>
          )}
        </p>
      )}
    </section>
  );
}
