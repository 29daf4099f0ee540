import type { TranslationMessages } from "./en";

const es: TranslationMessages = {
  layout: {
    skipToContent: "Saltar al contenido principal",
    tagline: "Consultas Canadá–Chile sobre comercio y género",
    homeLinkLabel: "Puente, página de inicio",
    languageNav: "Idioma",
    mainNav: "Menú principal",
    footerAbout:
      "Puente reúne las propuestas y los comentarios escritos de la sociedad civil de Canadá y de Chile en el marco del capítulo de comercio y género (capítulo N bis) del Tratado de Libre Comercio Chile-Canadá.",
  },
  nav: {
    home: "Inicio",
    canada: "Canadá",
    chile: "Chile",
    workplan: "Plan de trabajo",
    privacy: "Privacidad",
  },
  languages: { en: "inglés", fr: "francés", es: "español" },
  home: {
    eyebrow: "Tratado de Libre Comercio Chile-Canadá · Comercio y género",
    title: "Opine sobre comercio y género entre Canadá y Chile",
    lead: "Puente es el espacio donde sindicatos, empresas, universidades y centros de investigación, ONG y otras organizaciones de Canadá y de Chile envían a su gobierno propuestas y comentarios escritos sobre comercio y género.",
    howItWorks:
      "Cada país publica sus propias consultas. Los funcionarios revisan lo que reciben, lo publican con su consentimiento y lo compilan para el Comité bilateral de Comercio y Género, que intercambia las propuestas y los comentarios recogidos en cada país.",
    readWorkplan: "Leer el plan de trabajo 2024-2025",
    openNow: "Consultas abiertas",
    partyIntro: {
      CA: "Consultas del Gobierno de Canadá, abiertas a personas y organizaciones de Canadá.",
      CL: "Consultas del Gobierno de Chile, abiertas a personas y organizaciones de Chile.",
    },
    noneOpen: "No hay consultas abiertas en este momento. Las nuevas consultas se anuncian aquí.",
    whoTitle: "Quiénes pueden participar",
    whoText:
      "El plan de trabajo prevé la interacción con instituciones gubernamentales, empresas, sindicatos, instituciones educativas y de investigación y otras organizaciones no gubernamentales. También pueden participar personas a título individual.",
    who: {
      union: "Sindicatos y organizaciones de trabajadores",
      business: "Empresas y gremios empresariales",
      academia: "Instituciones académicas y de investigación",
      ngo: "Organizaciones no gubernamentales y de la sociedad civil",
      indigenous: "Organizaciones indígenas",
      other: "Organismos públicos y personas",
    },
  },
  topics: {
    status: {
      draft: "Borrador",
      scheduled: "Próxima",
      open: "Abierta",
      closed: "Cerrada",
      archived: "Archivada",
    },
    statusLabel: "Estado",
    areaShort: "Área {{number}}",
    article: "Artículo {{article}}",
    articleLabel: "Artículo del TLCCC",
    opens: "Apertura",
    closes: "Cierre",
    opensOn: "Abre el {{date}} ({{zone}})",
    closesOn: "Cierra el {{date}} ({{zone}})",
    closedOn: "Cerró el {{date}} ({{zone}})",
    dateInZone: "{{date}} ({{zone}})",
    guidingQuestions: "Preguntas orientadoras",
    notAvailableInLanguage: "Esta consulta no está disponible en español. Se muestra en: {{languages}}.",
  },
  workplan: {
    pageTitle: "Plan de trabajo 2024-2025",
    eyebrow: "Plan de trabajo Canadá-Chile sobre comercio y género",
    principles: "Principios",
    areas: "Áreas de cooperación",
    areasNav: "Áreas de cooperación",
    objectives: "Objetivos",
    activities: "Actividades",
    deliverables: "Resultados esperados y entregables",
    status: {
      planned: "Prevista",
      to_be_confirmed: "Por confirmar",
      done: "Realizada",
    },
    sourceNote:
      "Fuente: Plan de trabajo Canadá-Chile para la implementación de actividades sobre comercio y género, enero de 2024 a diciembre de 2025. Las fechas se indican tal como figuran en el plan.",
  },
  privacy: {
    title: "Privacidad",
    lead: "Qué recoge Puente cuando usted participa en una consulta, quién puede verlo y por cuánto tiempo se conserva.",
    collect: {
      title: "Qué recogemos",
      text: "Solo recogemos lo que una consulta necesita:",
      items: {
        submission:
          "su propuesta o comentario, su título, sus respuestas a las preguntas orientadoras y los archivos que adjunte;",
        organisation:
          "el tipo de organización en cuyo nombre se expresa, su nombre y tamaño, si está liderada o es propiedad de mujeres, y su país y región;",
        contact:
          "su nombre y su correo electrónico, para enviarle un comprobante e informarle la decisión sobre su aporte;",
        gender: "si decide responder, su género: esta pregunta es voluntaria y está separada de su aporte;",
        technical:
          "registros técnicos de cada solicitud (la página pedida, la hora y el resultado), sin su dirección ni lo que escribió.",
      },
    },
    who: {
      title: "Quién ve qué",
      text: "Usted elige cómo se publica su aporte:",
      items: {
        public:
          "el público ve los aportes aprobados, con o sin su nombre y el de su organización, según su elección, y nunca su correo electrónico;",
        officials:
          "los funcionarios del gobierno de su país ven todo lo que envió, para revisarlo, y pueden eliminar datos personales de terceros antes de publicarlo;",
        committee:
          "los miembros del Comité de Comercio y Género Chile-Canadá ven resúmenes de los aportes, incluidos los reservados a los funcionarios, pero nunca sus datos de contacto;",
        nobody: "nadie ve por separado su respuesta sobre género: solo se cuenta en estadísticas.",
      },
    },
    gender: {
      title: "Estadísticas de género",
      text: "El plan de trabajo compromete a ambos gobiernos con el equilibrio de género. Las respuestas sobre género se guardan separadas de los aportes, solo se usan para contar la participación, y todo grupo de menos de cinco personas se muestra como «menos de 5», para que nadie pueda ser identificado.",
    },
    retention: {
      title: "Cuánto tiempo lo conservamos",
      text: "Conservamos los datos solo mientras el intercambio los necesite:",
      items: {
        contact: "datos de contacto: hasta dos años después del cierre de la consulta; luego se eliminan;",
        submissions:
          "aportes publicados: se conservan como parte del registro público de la consulta, tal como se publicaron (con nombres solo si usted lo aceptó);",
        gender:
          "respuestas sobre género: hasta dos años después del cierre de la consulta; después solo se conservan los totales;",
        logs: "registros técnicos de las solicitudes: 30 días.",
      },
    },
    rights: {
      title: "Sus opciones",
      text: "Mientras su aporte esté pendiente, puede modificarlo o retirarlo con el enlace secreto de su comprobante. Para ver, corregir o eliminar sus datos después, escriba a los funcionarios del país de la consulta; Canadá aplica la Ley de Privacidad (Privacy Act) y Chile aplica la Ley 19.628 sobre protección de la vida privada.",
    },
  },
  errors: {
    status: "Error {{status}}",
    notFoundTitle: "Página no encontrada",
    notFoundText: "No encontramos esta página. Es posible que la dirección esté mal escrita o que la página se haya trasladado.",
    errorTitle: "Algo salió mal",
    errorText: "No se pudo mostrar la página. Vuelva a intentarlo en un momento.",
    backHome: "Ir a la página de inicio",
  },
};

export default es;
