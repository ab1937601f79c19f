// The query tree: plain data that the query builders produce and the dialect compilers render.
export * from "./data-type";
export type * from "./expression";
export type * from "./query";
export type * from "./schema";
