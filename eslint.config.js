// ESLint flat config: `npm run lint` (and `npm test`, which runs it).
// typescript-eslint's type-aware recommended rules for the TypeScript, and import rules that keep
// the layers of docs/architecture.md ("Layers") apart.
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

// The layers, from the inside out. A layer may import the layers inside it, never those outside.
//   model    src/minutes/model.ts, src/format/   the validated types and Danish formatting
//   loader   src/content/, src/minutes/, src/kommune/, src/yaml/   the only reader of content/
//   site     src/site/                           pure page models (view models for templates)
//   adapter  src/eleventy/                       Eleventy: global data, the .11ty.tsx extension
//   report   src/report/                         what the user reads: problems, progress, summaries
//   serve    src/serve/                          `referat serve`'s resident worker and preview
//   cli      src/cli/                            one module per command
// The model, loader and site layers never import the adapter, serve or the CLI, nor the build (but
// its cache seal, src/build/cache-key.ts); serve never
// imports the CLI; the reporting layer never imports serve or the CLI. No module takes part in an import cycle.
const outerLayers = ["./src/eleventy", "./src/serve", "./src/cli"];
const innerLayers = ["./src/minutes", "./src/format", "./src/content", "./src/kommune", "./src/yaml", "./src/site"];
const layerZones = [
  ...innerLayers.flatMap((target) =>
    outerLayers.map((from) => ({
      target,
      from,
      message: `the model, loader and site layers never import ${from.slice(2)} (see docs/architecture.md, "Layers")`,
    })),
  ),
  // The loader (and the model and site layers) never reach into the build, which runs them; the
  // loader's cache of validated meetings (src/content/cache.ts) seals its entries with the build
  // cache's seal, the one module it takes from there.
  ...innerLayers.map((target) => ({
    target,
    from: "./src/build",
    except: ["./cache-key.ts"],
    message: 'the model, loader and site layers never import the build, but its cache seal (see docs/architecture.md, "Layers")',
  })),
  {
    target: "./src/serve",
    from: "./src/cli",
    message: 'serve never imports the CLI (see docs/architecture.md, "Layers")',
  },
  // Templates receive view models only (src/site/view.ts): they import the model, Danish
  // formatting, the site layer and the open data's addresses, never the build's machinery.
  ...["./src/eleventy", "./src/build", "./src/serve", "./src/cli", "./src/search", "./src/trust", "./src/content", "./src/render", "./src/import"].map(
    (from) => ({
      target: "./templates",
      from,
      message: `templates receive view models only and never import ${from.slice(2)} (see docs/architecture.md, "Layers")`,
    }),
  ),
  // What the user reads (src/report/) sits below the CLI and serve, which both use it.
  ...["./src/serve", "./src/cli"].map((from) => ({
    target: "./src/report",
    from,
    message: `the reporting layer never imports ${from.slice(2)} (see docs/architecture.md, "Layers")`,
  })),
];

export default tseslint.config(
  {
    ignores: ["node_modules/", "_site/", "_site.*/", ".cache/", "tmp/", "bench-out/", "content/", "docs/", "schema/", "deploy/"],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // The few JavaScript files outside tsconfig.json's include are linted without types.
          allowDefaultProject: ["*.js", "*.mjs", "bin/*.js", "scripts/bench/baseline/*.js"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
  },
  {
    // Plain JavaScript: the worker entry points, the browser scripts, bin/ and configs.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The browser scripts run in the page, not in Node.
    files: ["templates/assets/*.js", "src/serve/client/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    plugins: { "import-x": importX },
    settings: {
      // Imports name their files with the extension (.ts, .tsx), so Node's resolution finds them.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs"] })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },
  {
    rules: {
      // Matching control characters is the point of the checks on hostile input.
      "no-control-regex": "off",
      // An async function without await is how a function that may throw returns a rejected
      // promise instead, and how a test's fake implements an async interface.
      "@typescript-eslint/require-await": "off",
      // Unused names are TypeScript's job (noUnusedLocals, noUnusedParameters); `_` marks a
      // parameter kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringMatching, expect.any) are typed `any`, and so is
    // what a test parses to look at (JSON, XML); the assertions check their shape.
    files: ["test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
);
