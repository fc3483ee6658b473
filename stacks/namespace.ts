/** The program's config namespace (`azure-ml-workspaces:workspaces`). No imports, so tools can read it without loading the components. */
export const NAMESPACE = "azure-ml-workspaces";
