import { Cookie, CookieJar } from 'tough-cookie';

/** What a step may assert about a cookie: its value and every attribute the server set. */
export interface CookieView {
  name: string;
  value: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string | undefined;
  path: string | undefined;
  domain: string | undefined;
  expires: Date | undefined;
  maxAge: number | undefined;
}

/** Parses one `Set-Cookie` header; undefined when it is not a cookie at all. */
export function parseSetCookie(header: string): CookieView | undefined {
  const cookie = Cookie.parse(header, { loose: true });
  return cookie ? view(cookie) : undefined;
}

/** True when the header tells the client to drop the cookie (empty value, past expiry or Max-Age ≤ 0). */
export function isClearing(cookie: CookieView, now = new Date()): boolean {
  if (cookie.maxAge !== undefined && cookie.maxAge <= 0) return true;
  if (cookie.expires && cookie.expires.getTime() <= now.getTime()) return true;
  return cookie.value === '' && cookie.maxAge === undefined && cookie.expires === undefined;
}

function view(cookie: Cookie): CookieView {
  const sameSite = cookie.sameSite === 'none' && !/samesite/i.test(cookie.toString()) ? undefined : cookie.sameSite;
  return {
    name: cookie.key,
    value: cookie.value,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: sameSite ?? undefined,
    path: cookie.path ?? undefined,
    domain: cookie.domain ?? undefined,
    expires: cookie.expires instanceof Date ? cookie.expires : undefined,
    maxAge: typeof cookie.maxAge === 'number' ? cookie.maxAge : undefined,
  };
}

/**
 * One actor's cookies: a tough-cookie jar (RFC 6265 rules, Secure cookies allowed on loopback) with the
 * read and write operations the steps need.
 */
export class ActorCookieJar {
  readonly #jar = new CookieJar(undefined, { looseMode: true });
  /** Nothing was ever put in: tough-cookie's lookup (domain and path matching) has nothing to find. */
  #empty = true;

  async headerFor(url: string): Promise<string> {
    return this.#empty ? '' : this.#jar.getCookieString(url);
  }

  async store(setCookieHeaders: readonly string[], url: string): Promise<void> {
    for (const header of setCookieHeaders) {
      this.#empty = false;
      // A malformed or foreign-domain cookie is the server's problem to be reported, not a crash here.
      await this.#jar.setCookie(header, url, { ignoreError: true });
    }
  }

  async get(name: string, url: string): Promise<CookieView | undefined> {
    if (this.#empty) return undefined;
    const cookies = await this.#jar.getCookies(url, { allPaths: true });
    const found = cookies.find((cookie) => cookie.key === name);
    return found ? view(found) : undefined;
  }

  /** Puts a cookie in the jar as a client would after copying it (e.g. replaying a stolen session). */
  async put(name: string, value: string, url: string): Promise<void> {
    this.#empty = false;
    // A prefixed name is only stored with the attributes its prefix demands (RFC 6265bis §4.1.3).
    await this.#jar.setCookie(`${name}=${value}; Path=/${/^__(Secure|Host)-/.test(name) ? '; Secure' : ''}`, url);
  }

  async remove(name: string, url: string): Promise<void> {
    if (this.#empty) return;
    await this.#jar.setCookie(`${name}=; Path=/; Max-Age=0`, url, { ignoreError: true });
  }
}
