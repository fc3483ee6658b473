/** See pulumiTypeScript.js: ts-node registered as `@pulumi/pulumi/cmd/run/run.js` does. */
export function registerPulumiTypeScript(pulumiDir: string, options?: { transpileOnly?: boolean }): void;
