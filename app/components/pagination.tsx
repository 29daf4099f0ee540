import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The page numbers to show: the first, the last, two either side of the current, gaps as null. */
export function pageWindow(page: number, pages: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** Numbered pages as plain links (works without JavaScript); nothing when there is one page. */
export function Pagination({
  label,
  page,
  pages,
  pageLink,
  preventScrollReset,
}: {
  label: string;
  page: number;
  pages: number;
  pageLink: (page: number) => string;
  preventScrollReset?: boolean;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 && (
          <li>
            <Link to={pageLink(Math.min(page - 1, pages))} rel="prev" preventScrollReset={preventScrollReset}>
              {t("consultations.previous")}
            </Link>
          </li>
        )}
        {pageWindow(page, pages).map((p, i) => (
          <li key={p ?? `gap-${i}`}>
            {p === null ? (
              <span className="pagination__gap" aria-hidden="true">
                …
              </span>
            ) : p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <Link to={pageLink(p)} aria-label={t("consultations.pageN", { page: p })} preventScrollReset={preventScrollReset}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <Link to={pageLink(page + 1)} rel="next" preventScrollReset={preventScrollReset}>
              {t("consultations.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
