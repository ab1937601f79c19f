import { expect } from "chai";
import { decimalKey, encodeKeyed, keyedToText, scaledToText } from "../../lib/sql/dialects/sqlite/numeric";
import { formatDecimal, parseDecimal, rescale } from "../../lib/utils/decimal";

/** Compares two decimals exactly, as bigints at a common scale. */
function compare(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale)! - rescale(y, scale)!;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

describe("SQLite Numeric encodings", () => {
  it("parse and print as PostgreSQL does: no exponent, the scale written", () => {
    const cases: [string, string][] = [
      ["1.50e1", "15.0"],
      [".5", "0.5"],
      ["-.5", "-0.5"],
      ["+7", "7"],
      ["1e3", "1000"],
      ["-0.00", "0.00"],
      ["12345678901234567890.123456789", "12345678901234567890.123456789"],
    ];
    for (const [input, text] of cases) expect(formatDecimal(parseDecimal(input)), input).to.equal(text);
  });

  it("round half away from zero, or floor/ceil/exact as comparisons need", () => {
    const at2 = (text: string, rounding?: "floor" | "ceil" | "exact") => rescale(parseDecimal(text), 2, rounding);
    expect([at2("2.345"), at2("-2.345"), at2("0.005"), at2("-0.005"), at2("0.0049")]).to.deep.equal([
      235n,
      -235n,
      1n,
      -1n,
      0n,
    ]);
    expect([
      at2("35.251", "floor"),
      at2("35.251", "ceil"),
      at2("-35.251", "floor"),
      at2("-35.251", "ceil"),
      at2("35.251", "exact"),
      at2("35.25", "exact"),
    ]).to.deep.equal([3525n, 3526n, -3526n, -3525n, undefined, 3525n]);
  });

  it("keys sort exactly as the values do, and a key followed by a space sorts before longer keys it prefixes", () => {
    const values = [
      "0",
      "0.00",
      "1",
      "1.2",
      "1.23",
      "1.200",
      "-1.2",
      "-1.23",
      "-1",
      "10",
      "9.99",
      "-10",
      "-9.99",
      "0.001",
      "-0.001",
      "120.00",
      "35.25",
      "12345678901234567890.123456789",
      "-12345678901234567890.123456789",
      "1e-30",
      "-1e-30",
      "99999999999999999999",
      "100000000000000000000",
    ];
    let seed = 7;
    for (let i = 0; i < 120; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const digits = String(seed).slice(0, 1 + (seed % 9));
      const scale = seed % 5;
      values.push(
        `${seed % 2 ? "-" : ""}${digits.slice(0, -scale || undefined) || "0"}${scale ? `.${digits.slice(-scale).padStart(scale, "0")}` : ""}`,
      );
    }
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const a of values) {
      for (const b of values) {
        const stored = byText(encodeKeyed(parseDecimal(a)), `${decimalKey(parseDecimal(b))} `);
        const expected = compare(a, b);
        if (expected !== 0) expect(Math.sign(stored), `${a} vs ${b}`).to.equal(expected);
        expect(
          Math.sign(byText(`${decimalKey(parseDecimal(a))} `, `${decimalKey(parseDecimal(b))} `)),
          `${a} vs ${b}`,
        ).to.equal(expected);
      }
    }
  });

  it("read back the display text, and earlier versions' plain text", () => {
    expect(keyedToText(encodeKeyed(parseDecimal("-2.50")))).to.equal("-2.50");
    expect(keyedToText("12.50")).to.equal("12.50");
    expect([scaledToText(1250, 2), scaledToText("-5", 2), scaledToText(7n, 0), scaledToText("12.5", 2)]).to.deep.equal([
      "12.50",
      "-0.05",
      "7",
      "12.50",
    ]);
  });
});
