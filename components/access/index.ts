export * from "./roleCatalog";
export * from "./assignmentNames";
export * from "./accessModel";
export * from "./entraGroups";
export * from "./customRoles";
export * from "./roleBindings";
