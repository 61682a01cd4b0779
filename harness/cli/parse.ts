/**
 * The one argument style of every command: commander with `exitOverride()`. {@link parseArgs}
 * parses and returns the exit code when parsing ended the command (0 for --help, 2 for a
 * bad argument, whose message commander has already printed), undefined to go on.
 */
import type { Command } from 'commander';

export function parseArgs(program: Command, argv: string[]): number | undefined {
  try {
    program.parse(argv, { from: 'user' });
    return undefined;
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
}
