/**
 * A reason the server must not start, said in words an operator can act on. `main` prints the
 * message alone (no stack trace) and exits non-zero.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
