/**
 * Online payments, wired once: the provider (or none: bank transfer only), the outbox runner that calls it,
 * the use cases and their routes. The sandbox's webhooks come back through the same handler as a real
 * provider's, so the demo exercises verification and deduplication too.
 */
import type { AppContext } from '../../platform/context';
import { Router } from 'express';
import { createOutboxAdmin, outboxRoutes } from './outbox.admin';
import { createOutboxRunner } from './outbox.runner';
import type { PaymentProvider } from './provider';
import { paymentsRoutes } from './payments.routes';
import { createPayments } from './payments.service';
import { SandboxPaymentProvider } from './sandbox.provider';

export { refundThroughProvider } from './provider-refunds';
export type { PaymentProvider } from './provider';

export function createOnlinePayments(ctx: AppContext, provider: PaymentProvider | null) {
  const outbox = createOutboxRunner(ctx, provider);
  const payments = createPayments(ctx, provider, outbox);
  if (provider instanceof SandboxPaymentProvider) {
    provider.onWebhook(async (w) => {
      await payments.webhook(w.rawBody, w.signature).catch((err) => ctx.log.error({ err }, 'sandbox webhook failed'));
    });
  }
  return {
    payments, outbox, provider,
    routes: () => Router().use(paymentsRoutes(payments), outboxRoutes(createOutboxAdmin(ctx))),
    job: { name: 'outbox', run: async () => { await outbox.runDue(); } },
  };
}
