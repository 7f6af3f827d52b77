/**
 * `stack` command line: validate, generate and check stack.yaml.
 *
 * @packageDocumentation
 */
import { main } from './main';

process.exitCode = main(process.argv.slice(2), {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
});
