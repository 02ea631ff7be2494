import type { ApplicationFunction, Probot } from 'probot';
import type { RouteHandler } from '../server/route-handler.js';
import type { WebhookDelivery } from '../server/webhook-route.js';

export interface LoadedApp {
  /** The routes the app function registered with `addHandler`, in order. */
  routes: RouteHandler[];
  /** Hands a verified delivery to the app's webhook handlers. */
  receive(delivery: WebhookDelivery): Promise<void>;
}

/**
 * Loads an app function into a Probot whose own server never starts: its `addHandler`
 * routes are collected for our front door, and deliveries go to `probot.webhooks.receive`
 * (not `probot.receive`, which logs the whole event at debug level).
 */
export async function loadApp(probot: Probot, appFn: ApplicationFunction): Promise<LoadedApp> {
  const routes: RouteHandler[] = [];
  await probot.load(appFn, {
    cwd: process.cwd(),
    addHandler: (handler) => routes.push(async (req, res) => (await handler(req, res)) === true),
  });
  return {
    routes,
    receive: (delivery) => probot.webhooks.receive(delivery as Parameters<Probot['webhooks']['receive']>[0]),
  };
}
