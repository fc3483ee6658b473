// ESLint flat config: typescript-eslint's syntax-only rules (no type information, so linting stays fast) and the
// ban on the root `@pulumi/azure-native` import, which loads ~257 service modules and 16 MB of typings (style-anchors §7).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const AZURE_NATIVE_ROOT = "import an azure-native submodule (e.g. @pulumi/azure-native/storage): the root loads every service";

/** no-restricted-imports options: the root by name (`paths`) and its other spellings, `/`, `/index`, `/index.js` (`patterns`). */
export const noRootAzureNative = {
  paths: [{ name: "@pulumi/azure-native", message: AZURE_NATIVE_ROOT }],
  patterns: [{ regex: "^@pulumi/azure-native/(?:index(?:\\.js)?)?$", message: AZURE_NATIVE_ROOT }],
};

/** What a CommonJS script may use without declaring it (no `globals` package needed for so few). */
const NODE_GLOBALS = Object.fromEntries(
  ["require", "module", "exports", "process", "__dirname", "__filename", "console", "performance", "Buffer", "URL"]
    .concat(["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate"])
    .map((name) => [name, "readonly"]),
);

export default defineConfig(
  { ignores: ["dist/", "out/", ".scratch/", ".preview/", "coverage/", "**/node_modules/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // The TypeScript variant also sees `import x = require(...)`; the base rule is off so it does not report twice.
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", noRootAzureNative],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests load modules after installing mocks (require) and read untyped SDK internals and JSON (any).
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: NODE_GLOBALS },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
