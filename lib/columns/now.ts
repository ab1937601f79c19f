/** The type of `now`, the marker of a default or autoUpdate taken from the current date and time. */
export class Now {
  declare private readonly nowBrand: true;

  toString(): string {
    return "now";
  }
}

/**
 * The current date and time as a default or autoUpdate of a Timestamp, Timestamptz, DateColumn or
 * Time column: `Timestamptz({ default: now, autoUpdate: now })`. A `now` default is also the
 * database's own column default (PostgreSQL CURRENT_TIMESTAMP in UTC, SQLite strftime() in the text
 * format piccolo stores), so rows inserted outside the ORM get it too.
 */
export const now: Now = Object.freeze(new Now()) as Now;

/** Options of the date and time columns: `default` and `autoUpdate` also take `now`. */
export type WithNow<TOptions extends { default?: unknown; autoUpdate?: unknown }> = Omit<
  TOptions,
  "default" | "autoUpdate"
> & {
  /** A constant, a function called for each new row, or `now` (also the database's default). */
  default?: TOptions["default"] | Now;
  /** The value every update() and save() writes unless it sets the column itself: a constant, a function, or `now`. */
  autoUpdate?: TOptions["autoUpdate"] | Now;
};
