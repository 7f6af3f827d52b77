/**
 * Command-line options of the bench scripts (here and in
 * plugins/stack-backend/bench): `--name value`.
 */

/** The value after `--name`, else `fallback`. */
export function benchArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 || i + 1 >= process.argv.length ? fallback : process.argv[i + 1];
}

/** The number after `--name`, else `fallback`; anything else is refused by name. */
export function benchNumber(name: string, fallback: number): number {
  const value = Number(benchArg(name, String(fallback)));
  if (!Number.isFinite(value)) {
    throw new Error(`--${name} must be a number`);
  }
  return value;
}
