// Authorised calls to AGS and NRPS: bearer token per scope set, one retry with a fresh token on 401
// (NT-T-46), and reading every page of a paged collection.
import { PlatformError, send, type HttpResult } from './http.js';
import { TokenClient, type ServiceDeps } from './token.js';

const MAX_PAGES = 100;

export interface Call {
  step: string;
  scopes: readonly string[];
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Where the page after `res` is (the `pageIndex`-th page, 1-based, was just read), or undefined. */
export type NextPage = (res: HttpResult, pageIndex: number) => string | undefined;

export class ServiceClient {
  readonly tokens: TokenClient;
  // Last score timestamp per line item and user: timestamps must strictly increase ([AGS] §3.4.9).
  readonly #lastScoreAt = new Map<string, number>();

  constructor(readonly deps: ServiceDeps) {
    this.tokens = new TokenClient(deps);
  }

  /** One call; any non-2xx answer (after the 401 retry) is a PlatformError. */
  async call(c: Call): Promise<HttpResult> {
    const once = async (): Promise<HttpResult> => {
      const token = await this.tokens.token(c.scopes);
      return send(c.step, c.method, c.url, { ...c.headers, authorization: `Bearer ${token}` }, c.body);
    };
    let res = await once();
    if (res.status === 401 && !this.deps.flaws.has('token-never-renews')) {
      this.tokens.drop(c.scopes);
      res = await once();
    }
    if (res.status < 200 || res.status > 299) throw new PlatformError(c.step, c.url, res.status, res.body);
    return res;
  }

  /** GETs `first` and every following page that `next` names. */
  async readAll(step: string, scopes: readonly string[], first: string, accept: string, next: NextPage): Promise<HttpResult[]> {
    const pages: HttpResult[] = [];
    let url: string | undefined = first;
    while (url !== undefined) {
      if (pages.length >= MAX_PAGES) throw new PlatformError(step, url, 0, `stopped after ${MAX_PAGES} pages`);
      const res = await this.call({ step, scopes, method: 'GET', url, headers: { accept } });
      pages.push(res);
      url = next(res, pages.length);
    }
    return pages;
  }

  /** A timestamp (ms) later than the previous one for this line item and user, never equal. */
  scoreTime(lineItem: string, userId: string): number {
    const key = `${lineItem} ${userId}`;
    const at = Math.max(this.deps.now(), (this.#lastScoreAt.get(key) ?? -Infinity) + 1);
    if (this.#lastScoreAt.size > 10_000) this.#lastScoreAt.clear();
    this.#lastScoreAt.set(key, at);
    return at;
  }
}
