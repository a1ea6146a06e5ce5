export * from "./accounts/account-fields";
export * from "./auth/roles";
export * from "./contracts/contract-fields";
export * from "./csv/csv-columns";
export * from "./csv/csv-rows";
export * from "./csv/csv-values";
export * from "./errors";
export * from "./money/minor-units";
