// ESLint flat config (ADR 024). Rules that encode the layers are at the end: see docs/architecture.md.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const APP = "app/**/*.{ts,tsx}";

/** Import specifiers of a folder of app/, by alias (`~/models/…`) or relative path (`../models/…`, `../../app/models/…`). */
const layer = (name) => `^(~/|(\\.\\./)+(app/)?)${name}(/|$)`;

const restrict = (patterns) => ["error", { patterns }];

const NO_ROUTES = { regex: layer("routes"), message: "Only Remix imports routes (docs/architecture.md)." };
const NO_COMPONENTS = { regex: layer("components"), message: "Components are for routes (docs/architecture.md)." };
const NO_MODELS = { regex: layer("models"), message: "utils is infrastructure: it must not depend on models (docs/architecture.md)." };
const NO_EXPORTS = { regex: layer("exports"), message: "utils is infrastructure: it must not depend on exports (docs/architecture.md)." };
const NO_WEB = { regex: layer("web"), message: "web/ holds the routes' request helpers: only routes import it (docs/architecture.md)." };
const NO_EXPORTS_FROM_WEB = {
  regex: layer("exports"),
  message: "web/ guards, reads forms and maps domain errors; downloads are exports' (docs/architecture.md).",
};
const NO_REMIX = {
  regex: "^@remix-run/(node|react)$",
  message: "Models throw typed domain errors; routes turn them into responses (docs/architecture.md).",
};
const NO_APP_FROM_DB = { regex: "^(~/|(\\.\\./)+app(/|$))", message: "db/ is the bottom layer: it must not import the app (docs/architecture.md)." };
const NO_TESTS_FROM_BENCH = {
  regex: "^(\\.\\./)+tests(/|$)",
  message: "Benchmarks share helpers and factories with the tests through support/, never tests/ (docs/architecture.md).",
};
const NO_TESTS_FROM_SUPPORT = {
  regex: "^(\\.\\./)+tests(/|$)",
  message: "support/ is shared by tests and benchmarks: it must not import tests/ (docs/architecture.md).",
};

const NO_LAYERS_FROM_PII = {
  regex: "^(~/|(\\.\\./)+(app/)?)(routes|components|web|models|exports|utils|jobs|schemas)(/|$)|^(\\.\\./)+db(/|$)",
  message: "app/pii/ is pure text work run by the server and the browser alike: it imports no other layer (docs/architecture.md).",
};

const NO_APP_FROM_ERRORS = {
  regex: "^(~/|\\.)",
  message: "app/errors.ts is imported by every layer above db: it imports nothing of the app (docs/architecture.md).",
};

/** Models, and the roles' powers they and the back-office guard check, throw typed domain errors, not HTTP responses. */
const NO_RESPONSE_IN_DOMAIN = [
  "error",
  {
    selector: "NewExpression[callee.name='Response']",
    message: "Models and permissions throw typed domain errors (app/errors.ts); routes turn them into responses (docs/architecture.md).",
  },
];

export default tseslint.config(
  { ignores: ["build/", "public/build/", "node_modules/", ".cache/", "data/", "test-results/"] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  // Not the type-aware set: it took 74 s on 2 cores (ADR 024).
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names and the siblings of a rest element are deliberately unused (omitting keys).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Every control character in a regular expression here is deliberate: input is cleaned of them
      // (XML 1.0, PDF, CSV, Atom) or tests check that it was.
      "no-control-regex": "off",
    },
  },

  // React, hooks and accessibility: the app (server-only modules included, they hold no JSX).
  {
    files: [APP],
    ...react.configs.flat.recommended,
    settings: { react: { version: "detect" } },
    languageOptions: { ...react.configs.flat.recommended.languageOptions, globals: { ...globals.browser, ...globals.node } },
  },
  { files: [APP], ...react.configs.flat["jsx-runtime"] },
  { files: [APP], ...reactHooks.configs.flat.recommended },
  { files: [APP], ...jsxA11y.flatConfigs.recommended },
  {
    files: [APP],
    rules: {
      // Stacked tables (DataTable `stack`) restore row and cell roles that `display: block` removes.
      "jsx-a11y/no-interactive-element-to-noninteractive-role": ["error", { tr: ["none", "presentation", "row"], td: ["cell"], canvas: ["img"] }],
    },
  },

  // `Kysely<any>`: migrations run against the schema of their day, not db/schema.ts, and are frozen;
  // the migrator and the portable helpers serve them. Tests (and their shared support/) read JSON bodies of any shape.
  { files: ["db/migrations/**", "db/migrate.ts", "db/portable.ts", "tests/**", "support/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },

  // ---- Layers: routes → web (request helpers) → components / models / exports → utils (infrastructure) → db ----
  { files: ["app/web/**"], rules: { "no-restricted-imports": restrict([NO_ROUTES, NO_COMPONENTS, NO_EXPORTS_FROM_WEB]) } },
  { files: ["app/utils/**"], rules: { "no-restricted-imports": restrict([NO_ROUTES, NO_COMPONENTS, NO_MODELS, NO_EXPORTS, NO_WEB]) } },
  {
    files: ["app/models/**"],
    rules: { "no-restricted-imports": restrict([NO_ROUTES, NO_COMPONENTS, NO_WEB, NO_REMIX]), "no-restricted-syntax": NO_RESPONSE_IN_DOMAIN },
  },
  // The roles' powers are domain rules kept in utils (the session store needs toActor): no responses there either.
  { files: ["app/utils/permissions.ts"], rules: { "no-restricted-syntax": NO_RESPONSE_IN_DOMAIN } },
  { files: ["app/errors.ts"], rules: { "no-restricted-imports": restrict([NO_APP_FROM_ERRORS]) } },
  { files: ["app/pii/**"], rules: { "no-restricted-imports": restrict([NO_LAYERS_FROM_PII]) } },
  { files: ["app/exports/**"], rules: { "no-restricted-imports": restrict([NO_ROUTES, NO_COMPONENTS, NO_WEB]) } },
  {
    files: ["app/components/**"],
    rules: {
      // Type-only imports of server modules are erased from the browser bundle, so they are allowed.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            NO_ROUTES,
            NO_WEB,
            { regex: "\\.server(\\.[jt]sx?)?$", message: "Server modules must not reach the browser bundle.", allowTypeImports: true },
          ],
        },
      ],
    },
  },
  { files: ["db/**"], rules: { "no-restricted-imports": restrict([NO_APP_FROM_DB]) } },
  { files: ["bench/**"], rules: { "no-restricted-imports": restrict([NO_TESTS_FROM_BENCH]) } },
  { files: ["support/**"], rules: { "no-restricted-imports": restrict([NO_TESTS_FROM_SUPPORT]) } },
);
