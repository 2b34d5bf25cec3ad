import type { AllowedHost, Resolve } from '@broadsheet/fetch';
import type { ImageLimits } from '@broadsheet/render/images';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { HtmlImportService } from './articles/import-pool.js';
import type { DeliveryStatus, OnIssue } from './publications/issue-hook.js';
import type { RateLimitStores } from './http/rate-limits.js';
import type { RenderService } from './render/types.js';
import type { Scope, Store } from './store/types.js';
import type { FeedService } from './subscriptions/feed-service.js';

/**
 * Everything a router may use. createApp(deps) passes it, with what it builds once per app
 * (RouterDeps), to every `createXRouter(deps)`; side effects (database, clock, worker pool, logger) live here so
 * tests build an app over a temp directory and a real store without touching globals.
 */
export interface AppDeps {
  store: Store;
  renderer: RenderService;
  /** Web-page imports, in a worker pool of their own. */
  htmlImporter: HtmlImportService;
  /** Caps on `data:` pictures, checked at write time (BROADSHEET_IMAGE_MAX_PIXELS, _BYTES). */
  imageLimits: ImageLimits;
  /**
   * Fetching article pictures on write (`?images=fetch`): whether it is the default
   * (BROADSHEET_FETCH_IMAGES=1) and the safe fetcher's allow list and byte cap
   * (BROADSHEET_FETCH_ALLOW_HOSTS, BROADSHEET_FETCH_MAX_BYTES). Off, nothing allowed, 10 MiB when absent.
   */
  imageFetch?: ImageFetchSettings | undefined;
  logger: Logger;
  /** The environment's bearer token: the bootstrap admin credential, beside the stored API keys. */
  apiToken: string;
  /**
   * BROADSHEET_REQUIRE_IF_MATCH: PUT, PATCH and DELETE of an existing article or curated
   * edition without If-Match answer 428.
   */
  requireIfMatch?: boolean | undefined;
  /** Largest JSON or text body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Most lines a text/plain article may have (BROADSHEET_MAX_TEXT_LINES); LIMITS.textLines when absent. */
  maxTextLines?: number | undefined;
  /** Writes (POST/PUT/DELETE) allowed per credential per minute. */
  writesPerMinute: number;
  /** Failed authentications (no or a wrong token) allowed per client address per minute. */
  authFailuresPerMinute: number;
  /**
   * Express `trust proxy` (BROADSHEET_TRUST_PROXY): a hop count or the proxies' addresses, so
   * req.ip and req.secure come from X-Forwarded-For/-Proto. Unset: no proxy is trusted.
   */
  trustProxy?: number | string[] | undefined;
  /** Where rate-limit counts live (a shared store for replicas); this process's memory when unset. */
  rateLimitStores?: RateLimitStores | undefined;
  /**
   * Public URL readers reach the server at (`BROADSHEET_PUBLIC_URL`, no trailing slash). When
   * set, absolute links in pages, OPDS, feeds and JSON-LD use it; otherwise the request's Host.
   */
  publicUrl?: string | undefined;
  /**
   * Told of every publication issue once its edition is stored and rendered ahead (the delivery
   * feature mails it); a rejection is logged and never fails the issue.
   */
  onIssue?: OnIssue | undefined;
  /** The deliveries `GET /v1/publications/{id}` shows; none when absent. */
  deliveryStatus?: DeliveryStatus | undefined;
  /**
   * Mail delivery (BROADSHEET_SMTP_URL): whether it is configured, and how to make the delivery
   * job send now. Unconfigured when absent: `POST /v1/editions/{id}/deliveries` answers 409.
   */
  mailDelivery?: MailDeliveryControl | undefined;
  /** The clock of schedules and issues (tests move it); the system clock when absent. */
  now?: (() => Date) | undefined;
  /**
   * Fetching, parsing and ingesting subscribed feeds, shared by the /v1/feeds routes and the
   * poller (one queue per host). createApp builds one over these deps when it is absent.
   */
  feedService?: FeedService | undefined;
  /** BROADSHEET_FEED_POLL_MINUTES in ms: when a feed that answered is polled again. */
  feedPollIntervalMs?: number | undefined;
}

/** AppDeps plus what createApp builds once, so that every router shares it. */
export interface RouterDeps extends AppDeps {
  /**
   * Guard of a write route: authentication (401), then the credential's scopes (403), then its
   * write budget (429). `admin` credentials pass every scope.
   */
  requireScope: (scope: Scope) => RequestHandler;
  /**
   * Guard of a read of an operator's data (keys, feeds, publications): 401 and 403 as for a
   * write, without drawing on the write budget.
   */
  requireScopeToRead: (scope: Scope) => RequestHandler;
  /** Guard of write routes that name no narrower scope: `requireScope('admin')`. */
  requireWriter: RequestHandler;
}

export interface ImageFetchSettings {
  byDefault: boolean;
  allowHosts: readonly AllowedHost[];
  maxBytes: number;
  /** Deadline of one picture's fetch, redirects and body included (default 15 s). */
  timeoutMs?: number;
  /**
   * Name resolution for every fetch (pictures, feeds, linked pages): the system resolver when
   * absent. The test server resolves local names only, so no test query leaves the machine.
   */
  resolve?: Resolve;
}

/** The safe fetcher's policy of these settings: which hosts may be private, how names resolve. */
export function fetchPolicy(settings: ImageFetchSettings): {
  allowHosts: readonly AllowedHost[];
  resolve?: Resolve;
} {
  return {
    allowHosts: settings.allowHosts,
    ...(settings.resolve && { resolve: settings.resolve }),
  };
}

/** What the server fetches with when no settings are given (as BROADSHEET_FETCH_*'s defaults). */
export const DEFAULT_IMAGE_FETCH: ImageFetchSettings = {
  byDefault: false,
  allowHosts: [],
  maxBytes: 10 * 1024 ** 2,
};

export interface MailDeliveryControl {
  configured: boolean;
  /** Runs the delivery job now (startDeliveryJob's `wake`); absent where no job runs. */
  wake?: (() => void) | undefined;
}
