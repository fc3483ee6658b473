/** Preloaded into every stack worker right after ts-node: the worker's own modules then load through the cache. */
import { cacheTypeScriptOutput } from "./transpileCache";

cacheTypeScriptOutput();
