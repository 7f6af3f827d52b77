import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

const EXPIRY_MARGIN_MS = 60_000;

/** Seconds-since-epoch `exp` of a JWT, or undefined when it has none. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bearer token for one Argo CD instance: the configured token, or a session
 * token from `POST /api/v1/session` kept until shortly before its JWT `exp`
 * (other plugins log in before every call).
 */
export class ArgoSession {
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly opts: {
      upstream: string;
      url: string;
      token?: string;
      username?: string;
      password?: string;
      timeoutMs: number;
    },
  ) {}

  /** True when tokens come from username/password and can be renewed. */
  get renewable(): boolean {
    return !this.opts.token;
  }

  async token(): Promise<string> {
    if (this.opts.token) {
      return this.opts.token;
    }
    if (this.cached && Date.now() < this.cached.expiresAt) {
      return this.cached.token;
    }
    // Concurrent callers share one login.
    this.pending ??= this.login().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets a session token Argo CD rejected. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async login(): Promise<string> {
    const res = await fetchUpstream(
      this.opts.upstream,
      `${this.opts.url}/api/v1/session`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          username: this.opts.username,
          password: this.opts.password,
        }),
      },
      this.opts.timeoutMs,
    );
    const body = (await res.json()) as { token?: string };
    if (!body.token) {
      throw new UpstreamFailure(
        'bad-response',
        `${this.opts.upstream} session answer had no token`,
      );
    }
    const exp = jwtExpiry(body.token);
    this.cached = {
      token: body.token,
      // Without exp, keep it an hour; Argo CD's default session lasts 24 h.
      expiresAt: exp ? exp * 1000 - EXPIRY_MARGIN_MS : Date.now() + 3_600_000,
    };
    return body.token;
  }
}
