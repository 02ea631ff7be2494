import type { IncomingMessage, ServerResponse } from 'node:http';

/** A route in Probot's `addHandler` shape: true when it answered, false to let the next one try. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
