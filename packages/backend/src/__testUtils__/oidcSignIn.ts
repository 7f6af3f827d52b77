/**
 * Signs in to the portal's backend through its OIDC provider the way the
 * browser's popup does, with plain HTTP: `GET /api/auth/oidc/start`, the
 * IdP's redirects, its login and consent forms (oidcServer.mjs), back to
 * `/api/auth/oidc/handler/frame`, whose page carries the result for
 * `window.opener.postMessage` as URI-encoded JSON (`authResponse`). Cookies
 * are kept per host.
 */
export async function signInWithOidc(
  backendUrl: string,
  email: string,
): Promise<{ token?: string; userEntityRef?: string; error?: string }> {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL) =>
    [...(jar.get(url.host) ?? new Map()).entries()]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  async function go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ url: string; res: Response }> {
    let target = new URL(url);
    let method = init.method ?? 'GET';
    let body = init.form
      ? new URLSearchParams(init.form).toString()
      : undefined;
    for (let hops = 0; hops < 20; hops++) {
      const res = await fetch(target, {
        method,
        redirect: 'manual',
        headers: {
          cookie: cookieHeader(target),
          ...(body
            ? { 'content-type': 'application/x-www-form-urlencoded' }
            : {}),
        },
        body,
      });
      const cookies = jar.get(target.host) ?? new Map<string, string>();
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
      }
      jar.set(target.host, cookies);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        target = new URL(location, target);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: target.toString(), res };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  let page = await go(
    `${backendUrl}/api/auth/oidc/start?env=production&flow=popup&origin=${encodeURIComponent(
      backendUrl,
    )}&scope=${encodeURIComponent('openid profile email offline_access')}`,
  );
  for (let step = 0; step < 6; step++) {
    const html = await page.res.text();
    const payload = /authResponse = decodeURIComponent\('([^']+)'\)/.exec(
      html,
    )?.[1];
    if (payload) {
      const message = JSON.parse(decodeURIComponent(payload));
      const identity = message.response?.backstageIdentity;
      return identity
        ? {
            token: identity.token,
            userEntityRef: identity.identity?.userEntityRef,
          }
        : { error: message.error?.message ?? JSON.stringify(message) };
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) {
      throw new Error(
        `unexpected page at ${page.url} (${page.res.status}): ${html.slice(
          0,
          500,
        )}`,
      );
    }
    const form: Record<string, string> = /name="login"/.test(html)
      ? { prompt: 'login', login: email, password: 'any' }
      : { prompt: 'consent' };
    page = await go(new URL(action, page.url).toString(), {
      method: 'POST',
      form,
    });
  }
  throw new Error('the sign-in did not finish');
}
