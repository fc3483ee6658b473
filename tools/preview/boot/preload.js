/* Preloaded (`node -r`) into every stack worker: TypeScript through esbuild, and the SDK's unused modules deferred. */
"use strict";
require("./deferredModules").install();
require("./register").register();
