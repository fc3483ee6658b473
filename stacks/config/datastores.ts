import { z } from "zod";
import { VERSIONING_HNS_RULE } from "../../components/internal";
import { armId, doc, documented, exampleIds, optional } from "./primitives";
import { storageSettings } from "./storage";

/** A workspace's extra datastores (blob containers and ADLS Gen2 file systems). */

/** Azure ML creates these itself; a datastore of the same name would replace a system datastore. */
const SYSTEM_DATASTORES = ["workspaceblobstore", "workspacefilestore", "workspaceartifactstore", "workspaceworkingdirectory"];
const datastoreSchema = z
  .strictObject({
    name: documented(
      z
        .string()
        .regex(/^[A-Za-z0-9_]{1,255}$/, "datastore names are letters, digits and underscores")
        .refine((name) => !SYSTEM_DATASTORES.includes(name.toLowerCase()), `is a system datastore name (${SYSTEM_DATASTORES.join(", ")})`),
      `Datastore name in the workspace: letters, digits and underscores, unique in the workspace ignoring case, and not a system datastore's name (${SYSTEM_DATASTORES.join(", ")}).`,
      { examples: ["raw_data"] },
    ),
    type: optional(z.enum(["blob", "adlsgen2"]), "Blob container or ADLS Gen2 file system.", { default: "blob", examples: ["adlsgen2"] }),
    container: documented(
      z
        .string()
        .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "container names are 3-63 lowercase letters, digits and single hyphens"),
      "Blob container (or file system) name: 3-63 lowercase letters, digits and single hyphens.",
      { examples: ["raw"] },
    ),
    storageAccountId: optional(armId("storageAccount"), "An existing account (ARM id). Exclusive with `create`.", {
      examples: [exampleIds.storageAccount],
    }),
    create: optional(
      storageSettings.omit({ allowSharedKeyAccess: true }),
      "Create a dedicated account for the datastore; premium and hierarchical namespace are fine here. Exclusive with `storageAccountId`.",
      {
        examples: [{ skuName: "Premium_LRS", kind: "BlockBlobStorage", isHnsEnabled: true }],
        keys: {
          skuName: doc("Storage SKU; premium is fine for a datastore.", { default: "Standard_LRS", examples: ["Premium_LRS"] }),
          kind: doc("Account kind.", { default: "StorageV2", examples: ["BlockBlobStorage"] }),
          isHnsEnabled: doc("Hierarchical namespace (ADLS Gen2); an adlsgen2 datastore refuses false.", {
            default: "true for adlsgen2, else false",
          }),
        },
      },
    ),
  })
  .refine((d) => (d.storageAccountId === undefined) !== (d.create === undefined), "set exactly one of 'storageAccountId' or 'create'")
  .refine((d) => !(d.type === "adlsgen2" && d.create?.isHnsEnabled === false), {
    path: ["create", "isHnsEnabled"],
    message: "an adlsgen2 datastore needs an account with hierarchical namespace (leave isHnsEnabled out or set it true)",
  })
  .refine((d) => !(d.create?.dataProtection?.versioning === true && (d.create.isHnsEnabled ?? d.type === "adlsgen2")), {
    path: ["create", "dataProtection", "versioning"],
    message: VERSIONING_HNS_RULE,
  });
export const datastoreListSchema = z.array(datastoreSchema).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((d, i) => {
    const first = seen.get(d.name.toLowerCase());
    if (first !== undefined)
      ctx.addIssue({
        code: "custom",
        path: [i, "name"],
        message: `duplicate datastore name: already used at datastores[${first}] (names ignore case)`,
      });
    else seen.set(d.name.toLowerCase(), i);
  });
});
