// ESLint for the applicant page's browser code (bot/web/public/static): plain ES modules, no build.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["bot/web/public/static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "prefer-const": "error",
      "no-var": "error",
    },
  },
];
