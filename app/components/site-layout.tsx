import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { CsrfInput } from "./forms";
import { useTranslation } from "react-i18next";
import { localeNames, pathInLocale, supportedLocales, type Locale } from "~/i18n";

export interface HeaderUser {
  displayName: string;
  role: string;
  partyCode: string | null;
}

export function SiteHeader({ locale, user }: { locale: Locale; user: HeaderUser | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <div className="site-header__bar">
        <div className="container site-header__top">
          <Link to={`/${locale}`} className="brand" aria-label={t("layout.homeLinkLabel")}>
            <svg className="brand__mark" aria-hidden="true" viewBox="0 0 32 32" width="40" height="40">
              <path d="M3 22 Q16 5 29 22" fill="none" stroke="currentColor" strokeWidth="3" />
              <path d="M9 15v9M16 11.5v12.5M23 15v9" stroke="currentColor" strokeWidth="2" />
              <path d="M2 25h28" stroke="#e8656a" strokeWidth="3" />
            </svg>
            <span className="brand__name">Puente</span>
            <span className="brand__tagline">{t("layout.tagline")}</span>
          </Link>
          <nav aria-label={t("layout.languageNav")} className="lang-nav">
            <ul>
              {supportedLocales.map((l) => (
                <li key={l}>
                  {l === locale ? (
                    <span aria-current="true" lang={l} className="lang-nav__current">
                      {localeNames[l]}
                    </span>
                  ) : (
                    // A full page load: the browser only ever downloads the page's own language.
                    <a href={pathInLocale(location.pathname, location.search, l)} lang={l} hrefLang={l}>
                      {localeNames[l]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {/* The one search of the public site: a GET form, so it works without JavaScript. */}
          <form
            method="get"
            action={`/${locale}/search`}
            role="search"
            className="site-search site-search--header"
            aria-label={t("consultations.siteSearch.label")}
          >
            <label htmlFor="site-search-q" className="visually-hidden">
              {t("consultations.siteSearch.label")}
            </label>
            {/* 200: SITE_SEARCH_MAX, not imported so that no schema module reaches every page (ADR 028). */}
            <input id="site-search-q" type="search" name="q" maxLength={200} />
            <button type="submit">{t("consultations.siteSearch.button")}</button>
          </form>
        </div>
      </div>
      <nav aria-label={t("layout.mainNav")} className="main-nav">
        <ul className="container">
          <li>
            <NavLink to={`/${locale}`} end>
              {t("nav.home")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/${locale}/consultations`} end>
              {t("nav.consultations")}
            </NavLink>
          </li>
          <li>
            <Link to={`/${locale}/consultations?country=CA`}>{t("nav.canada")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/consultations?country=CL`}>{t("nav.chile")}</Link>
          </li>
          <li>
            <NavLink to={`/${locale}/events`}>{t("nav.events")}</NavLink>
          </li>
          <li>
            <NavLink to={`/${locale}/workplan`}>{t("nav.workplan")}</NavLink>
          </li>
          <li>
            <NavLink to={`/${locale}/stats`}>{t("nav.stats")}</NavLink>
          </li>
          <li>
            <NavLink to={`/${locale}/privacy`}>{t("nav.privacy")}</NavLink>
          </li>
          {user && (
            <li className="main-nav__staff">
              <NavLink to={`/${locale}/admin`}>{t("nav.backOffice")}</NavLink>
            </li>
          )}
          {user && (
            <li>
              <Form method="post" action={`/${locale}/logout`} className="inline-form">
                <CsrfInput />
                <button type="submit" className="link-button">
                  {t("nav.signOut", { name: user.displayName })}
                </button>
              </Form>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}

export function SiteFooter({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container site-footer__grid">
        <div>
          <p className="site-footer__title">Puente</p>
          <p>{t("layout.footerAbout")}</p>
        </div>
        <ul className="site-footer__links">
          <li>
            <Link to={`/${locale}/workplan`}>{t("nav.workplan")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/privacy`}>{t("nav.privacy")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/submissions/links`}>{t("receipt.linksTitle")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/login`}>{t("nav.officialsSignIn")}</Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}
