import type { ChildProcess } from 'node:child_process';

/**
 * Helpers for a Taiwa server run as a child process (the durability test, the own-server e2e specs,
 * the benchmarks and the soak). Self-contained: the e2e specs import it without the application.
 */

/** Collects what `child` writes to stdout and stderr (when piped); returns a reader of it so far. */
export function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return () => output;
}

/**
 * Waits until `${origin}/healthz` answers 200. Fails at once when `child` exits first, and after
 * `timeoutMs`; both failures carry what the server printed (`output`).
 */
export async function untilHealthy(origin: string, child: ChildProcess, options: { output?: () => string; timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const { output = () => '', timeoutMs = 300_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) while starting:\n${output()}`);
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`the server did not answer on /healthz within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The `Cookie` header that the Set-Cookie headers of `res` would make a browser send. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

/** Signs in with e-mail and password (from the server's own origin); the session's `Cookie` header. */
export async function signInCookie(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  return cookieFrom(res.headers);
}
