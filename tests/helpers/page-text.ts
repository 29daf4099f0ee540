/**
 * A page's text as a reader sees it: no markup and no scripts, apostrophes and ampersands decoded,
 * each run of spaces as one (the no-break spaces of French typography kept).
 */
export const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t\r\n]+/g, " ");

/** The text of the page's <main> only: no header, footer or language links. */
export const mainTextOf = (html: string) => textOf(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html);
