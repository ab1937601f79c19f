/** The app module lib/apps/table-finder.ts's @example imports as "./tables"; only type-checked. */
export { Manager, Band } from "../playground";
