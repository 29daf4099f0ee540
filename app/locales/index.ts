import en from "./en";
import es from "./es";
import fr from "./fr";

/** All messages, for the server (the browser loads only its page's language). */
export const resources = {
  en: { common: en },
  fr: { common: fr },
  es: { common: es },
};
