/**
 * Runs a suite with the process in another time zone (Node reads TZ anew when it changes), and
 * puts the zone back after it.
 */
export function useProcessTimeZone(zone: string): void {
  const saved = process.env.TZ;
  before(() => {
    process.env.TZ = zone;
  });
  after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
