export * from "./orm-error";
export * from "./database-error";
