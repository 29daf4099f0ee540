import type { TranslationMessages } from "./en";

const fr: TranslationMessages = {
  layout: {
    skipToContent: "Passer au contenu principal",
    tagline: "Consultations Canada–Chili sur le commerce et le genre",
    homeLinkLabel: "Puente, page d’accueil",
    languageNav: "Langue",
    mainNav: "Menu principal",
    footerAbout:
      "Puente recueille les propositions et commentaires écrits de la société civile du Canada et du Chili au titre du chapitre sur le commerce et le genre (chapitre N bis) de l’Accord de libre-échange Canada-Chili.",
  },
  nav: {
    home: "Accueil",
    canada: "Canada",
    chile: "Chili",
    workplan: "Plan de travail",
    privacy: "Confidentialité",
  },
  languages: { en: "anglais", fr: "français", es: "espagnol" },
  home: {
    eyebrow: "Accord de libre-échange Canada-Chili · Commerce et genre",
    title: "Donnez votre avis sur le commerce et le genre entre le Canada et le Chili",
    lead: "Puente permet aux syndicats, aux entreprises, aux milieux universitaires et de la recherche, aux ONG et aux autres organisations du Canada et du Chili d’adresser à leur gouvernement des propositions et des commentaires écrits sur le commerce et le genre.",
    howItWorks:
      "Chaque pays publie ses propres consultations. Les fonctionnaires examinent ce qu’ils reçoivent, le publient avec votre consentement et le compilent pour le Comité bilatéral sur le commerce et le genre, qui échange les propositions et commentaires recueillis dans chaque pays.",
    readWorkplan: "Lire le plan de travail 2024-2025",
    openNow: "Consultations ouvertes",
    partyIntro: {
      CA: "Consultations menées par le gouvernement du Canada, ouvertes aux personnes et aux organisations du Canada.",
      CL: "Consultations menées par le gouvernement du Chili, ouvertes aux personnes et aux organisations du Chili.",
    },
    noneOpen: "Aucune consultation n’est ouverte pour le moment. Les nouvelles consultations sont annoncées ici.",
    whoTitle: "Qui peut participer",
    whoText:
      "Le plan de travail prévoit des interactions avec les institutions gouvernementales, les entreprises, les syndicats, les organismes d’éducation et de recherche et d’autres organisations non gouvernementales. Les particuliers sont également les bienvenus.",
    who: {
      union: "Syndicats et organisations de travailleurs",
      business: "Entreprises et associations d’entreprises",
      academia: "Établissements d’enseignement et de recherche",
      ngo: "Organisations non gouvernementales et de la société civile",
      indigenous: "Organisations autochtones",
      other: "Organismes publics et particuliers",
    },
  },
  topics: {
    status: {
      draft: "Brouillon",
      scheduled: "À venir",
      open: "Ouverte",
      closed: "Fermée",
      archived: "Archivée",
    },
    statusLabel: "État",
    areaShort: "Domaine {{number}}",
    article: "Article {{article}}",
    articleLabel: "Article de l’ALECC",
    opens: "Ouverture",
    closes: "Clôture",
    opensOn: "Ouverture le {{date}} ({{zone}})",
    closesOn: "Clôture le {{date}} ({{zone}})",
    closedOn: "Close le {{date}} ({{zone}})",
    dateInZone: "{{date}} ({{zone}})",
    guidingQuestions: "Questions d’orientation",
    notAvailableInLanguage: "Cette consultation n’est pas disponible en français. Elle est présentée en : {{languages}}.",
  },
  workplan: {
    pageTitle: "Plan de travail 2024-2025",
    eyebrow: "Plan de travail Canada-Chili sur le commerce et le genre",
    principles: "Principes",
    areas: "Domaines de coopération",
    areasNav: "Domaines de coopération",
    objectives: "Objectifs",
    activities: "Activités",
    deliverables: "Résultats attendus et livrables",
    status: {
      planned: "Prévue",
      to_be_confirmed: "À confirmer",
      done: "Réalisée",
    },
    sourceNote:
      "Source : Plan de travail Canada-Chili pour la mise en œuvre des activités sur le commerce et le genre, janvier 2024 à décembre 2025. Les dates sont reproduites telles qu’elles figurent dans le plan.",
  },
  privacy: {
    title: "Confidentialité",
    lead: "Ce que Puente recueille lorsque vous participez à une consultation, qui peut le voir et combien de temps c’est conservé.",
    collect: {
      title: "Ce que nous recueillons",
      text: "Nous ne recueillons que ce dont une consultation a besoin :",
      items: {
        submission:
          "votre proposition ou commentaire, son titre, vos réponses aux questions d’orientation et les fichiers que vous joignez;",
        organisation:
          "le type d’organisation au nom de laquelle vous vous exprimez, son nom et sa taille, si elle est dirigée ou détenue par des femmes, ainsi que son pays et sa région;",
        contact:
          "votre nom et votre adresse courriel, pour vous envoyer un accusé de réception et vous informer de la décision concernant votre contribution;",
        gender:
          "si vous choisissez de répondre, votre genre — cette question est facultative et distincte de votre contribution;",
        technical:
          "des relevés techniques de chaque requête (la page demandée, l’heure et le résultat), sans votre adresse ni ce que vous avez écrit.",
      },
    },
    who: {
      title: "Qui voit quoi",
      text: "Vous choisissez comment votre contribution est publiée :",
      items: {
        public:
          "le public voit les contributions approuvées, avec ou sans votre nom et celui de votre organisation, selon votre choix — jamais votre adresse courriel;",
        officials:
          "les fonctionnaires du gouvernement de votre pays voient tout ce que vous avez envoyé, pour l’examiner, et peuvent retirer les données personnelles d’autres personnes avant la publication;",
        committee:
          "les membres du Comité Canada-Chili sur le commerce et le genre voient les synthèses des contributions, y compris celles réservées aux fonctionnaires, mais jamais vos coordonnées;",
        nobody: "personne ne voit votre réponse sur le genre isolément : elle n’est comptée que dans des statistiques.",
      },
    },
    gender: {
      title: "Statistiques sur le genre",
      text: "Le plan de travail engage les deux gouvernements à l’équilibre entre les genres. Les réponses sur le genre sont conservées à part des contributions, servent uniquement à compter la participation, et tout groupe de moins de cinq personnes est affiché « moins de 5 », afin que personne ne puisse être identifié.",
    },
    retention: {
      title: "Durée de conservation",
      text: "Nous ne conservons les données que le temps nécessaire à l’échange :",
      items: {
        contact: "coordonnées : jusqu’à deux ans après la clôture de la consultation, puis supprimées;",
        submissions:
          "contributions publiées : conservées dans le dossier public de la consultation, telles que publiées (avec les noms seulement si vous y avez consenti);",
        gender:
          "réponses sur le genre : jusqu’à deux ans après la clôture de la consultation; seuls les décomptes sont conservés ensuite;",
        logs: "relevés techniques des requêtes : 30 jours.",
      },
    },
    rights: {
      title: "Vos choix",
      text: "Tant que votre contribution est en attente, vous pouvez la modifier ou la retirer au moyen du lien secret de votre accusé de réception. Pour consulter, corriger ou supprimer vos données par la suite, écrivez aux fonctionnaires du pays de la consultation; le Canada applique la Loi sur la protection des renseignements personnels et le Chili, la loi 19.628 sur la protection de la vie privée.",
    },
  },
  errors: {
    status: "Erreur {{status}}",
    notFoundTitle: "Page introuvable",
    notFoundText: "Nous n’avons pas trouvé cette page. L’adresse est peut-être mal saisie, ou la page a été déplacée.",
    errorTitle: "Un problème est survenu",
    errorText: "La page n’a pas pu être affichée. Veuillez réessayer dans un instant.",
    backHome: "Aller à la page d’accueil",
  },
};

export default fr;
