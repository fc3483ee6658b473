"use strict";
/** See deferredModules.js. */
module.exports = require("./deferredModules")("typescript");
