import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handler in Probot's `addHandler` shape: true when it answered (void counts as not handled). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | boolean | Promise<void | boolean>;

/** A running local server and how to stop it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 on a free port; what it does not handle is a 404. */
export async function serve(handler: RouteHandler): Promise<Served> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res))
      .then((handled) => {
        if (!handled && !res.headersSent) notFound(res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  return listen(server);
}

async function listen(server: Server): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"errors":[{"field":"request","message":"not found"}]}');
}

/** The baseline: reads the body, answers 202 with a small JSON, stores nothing. */
export function bareHandler(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"id":"DD-000000000000","status_url":"/status/x"}');
      resolve(true);
    });
  });
}
