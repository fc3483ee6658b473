export * from "./budgetRules";
export * from "./budget";
export * from "./usageQueries";
export * from "./workbookContent";
export * from "./usageWorkbook";
export * from "./idleCost";
export * from "./footprint";
