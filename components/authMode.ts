/**
 * docs/azure-rules/workspaces.md AZ-WS-04: with shared-key access off on the default storage, the system datastores
 * must authenticate by identity; `accesskey` would store keys Azure refuses.
 */
export const ACCESSKEY_WITH_KEYS_OFF_RULE =
  "accesskey needs shared-key access on the default storage, which is off (allowSharedKeyAccess false, the default); use identity or allow shared keys";

/** The rule broken, if any. `allowSharedKeyAccess` undefined means Azure's default for an existing account: allowed. */
export function accessKeyModeProblem(mode: string | undefined, allowSharedKeyAccess: boolean | undefined): string | undefined {
  return mode === "accesskey" && allowSharedKeyAccess === false ? ACCESSKEY_WITH_KEYS_OFF_RULE : undefined;
}
