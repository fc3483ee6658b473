/**
 * `npm run preview`: an offline `pulumi preview` of a Pulumi TypeScript project's stacks on @pulumi/pulumi's mock
 * runtime, with the CrossGuard policy pack. See USAGE in args.ts; exit codes in types.ts.
 *
 * Everything past this entry loads through the transpile cache (ts-node compiled this file already).
 */
import { cacheTypeScriptOutput } from "./transpileCache";

cacheTypeScriptOutput();

// Loaded after the cache is in place, hence require rather than a (hoisted) import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require("./cliMain") as typeof import("./cliMain");

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}\n`);
    process.exit(2);
  },
);
