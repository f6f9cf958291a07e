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
      /** Dynamic Registration service (Provider/Services/DynamicRegistration.js); url and name are required. */
      dynReg?: { url: string; name: string; autoActivate?: boolean; useDeepLinking?: boolean; description?: string };
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
      /** No argument: whether active (true when no status row exists). With one: stores it (Utils/Platform.js). */
      platformActive(active?: boolean): Promise<boolean>;
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
      /** The deep_linking_settings claim as received (ltijs does not validate it). */
      deepLinkingSettings?: DeepLinkingSettings | null;
      /** The AGS endpoint claim as received. */
      endpoint?: AgsEndpoint | null;
      /** The NRPS claim as received. */
      namesRoles?: { context_memberships_url?: string; service_versions?: string[] } | null;
    }

    interface DeepLinkingSettings {
      deep_link_return_url?: string;
      accept_types?: string[];
      accept_presentation_document_targets?: string[];
      accept_media_types?: string;
      /** ltijs treats `false` and `'false'` as false, anything else (absent included) as true. */
      accept_multiple?: boolean | string;
      auto_create?: boolean;
      title?: string;
      text?: string;
      data?: string;
    }

    interface AgsEndpoint {
      scope?: string[];
      lineitems?: string;
      lineitem?: string;
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

    /**
     * What ltijs's services read from an idtoken (Grade.js, NamesAndRoles.js): iss and clientId find
     * the registered platform (its token endpoint and private key); `user` is the default score userId;
     * platformContext.endpoint.lineitems is the container for getLineItems / createLineItem;
     * platformContext.namesRoles.context_memberships_url the roster; resource.id only for
     * `resourceLinkId` options. A full IdToken satisfies it.
     */
    interface ServiceToken {
      iss: string;
      clientId: string;
      deploymentId?: string;
      user?: string;
      platformContext: {
        endpoint?: AgsEndpoint | null;
        namesRoles?: { context_memberships_url?: string } | null;
        resource?: { id?: string } | null;
      };
    }

    /** Links parsed from the Link header (parse-link-header), present when the platform sent them. */
    interface PageLinks {
      next?: string;
      prev?: string;
      first?: string;
      last?: string;
    }

    interface LineItem {
      id?: string;
      label: string;
      scoreMaximum: number;
      resourceId?: string;
      resourceLinkId?: string;
      tag?: string;
      startDateTime?: string;
      endDateTime?: string;
    }

    interface Score {
      userId?: string;
      scoreGiven?: number;
      scoreMaximum?: number;
      comment?: string;
      activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
      gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
      /** Always overwritten by ltijs with `new Date().toISOString()`. */
      timestamp?: string;
    }

    /** Provider.Grade (dist/Provider/Services/Grade.js). Every call fetches or reuses a cached access token. */
    interface GradeService {
      /** One page: the container's (or options.url's) body as `lineItems`, plus its Link header. */
      getLineItems(idtoken: ServiceToken, options?: { url?: string; resourceLinkId?: boolean; resourceId?: string; tag?: string; limit?: number; id?: string; label?: string }): Promise<PageLinks & { lineItems: LineItem[] }>;
      createLineItem(idtoken: ServiceToken, lineItem: LineItem, options?: { resourceLinkId?: boolean }): Promise<LineItem>;
      /** POSTs to `<lineItemId path>/scores<query>`; returns the score it sent. */
      submitScore(idtoken: ServiceToken, lineItemId: string, score: Score): Promise<Score>;
      /** One page of `<lineItemId path>/results<query>` (or options.url) as `scores`, plus its Link header. */
      getScores(idtoken: ServiceToken, lineItemId: string, options?: { url?: string; userId?: string; limit?: number }): Promise<PageLinks & { scores: unknown[] }>;
    }

    interface Membership {
      user_id: string;
      roles: string[];
      status?: string;
      [claim: string]: unknown;
    }

    /** Provider.NamesAndRoles (dist/Provider/Services/NamesAndRoles.js). */
    interface NamesAndRolesService {
      /** `pages` (default 1) caps the pages followed; `false` follows every rel="next". */
      getMembers(idtoken: ServiceToken, options?: { pages?: number | false; url?: string; role?: string; limit?: number; resourceLinkId?: boolean }): Promise<{ id?: string; context?: Record<string, unknown>; members: Membership[]; next?: string; differences?: string }>;
    }

    interface ContentItem {
      type: string;
      [property: string]: unknown;
    }

    interface DeepLinkingOptions {
      message?: string;
      errMessage?: string;
      log?: string;
      errLog?: string;
    }

    /** Provider.DeepLinking (dist/Provider/Services/DeepLinking.js). */
    interface DeepLinkingService {
      /** The signed response in ltijs's auto-submitting form (Templates/DeepLinkSubmissionForm.html), action = deep_link_return_url. */
      createDeepLinkingForm(idtoken: IdToken, contentItems: ContentItem[], options?: DeepLinkingOptions): Promise<string>;
      /** The signed LtiDeepLinkingResponse JWT; items are filtered by accept_types and cut to one unless accept_multiple. */
      createDeepLinkingMessage(idtoken: IdToken, contentItems: ContentItem[], options?: DeepLinkingOptions): Promise<string>;
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
      /** Called instead of onConnect when the launch's message_type is LtiDeepLinkingRequest (app route only). */
      onDeepLinking(callback: ConnectCallback): true;
      readonly Grade: GradeService;
      readonly NamesAndRoles: NamesAndRolesService;
      readonly DeepLinking: DeepLinkingService;
      registerPlatform(platform: PlatformRegistration): Promise<Platform>;
      getAllPlatforms(): Promise<Platform[]>;
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
