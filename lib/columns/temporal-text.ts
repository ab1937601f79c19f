declare const temporalBrand: unique symbol;

/**
 * A `DateColumn()` field's type when date functions should take it: "YYYY-MM-DD" text, marked as a date
 * (`born!: DateString`). Any string is accepted as a value; the mark only tells it from other text.
 */
export type DateString = string & { readonly [temporalBrand]?: "date" };

/** A `Time()` field's type when date functions should take it: "HH:MM:SS" text, marked as a time. */
export type TimeString = string & { readonly [temporalBrand]?: "time" };

/** True for a Date, a DateString or a TimeString (nullable or not); false for other text. */
export type IsTemporal<TValue> = [NonNullable<TValue>] extends [Date]
  ? true
  : typeof temporalBrand extends keyof NonNullable<TValue>
    ? true
    : false;
