/**
 * Which payment provider this process uses:
 * - STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET set → Stripe (or the Stripe-compatible API at STRIPE_API_BASE);
 * - neither set, in the embedded demo → the in-process sandbox, so a new user can pay a deposit online;
 * - neither set otherwise → null: bank transfer only.
 * A bad value throws a ConfigError naming the variable (never echoing a secret).
 */
import { z } from 'zod';
import { ConfigError } from '../../platform/config';
import type { PaymentProvider } from './provider';
import { SandboxPaymentProvider, type SandboxProviderOptions } from './sandbox.provider';
import { StripePaymentProvider, type StripeApiBase, type StripeProviderOptions } from './stripe.provider';

const SECRET_NAMES = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);

const apiBase = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://api.stripe.com' })
  .refine((v) => {
    const u = new URL(v);
    return u.username === '' && u.password === '' && (u.pathname === '/' || u.pathname === '') && u.search === '' && u.hash === '';
  }, 'must be scheme, host and port only (no path, query or credentials)')
  .transform((v): StripeApiBase => {
    const u = new URL(v);
    const protocol = u.protocol === 'http:' ? 'http' : 'https';
    return { protocol, host: u.hostname, port: u.port ? Number(u.port) : protocol === 'http' ? 80 : 443 };
  });

const paymentEnvSchema = z.object({
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{1,250}$/, 'must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9_+/=]{1,250}$/, 'must be a webhook signing secret (whsec_…)').optional(),
  STRIPE_API_BASE: apiBase.optional(),
  NODE_ENV: z.string().optional(),
});

export interface PaymentProviderFactoryOptions {
  /** The embedded demo (DEMO_SEED on the embedded engine, not production): the sandbox stands in for Stripe. */
  demo: boolean;
  stripe?: Partial<Pick<StripeProviderOptions, 'timeoutMs' | 'maxNetworkRetries' | 'webhookToleranceSec' | 'nowMs'>>;
  sandbox?: SandboxProviderOptions;
}

function fail(name: string, message: string, env: Record<string, string | undefined>): never {
  const shown = SECRET_NAMES.has(name) ? '' : ` (got ${JSON.stringify(env[name] ?? '')})`;
  throw new ConfigError(`Invalid configuration:\n  ${name}: ${message}${shown}`);
}

export function paymentProviderFromEnv(env: Record<string, string | undefined>, options: PaymentProviderFactoryOptions): PaymentProvider | null {
  const cleaned = Object.fromEntries(
    ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'NODE_ENV']
      .map((k) => [k, env[k]] as const)
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = paymentEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(String(issue.path[0] ?? 'environment'), issue.message, env);
  }
  const c = parsed.data;
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) fail('STRIPE_WEBHOOK_SECRET', 'is required with STRIPE_SECRET_KEY (webhooks cannot be verified without it)', env);
  if (c.STRIPE_WEBHOOK_SECRET && !c.STRIPE_SECRET_KEY) fail('STRIPE_SECRET_KEY', 'is required with STRIPE_WEBHOOK_SECRET', env);
  if (c.STRIPE_API_BASE && !c.STRIPE_SECRET_KEY) fail('STRIPE_SECRET_KEY', 'is required with STRIPE_API_BASE', env);
  // The secret key travels in every request: never in clear text in production.
  if (c.STRIPE_API_BASE?.protocol === 'http' && c.NODE_ENV === 'production') fail('STRIPE_API_BASE', 'must use https in production', env);
  if (c.STRIPE_SECRET_KEY?.includes('_live_') && c.NODE_ENV !== 'production') fail('STRIPE_SECRET_KEY', 'a live key is only accepted with NODE_ENV=production', env);

  if (c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET) {
    return new StripePaymentProvider({
      ...options.stripe,
      secretKey: c.STRIPE_SECRET_KEY,
      webhookSecret: c.STRIPE_WEBHOOK_SECRET,
      apiBase: c.STRIPE_API_BASE,
    });
  }
  if (options.demo && c.NODE_ENV !== 'production') return new SandboxPaymentProvider(options.sandbox);
  return null;
}
