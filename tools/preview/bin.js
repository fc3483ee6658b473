#!/usr/bin/env node
/*
 * `azure-ml-workspaces-preview` (`npm run preview`): an offline `pulumi preview` of a Pulumi TypeScript project's
 * stacks on @pulumi/pulumi's mock runtime, with the CrossGuard policy pack. See host/args.ts for the usage.
 */
"use strict";
require("./boot/register").register();
require("./host/cli").run(process.argv.slice(2));
