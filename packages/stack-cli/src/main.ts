import path from 'node:path';
import { check, CliError, EXIT, generate, Io, pin, validate } from './commands';

export const HELP = `Usage: stack <command> [options]

Commands:
  validate <stack.yaml>             check a stack description; every issue is listed
                                    (with --systems: warn where the system registry differs)
  generate <stack.yaml> -o <dir>    write <dir>/deploy (Kustomize base + dev/stage/prod overlays)
  check <dir>                       regenerate from <dir>/stack.yaml and diff against <dir>/deploy
                                    (image pins are data: validated, never diffed)
  pin <dir> <env> <component>=<ref>...
                                    set the image pins of one environment (ref: a tag or
                                    sha256:<digest>; stage/prod refuse mutable tags)

Options:
  -o, --output <dir>   output directory of generate (default: the stack.yaml's directory)
  --systems <dir>      validate: the system registry (argocd/systems) to compare policies with
  -h, --help           show this help

Exit codes:
  0  success
  1  the stack description or an image pin is invalid (issues on stderr, each with its [rule])
  2  usage or file error (also a symbolic link, or a path leaving the directory)
  3  check: committed manifests have drifted (diff on stdout)
`;

/** Runs the CLI and returns its exit code; never throws. */
export function main(argv: string[], io: Io): number {
  const args: string[] = [];
  let output: string | undefined;
  let systems: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '-o' || a === '--output') {
      output = argv[++i];
      if (!output) return usage(io, `${a} needs a directory`);
    } else if (a === '--systems') {
      systems = argv[++i];
      if (!systems) return usage(io, `${a} needs a directory`);
    } else if (a.startsWith('-')) {
      return usage(io, `unknown option ${a}`);
    } else args.push(a);
  }
  const [command, target, ...rest] = args;
  if (!command) return usage(io, 'missing command');
  if (command === 'pin') {
    if (!target || rest.length < 2)
      return usage(io, 'pin needs <dir> <env> <component>=<tag|sha256:digest>');
    return run(io, () => pin(target, rest[0], rest.slice(1), io));
  }
  if (rest.length > 0) return usage(io, `unexpected argument ${rest[0]}`);
  return run(io, () => {
    switch (command) {
      case 'validate':
        if (!target) return usage(io, 'validate needs <stack.yaml>');
        return validate(target, io, systems);
      case 'generate':
        if (!target) return usage(io, 'generate needs <stack.yaml>');
        return generate(target, output ?? path.dirname(target), io);
      case 'check':
        if (!target) return usage(io, 'check needs <dir>');
        return check(target, io);
      default:
        return usage(io, `unknown command ${command}`);
    }
  });
}

/** Runs a command, turning what it throws into its exit code. */
function run(io: Io, command: () => number): number {
  try {
    return command();
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    io.err(`stack: ${(e as Error).message}`);
    return EXIT.usage;
  }
}

function usage(io: Io, message: string): number {
  io.err(`stack: ${message}\nRun \`stack --help\` for usage.`);
  return EXIT.usage;
}
