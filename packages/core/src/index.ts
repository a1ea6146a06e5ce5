export * from "./accounts/account-fields";
export * from "./auth/roles";
export * from "./errors";
export * from "./money/minor-units";
