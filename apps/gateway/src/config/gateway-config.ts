import { readPhoneSettings, type PhoneSettings } from '@app/channels';
import { ConfigError, EnvReader, readMetricsSettings, type Env, type MetricsSettings } from '@app/platform';
import { PASSWORD_MIN_LENGTH, passwordProblem, readCoreConfig, type CoreConfig } from '@app/tickets';

/** `any`: every origin may embed the chat (CHAT_ALLOWED_ORIGINS=*). */
export type AllowedOrigins = ReadonlySet<string> | 'any';

export interface ChatSettings {
  /** Pages (origins) whose widget may connect, besides the gateway's own. */
  allowedOrigins: AllowedOrigins;
  /** Longest customer message, in characters. */
  maxTextChars: number;
  /** Per connection: a burst of `burst` requests, refilled at `burst` per `windowMs`. */
  rateLimit: { burst: number; windowMs: number };
  /** A customer who left less than this ago still counts as in the chat (a reload is not leaving). */
  presenceGraceMs: number;
  /** How often each gateway re-reads agent availability and tells its widgets when it changed. */
  statusIntervalMs: number;
  /** New conversations one client address may start per hour, across gateways; 0: no limit. */
  startsPerAddressPerHour: number;
  /** Files one conversation may send per hour, across gateways; 0: no limit. */
  uploadsPerConversationPerHour: number;
}

export interface RequestLimits {
  /** API requests one access token may make per minute, across gateways; 0: no limit. */
  apiRequestsPerMinute: number;
}

export interface AuthSettings {
  /** Key that signs access tokens; when unset, one is generated once and kept in Postgres. */
  tokenSecret?: string;
  tokenTtlMinutes: number;
  /** The first administrator, created at start when no agent exists. */
  adminEmail?: string;
  adminPassword?: string;
}

export interface GatewayConfig {
  core: CoreConfig;
  phone: PhoneSettings;
  auth: AuthSettings;
  port: number;
  /** /health fails when work waits longer than this: a queued job, a delivery owed, a mailbox unread. */
  healthMaxQueueAgeMs: number;
  /** A shutdown (SIGTERM) that has not finished draining after this long exits anyway, with 1. */
  shutdownTimeoutMs: number;
  chat: ChatSettings;
  limits: RequestLimits;
  /** How many reverse proxies in front of the gateway to believe in X-Forwarded-For (0: the socket's peer). */
  trustProxy: number;
  /** Its /metrics server (METRICS_PORT, METRICS_HOST). */
  metrics: MetricsSettings;
}

/** Reads and validates the gateway's settings once; a bad value stops start-up with its name. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const reader = new EnvReader(env);
  const core = readCoreConfig(reader);
  const port = reader.int('PORT', 3000, { min: 0, max: 65_535 });
  return {
    core,
    phone: readPhoneSettings(reader, core.publicBaseUrl),
    auth: {
      tokenSecret: tokenSecret(reader),
      tokenTtlMinutes: reader.int('AUTH_TOKEN_TTL_MINUTES', 720, { min: 1, max: 60 * 24 * 30 }),
      adminEmail: reader.optionalEmail('ADMIN_EMAIL'),
      adminPassword: adminPassword(reader),
    },
    port,
    healthMaxQueueAgeMs: reader.int('HEALTH_MAX_QUEUE_AGE_MS', 60_000, { min: 1_000 }),
    shutdownTimeoutMs: reader.int('SHUTDOWN_TIMEOUT_MS', 25_000, { min: 1_000 }),
    chat: {
      allowedOrigins: readAllowedOrigins(reader, core.publicBaseUrl),
      maxTextChars: reader.int('CHAT_MAX_TEXT_CHARS', 4_000, { min: 1, max: 100_000 }),
      rateLimit: {
        burst: reader.int('CHAT_RATE_LIMIT', 20, { min: 1 }),
        windowMs: reader.int('CHAT_RATE_WINDOW_MS', 60_000, { min: 100 }),
      },
      presenceGraceMs: reader.int('CHAT_PRESENCE_GRACE_MS', 10_000, { min: 0 }),
      statusIntervalMs: reader.int('CHAT_STATUS_INTERVAL_MS', 15_000, { min: 100 }),
      startsPerAddressPerHour: reader.int('CHAT_STARTS_PER_IP_PER_HOUR', 20, { min: 0 }),
      uploadsPerConversationPerHour: reader.int('CHAT_UPLOADS_PER_HOUR', 20, { min: 0 }),
    },
    limits: {
      apiRequestsPerMinute: reader.int('API_REQUESTS_PER_MINUTE', 1_200, { min: 0 }),
    },
    trustProxy: reader.int('TRUST_PROXY', 0, { min: 0, max: 10 }),
    metrics: gatewayMetrics(reader, port),
  };
}

function readAllowedOrigins(reader: EnvReader, publicBaseUrl: string): AllowedOrigins {
  const listed = reader.list('CHAT_ALLOWED_ORIGINS', []);
  if (listed.includes('*')) return 'any';
  const origins = new Set([new URL(publicBaseUrl).origin]);
  for (const value of listed) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(`CHAT_ALLOWED_ORIGINS must list origins such as https://portal.example.com, got "${value}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(`CHAT_ALLOWED_ORIGINS must list http(s) origins, got "${value}"`);
    }
    origins.add(url.origin);
  }
  return origins;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** HS256 keys shorter than the hash (32 bytes) can be brute-forced offline from one token. */
export const TOKEN_SECRET_MIN_LENGTH = 32;

function tokenSecret(reader: EnvReader): string | undefined {
  const secret = reader.optionalString('AUTH_TOKEN_SECRET');
  if (secret !== undefined && secret.length < TOKEN_SECRET_MIN_LENGTH) {
    throw new ConfigError(`AUTH_TOKEN_SECRET must have at least ${TOKEN_SECRET_MIN_LENGTH} characters (e.g. openssl rand -base64 48)`);
  }
  return secret;
}

/** Its own port: on the gateway's, the second server to listen fails, and a supervisor restarts it forever. */
function gatewayMetrics(reader: EnvReader, port: number): MetricsSettings {
  const metrics = readMetricsSettings(reader);
  if (port !== 0 && metrics.port === port) throw new ConfigError(`METRICS_PORT must differ from PORT (both ${port})`);
  return metrics;
}

/** The same rule as a password set in the inbox: a start must not create an administrator the inbox would refuse. */
function adminPassword(reader: EnvReader): string | undefined {
  const password = reader.optionalSecret('ADMIN_PASSWORD');
  if (password === undefined) return undefined;
  if (password.length < PASSWORD_MIN_LENGTH) throw new ConfigError(`ADMIN_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters`);
  if (passwordProblem(password, reader.optionalEmail('ADMIN_EMAIL'))) {
    throw new ConfigError('ADMIN_PASSWORD is one that guessing lists try first (a common password, a run like 1234567890, or ADMIN_EMAIL itself): choose a passphrase of several words');
  }
  return password;
}
