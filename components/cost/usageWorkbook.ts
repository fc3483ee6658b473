import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as naming from "../naming";
import { assertUsageWorkbookIds, usageWorkbookJson, usageWorkbookName } from "./workbookContent";

export interface UsageWorkbookArgs {
  /** Where the workbook lives; usually the workspace's resource group. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's location (the provider's `location`). */
  readonly location?: pulumi.Input<string>;
  /** ARM id of the Azure ML workspace whose diagnostic logs the workbook shows. */
  readonly workspaceResourceId: pulumi.Input<string>;
  /** ARM id of the Log Analytics workspace its diagnostic settings write to: the workbook's source. */
  readonly logAnalyticsWorkspaceId: pulumi.Input<string>;
  /** Storage account for the storage-used chart (its metrics must reach Log Analytics). Defaults to none. */
  readonly storageAccountId?: pulumi.Input<string>;
  /** Logical key the workbook's GUID name derives from, with project and stack. Defaults to the component name. */
  readonly key?: string;
  /** Shown in the portal's workbook gallery; unique per resource group. Defaults to `Azure ML usage: <key>`. */
  readonly displayName?: pulumi.Input<string>;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One shared Azure Monitor workbook per workspace: job runs and failures, compute in use, online endpoint
 * requests and errors, storage used and Log Analytics ingestion, over the workspace's diagnostic logs.
 */
export class UsageWorkbook extends pulumi.ComponentResource {
  public readonly workbook: applicationinsights.Workbook;
  public readonly workbookId: pulumi.Output<string>;
  /** The GUID name, known before deployment. */
  public readonly workbookName: string;

  constructor(name: string, args: UsageWorkbookArgs, opts?: pulumi.ComponentResourceOptions) {
    const key = args.key ?? name;
    // Both throw before anything is registered: for ids already known to be wrong, and for an empty key.
    assertUsageWorkbookIds(args);
    const workbookName = usageWorkbookName({ project: pulumi.getProject(), stack: pulumi.getStack(), key });
    super("azure-ml-workspaces:cost:UsageWorkbook", name, {}, opts);
    this.workbookName = workbookName;
    const displayName = args.displayName ?? `Azure ML usage: ${key}`;
    const serializedData = pulumi
      .all([args.workspaceResourceId, args.logAnalyticsWorkspaceId, args.storageAccountId, displayName])
      .apply(([workspaceResourceId, logAnalyticsWorkspaceId, storageAccountId, title]) =>
        usageWorkbookJson({ workspaceResourceId, logAnalyticsWorkspaceId, storageAccountId, title }),
      );
    this.workbook = new applicationinsights.Workbook(
      naming.childName(name, "workbook"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        resourceName: workbookName,
        kind: "shared",
        category: "workbook",
        displayName,
        // ARM ids are case-insensitive; one lowercase form keeps the diff stable between runs.
        sourceId: pulumi.output(args.logAnalyticsWorkspaceId).apply((id) => id.toLowerCase()),
        serializedData,
        version: "Notebook/1.0",
        tags: args.tags,
      },
      { parent: this },
    );
    this.workbookId = this.workbook.id;
    this.registerOutputs({ workbookId: this.workbookId });
  }
}
