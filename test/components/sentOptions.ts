/**
 * What the engine would receive as each registration's resource options, read off the mock monitor's requests (Pulumi's
 * mocks hand `newResource` only inputs and the provider): protect, provider, retainOnDelete, deletedWith, ignoreChanges.
 */
export interface SentOptions {
  type: string;
  name: string;
  custom: boolean;
  /** Undefined when the request left it unset (the engine then treats it as false). */
  protect?: boolean;
  retainOnDelete?: boolean;
  /** Provider reference `<urn>::<id>`, "" for the default provider. */
  provider: string;
  deletedWith: string;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
}

export interface SentInvoke {
  token: string;
  provider: string;
}

const optional = (req: any, has: string, get: string): boolean | undefined =>
  typeof req[has] === "function" && !req[has]() ? undefined : req[get]();

/** Wraps the installed mock monitor; call after `installMocks`. */
export function recordSentOptions(): { registrations: SentOptions[]; invokes: SentInvoke[] } {
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): any };
  const monitor = settings.getMonitor();
  const registrations: SentOptions[] = [];
  const invokes: SentInvoke[] = [];
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    registrations.push({
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      protect: optional(req, "hasProtect", "getProtect"),
      retainOnDelete: optional(req, "hasRetainondelete", "getRetainondelete"),
      provider: req.getProvider(),
      deletedWith: req.getDeletedwith(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, callback);
  };
  const invoke = monitor.invoke.bind(monitor);
  monitor.invoke = (req: any, callback: unknown) => {
    invokes.push({ token: req.getTok(), provider: req.getProvider() });
    return invoke(req, callback);
  };
  return { registrations, invokes };
}
