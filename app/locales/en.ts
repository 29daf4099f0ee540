// English is the reference: fr.ts and es.ts must have exactly the same keys (checked by tsc and tests).
const en = {
  layout: {
    skipToContent: "Skip to main content",
    tagline: "Canada–Chile consultations on trade and gender",
    homeLinkLabel: "Puente, home page",
    languageNav: "Language",
    mainNav: "Main",
    footerAbout:
      "Puente gathers the written proposals and comments of civil society in Canada and Chile under the trade and gender chapter (chapter N bis) of the Canada–Chile Free Trade Agreement.",
  },
  nav: {
    home: "Home",
    canada: "Canada",
    chile: "Chile",
    workplan: "Work plan",
    privacy: "Privacy",
  },
  languages: { en: "English", fr: "French", es: "Spanish" },
  home: {
    eyebrow: "Canada–Chile Free Trade Agreement · Trade and gender",
    title: "Have your say on trade and gender between Canada and Chile",
    lead: "Puente is where trade unions, businesses, academia and research bodies, NGOs and other organisations in Canada and Chile send written proposals and comments to their government on trade and gender.",
    howItWorks:
      "Each country publishes its own consultations. Officials review what they receive, publish it with your consent, and compile it for the bilateral Trade and Gender Committee, which exchanges the proposals and comments heard in each country.",
    readWorkplan: "Read the 2024–2025 work plan",
    openNow: "Open consultations",
    partyIntro: {
      CA: "Consultations run by the Government of Canada, open to people and organisations in Canada.",
      CL: "Consultations run by the Government of Chile, open to people and organisations in Chile.",
    },
    noneOpen: "No consultation is open right now. New consultations are announced here.",
    whoTitle: "Who can take part",
    whoText:
      "The work plan calls for interaction with government institutions, businesses, trade unions, education and research bodies and other non-governmental organisations. Individuals are welcome too.",
    who: {
      union: "Trade unions and workers’ organisations",
      business: "Companies and business associations",
      academia: "Academic and research institutions",
      ngo: "Non-governmental and civil society organisations",
      indigenous: "Indigenous organisations",
      other: "Public bodies and individuals",
    },
  },
  topics: {
    status: {
      draft: "Draft",
      scheduled: "Upcoming",
      open: "Open",
      closed: "Closed",
      archived: "Archived",
    },
    statusLabel: "Status",
    areaShort: "Area {{number}}",
    article: "Article {{article}}",
    articleLabel: "FTA article",
    opens: "Opens",
    closes: "Closes",
    opensOn: "Opens {{date}} ({{zone}})",
    closesOn: "Closes {{date}} ({{zone}})",
    closedOn: "Closed {{date}} ({{zone}})",
    dateInZone: "{{date}} ({{zone}})",
    guidingQuestions: "Guiding questions",
    notAvailableInLanguage: "This consultation is not available in English. It is shown in: {{languages}}.",
  },
  workplan: {
    pageTitle: "Work plan 2024–2025",
    eyebrow: "Canada–Chile work plan on trade and gender",
    principles: "Principles",
    areas: "Areas of cooperation",
    areasNav: "Areas of cooperation",
    objectives: "Objectives",
    activities: "Activities",
    deliverables: "Expected results and deliverables",
    status: {
      planned: "Planned",
      to_be_confirmed: "To be confirmed",
      done: "Done",
    },
    sourceNote:
      "Source: the Canada–Chile work plan for the implementation of trade and gender activities, January 2024 to December 2025. Dates are given as written in the plan.",
  },
  privacy: {
    title: "Privacy",
    lead: "What Puente collects when you take part in a consultation, who can see it, and how long it is kept.",
    collect: {
      title: "What we collect",
      text: "We collect only what a consultation needs:",
      items: {
        submission: "your proposal or comment, its title, your answers to the guiding questions and any files you attach;",
        organisation:
          "the type of organisation you speak for, its name and size, whether it is led or owned by women, and its country and region;",
        contact: "your name and email address, to send you a receipt and tell you the decision on your submission;",
        gender:
          "if you choose to answer, your gender — this question is optional and separate from your submission;",
        technical:
          "technical records of each request (the page asked for, the time and the result), without your address or what you wrote.",
      },
    },
    who: {
      title: "Who sees what",
      text: "You choose how your submission is published:",
      items: {
        public:
          "the public sees approved submissions, with your name and organisation or without them, as you chose — never your email address;",
        officials:
          "officials of your own country’s government see everything you sent, to review it, and may remove personal data of other people before publishing;",
        committee:
          "members of the Canada–Chile Trade and Gender Committee see summaries of the submissions, including those shared with officials only, but never your contact details;",
        nobody: "nobody sees your gender answer on its own: it is only counted in statistics.",
      },
    },
    gender: {
      title: "Gender statistics",
      text: "The work plan commits both governments to gender balance. Gender answers are stored apart from submissions, used only to count participation, and any group of fewer than five people is shown as “fewer than 5”, so no one can be identified.",
    },
    retention: {
      title: "How long we keep it",
      text: "We keep data only as long as the exchange needs it:",
      items: {
        contact: "contact details: until two years after the consultation closes, then deleted;",
        submissions:
          "published submissions: kept as part of the public record of the consultation, as published (with names only if you agreed);",
        gender: "gender answers: until two years after the consultation closes; only counts are kept after that;",
        logs: "technical request records: 30 days.",
      },
    },
    rights: {
      title: "Your choices",
      text: "While your submission is pending you can change or withdraw it with the secret link in your receipt. To see, correct or delete your data afterwards, write to the officials of the consultation’s country; Canada applies the Privacy Act and Chile applies Law 19.628 on the protection of private life.",
    },
  },
  errors: {
    status: "Error {{status}}",
    notFoundTitle: "Page not found",
    notFoundText: "We could not find this page. The address may be mistyped, or the page may have moved.",
    errorTitle: "Something went wrong",
    errorText: "The page could not be shown. Please try again in a moment.",
    backHome: "Go to the home page",
  },
} as const;

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type TranslationMessages = Messages<typeof en>;

export default en;
