import { parseSetCookie, type CookieView } from './cookies';

/** A response as the steps see it: status, headers, body text, and the cookies this very response set. */
export class HttpResponse {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
    /** The earlier hops of a followed redirect chain, first hop first. */
    readonly redirects: readonly HttpResponse[] = [],
  ) {}

  header(name: string): string | undefined {
    return this.headers.get(name) ?? undefined;
  }

  /** Every `Set-Cookie` of this response, parsed (a followed chain's hops keep their own). */
  get setCookies(): CookieView[] {
    return this.headers.getSetCookie().flatMap((header) => parseSetCookie(header) ?? []);
  }

  setCookie(name: string): CookieView | undefined {
    return this.setCookies.find((cookie) => cookie.name === name);
  }

  json<T = unknown>(): T {
    try {
      return JSON.parse(this.body) as T;
    } catch {
      throw new Error(`${this.method} ${new URL(this.url).pathname} answered ${this.status} with a body that is not JSON`);
    }
  }

  /** The whole chain, first hop first, ending with this response. */
  get chain(): HttpResponse[] {
    return [...this.redirects, this];
  }
}
