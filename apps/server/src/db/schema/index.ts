export * from "./accounts";
export * from "./auth";
export * from "./health";
export * from "./instance";
export * from "./lifecycle";
export * from "./playbooks";
export * from "./success-plans";
export * from "./usage";
