/**
 * The error classes that carry an exit code (CLI.md "Exit codes"). Only
 * `src/cli` turns them into messages; everything else just throws.
 */
import type { Issue } from './model/issue.js';

/** Base class: an error that ends the run with `exitCode`. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage (exit 2). */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(message, 2);
  }
}

/**
 * Invalid input data (exit 2). Carries every problem found, errors and
 * warnings alike, so the user sees all of them at once.
 */
export class InputError extends ExitError {
  constructor(readonly issues: readonly Issue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error').length;
    super(`${errors} error${errors === 1 ? '' : 's'} in the input data`, 2);
  }
}

/** A run that completed but found what CI asked about (exit 1). */
export class CheckFailedError extends ExitError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** The output could not be written (exit 2): the message names the folder and the OS reason. */
export class WriteError extends ExitError {
  constructor(message: string) {
    super(message, 2);
  }
}
