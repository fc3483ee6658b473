#!/usr/bin/env node
/* `azure-ml-workspaces-preview` (`npm run preview`): the offline check's host; see README.md and `--help`. */
"use strict";
require("./boot/register").register();
require("./host/cli")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
