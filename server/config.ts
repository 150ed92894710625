import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  IMI_DATA_DIR: z.string().min(1).default('.imi-data'),
  IMI_DEMO: boolean.optional(),
  IMI_DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IMI_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(8 * 3600),
  IMI_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i).default('1mb'),
  IMI_TRUST_PROXY: boolean.default(false),
  IMI_PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'An smtp:// or smtps:// address').optional(),
  MAIL_FROM: z.string().min(3).default('IMI Network <no-reply@imi.invalid>'),
  IMI_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  IMI_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  IMI_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  IMI_SCHEDULER: boolean.default(true),
  IMI_ATTACHMENT_MAX_MB: z.coerce.number().min(0.01).max(1024).default(20),
  IMI_BLOCKED_ACCESS_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  IMI_RETENTION_BATCH: z.coerce.number().int().min(1).max(100_000).default(500),
  IMI_CORS_ORIGINS: z.string().default('').transform((list, ctx) => {
    const origins = list.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      if (!isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `${origin} is not an origin like https://portal.example.eu (scheme, host and port only)` });
    }
    return origins;
  }),
  IMI_RATE_SIGNIN_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(60),
  IMI_RATE_SIGNIN_ACCOUNT_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(10),
  IMI_RATE_SEARCH_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(180),
  IMI_RATE_CREATE_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(30),
  MT_PROVIDER: z.enum(['libretranslate', 'etranslation']).default('libretranslate'),
  MT_URL: z.string().regex(/^https?:\/\//, 'An http:// or https:// address').optional(),
  MT_API_KEY: z.string().min(1).optional(),
  MT_USER: z.string().min(1).optional(),
  MT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
}).superRefine((e, ctx) => {
  if (e.NODE_ENV === 'production' && e.IMI_DEMO === true) {
    ctx.addIssue({ code: 'custom', path: ['IMI_DEMO'], message: 'Demo accounts (with a published password and second-factor secret) are refused when NODE_ENV=production' });
  }
  // Without an SMTP server e-mails go to the log, addresses and one-time sign-in links included: never in production.
  if (e.NODE_ENV === 'production' && !e.SMTP_URL) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'Required when NODE_ENV=production (without it e-mails, with their addresses and links, would go to the log)' });
  }
});

/** An origin as browsers send it in the Origin header: scheme, host and an optional port, no path or trailing slash. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  tokenTtlSeconds: number;
  bodyLimit: string;
  /** Take the client address from X-Forwarded-For: only behind a load balancer that sets it. */
  trustProxy: boolean;
  /** Where users reach the system, for the links in e-mails. */
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Reminder and escalation days where an area sets none, and the hour (UTC) of the daily digest. */
  deadlines: { dueSoonDays: number; escalateAfterDays: number; digestHour: number };
  /** Run the deadline sweep every minute in this process (every instance may; they share the work safely). */
  scheduler: boolean;
  /** The largest file a request may carry, in bytes. */
  attachmentLimit: number;
  /** Hours a grant of access to blocked data stays in force, and requests the retention job erases per transaction. */
  dataProtection: { blockedAccessHours: number; retentionBatch: number };
  /** Origins of the national portals that embed the widgets and may call the API from the browser (CORS). */
  corsOrigins: string[];
  /** Requests allowed per minute (0: no limit), counted in the database so the limits hold across instances. */
  rateLimits: RateLimits;
  /** The machine-translation provider of free texts (SPEC §5.5); absent when MT_URL is not set, and with it the feature. */
  machineTranslation: MachineTranslationConfig | undefined;
}

export interface MachineTranslationConfig {
  provider: 'libretranslate' | 'etranslation';
  url: string;
  apiKey: string | undefined;
  /** The application name an eTranslation-style service knows the caller by. */
  user: string | undefined;
  /** How long one translation may take, polling included, before the provider counts as unavailable. */
  timeoutMs: number;
}

export interface RateLimits {
  /** Sign-in attempts from one client address. */
  signInPerAddress: number;
  /** Sign-in attempts for one account (e-mail address), from anywhere. */
  signInPerAccount: number;
  /** Directory searches by one user. */
  search: number;
  /** Requests created by one user. */
  create: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; an invalid value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.IMI_DATA_DIR,
    demo: e.IMI_DEMO ?? e.NODE_ENV !== 'production',
    demoPassword: e.IMI_DEMO_PASSWORD,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    tokenTtlSeconds: e.IMI_TOKEN_TTL_SECONDS,
    bodyLimit: e.IMI_BODY_LIMIT,
    trustProxy: e.IMI_TRUST_PROXY,
    publicUrl: (e.IMI_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    deadlines: { dueSoonDays: e.IMI_DUE_SOON_DAYS, escalateAfterDays: e.IMI_ESCALATE_AFTER_DAYS, digestHour: e.IMI_DIGEST_HOUR },
    scheduler: e.IMI_SCHEDULER,
    attachmentLimit: Math.round(e.IMI_ATTACHMENT_MAX_MB * 1_048_576),
    dataProtection: { blockedAccessHours: e.IMI_BLOCKED_ACCESS_HOURS, retentionBatch: e.IMI_RETENTION_BATCH },
    corsOrigins: e.IMI_CORS_ORIGINS,
    rateLimits: {
      signInPerAddress: e.IMI_RATE_SIGNIN_PER_MIN,
      signInPerAccount: e.IMI_RATE_SIGNIN_ACCOUNT_PER_MIN,
      search: e.IMI_RATE_SEARCH_PER_MIN,
      create: e.IMI_RATE_CREATE_PER_MIN,
    },
    machineTranslation: e.MT_URL
      ? { provider: e.MT_PROVIDER, url: e.MT_URL.replace(/\/+$/, ''), apiKey: e.MT_API_KEY, user: e.MT_USER, timeoutMs: e.MT_TIMEOUT_MS }
      : undefined,
  };
}
