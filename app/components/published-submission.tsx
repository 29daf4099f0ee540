import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { REDACTED } from "~/schemas/redaction";

/** Published text with the officials' redaction marks shown as a translated "[redacted]"; never parsed as HTML. */
export function Redactable({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  const parts = text.split(REDACTED);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {/* The mark is in the page's language, inside text that may be in another. */}
          {i > 0 && (
            <span className="redacted" lang={i18n.language}>
              {t("publicSubmissions.redacted")}
            </span>
          )}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** Paragraphs (a blank line starts a new one; a single line break stays one), as text nodes only. */
export function PublishedText({ text, lang, className = "published-text" }: { text: string; lang?: string; className?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={className} lang={lang}>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split("\n").map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              <Redactable text={line} />
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

export interface BylineData {
  author: string | null;
  organisation: string | null;
  stakeholderType: string;
  country: string;
  countryName: string | null;
  regionName: string | null;
}

/**
 * "Ana Rojas, Sindicato Norte · Trade union · Biobío, Chile" when published with names;
 * "Trade union · Biobío, Chile" without (the model sends no names then).
 */
export function bylineParts(t: TFunction, byline: BylineData) {
  const who = [byline.author, byline.organisation].filter((x): x is string => !!x).join(", ");
  const type = t(`submission.choices.stakeholderType.${byline.stakeholderType}` as never) as string;
  const country = byline.countryName ?? t("publicSubmissions.anotherCountry");
  const place = byline.regionName ? `${byline.regionName}, ${country}` : country;
  return { who, type, place };
}

export function Byline({ byline }: { byline: BylineData }) {
  const { t } = useTranslation();
  const { who, type, place } = bylineParts(t, byline);
  const rest = `${type} · ${place}`;
  return (
    <span className="byline">
      {who && <span className="byline__who">{who}</span>}
      {who ? ` · ${rest}` : rest}
    </span>
  );
}
