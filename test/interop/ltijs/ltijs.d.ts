// Minimal hand-written declarations for the parts of ltijs 5.9.9 and ltijs-sequelize 2.4.4 that
// test/interop/ltijs/ltijs-tool.ts uses. Both packages are CommonJS and ship no types.
// Shapes are taken from node_modules/ltijs/dist/Provider/Provider.js and
// node_modules/ltijs-sequelize/dist/DB.js; anything not listed here is deliberately not exposed.

declare module 'ltijs' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  namespace ltijs {
    /** Object stored by `Provider.setup({ plugin })`; ltijs-sequelize's Database satisfies it. */
    interface DatabasePlugin {
      setup(): Promise<true>;
      Close(): Promise<true>;
    }

    interface CookieOptions {
      /** Only `true` has an effect; ltijs's default is `secure: false`. */
      secure?: boolean;
      /** Passed to express `res.cookie`; ltijs sets no SameSite attribute unless given. */
      sameSite?: 'Lax' | 'Strict' | 'None';
      domain?: string;
    }

    interface SetupOptions {
      appRoute?: string;
      loginRoute?: string;
      keysetRoute?: string;
      dynRegRoute?: string;
      /** If true, missing state / session cookies are tolerated. Never used here. */
      devMode?: boolean;
      /** Max allowed age of the id_token `iat`, seconds; default 10; `false` disables. */
      tokenMaxAge?: number | false;
      cookies?: CookieOptions;
      cors?: boolean;
    }

    interface DeployOptions {
      /** Ignored when `serverless`; a falsy value (including 0) means 3000. */
      port?: number;
      silent?: boolean;
      /** Do not create an express listener; only connect the database. */
      serverless?: boolean;
    }

    interface PlatformRegistration {
      url: string;
      name: string;
      clientId: string;
      authenticationEndpoint: string;
      accesstokenEndpoint: string;
      authorizationServer?: string;
      authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
    }

    /** ltijs's Platform object; every accessor is async. */
    interface Platform {
      platformKid(): Promise<string>;
      platformClientId(): Promise<string>;
    }

    /** Context token built from the id_token (res.locals.context / token.platformContext). */
    interface ContextToken {
      contextId: string;
      user: string;
      path: string;
      messageType?: string;
      version?: string;
      targetLinkUri?: string;
      roles?: string[] | null;
      resource?: { id?: string; title?: string } | null;
      context?: { id?: string; label?: string; title?: string } | null;
      custom?: Record<string, unknown> | null;
    }

    /** Platform token built from the id_token (res.locals.token), passed to onConnect. */
    interface IdToken {
      iss: string;
      user: string;
      clientId: string;
      deploymentId: string;
      platformId: string;
      userInfo?: { given_name?: string; family_name?: string; name?: string; email?: string };
      platformContext: ContextToken;
    }

    /** The subset of the express response used in callbacks. */
    interface Response extends ServerResponse {
      status(code: number): Response;
      type(contentType: string): Response;
      send(body: string | Buffer | Record<string, unknown>): Response;
      locals: Record<string, unknown>;
    }

    type Request = IncomingMessage;
    type Next = () => void;
    type ConnectCallback = (token: IdToken, req: Request, res: Response, next: Next) => unknown;

    interface Provider {
      /** Express application; usable as a node:http request listener once setup() ran. */
      readonly app: (req: IncomingMessage, res: ServerResponse) => void;
      setup(encryptionKey: string, database: { plugin: DatabasePlugin }, options?: SetupOptions): Provider;
      deploy(options?: DeployOptions): Promise<true>;
      close(options?: { silent?: boolean }): Promise<true>;
      onConnect(callback: ConnectCallback): true;
      registerPlatform(platform: PlatformRegistration): Promise<Platform>;
      appRoute(): string;
      loginRoute(): string;
      keysetRoute(): string;
      dynRegRoute(): string;
    }

    /** `new` on the Provider class (reachable only through the singleton's prototype). */
    type ProviderClass = new () => Provider;
  }

  /** index.js: `exports.Provider = require('./dist/Provider/Provider')`, i.e. a singleton instance. */
  const ltijs: { Provider: ltijs.Provider };
  export = ltijs;
}

declare module 'ltijs-sequelize' {
  import type { DatabasePlugin } from 'ltijs';

  /** Subset of Sequelize constructor options that matter for sqlite. */
  interface SequelizeOptions {
    dialect: 'sqlite';
    storage: string;
    logging: false | ((sql: string) => void);
  }

  class Database implements DatabasePlugin {
    constructor(database: string, user: string | null, pass: string | null, options: SequelizeOptions);
    setup(): Promise<true>;
    Close(): Promise<true>;
  }
  export = Database;
}
