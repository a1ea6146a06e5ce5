export * from "./errors";
export * from "./auth/roles";
export * from "./accounts/account-fields";
export * from "./money/minor-units";
