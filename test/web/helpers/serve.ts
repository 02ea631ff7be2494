import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createHttpHandler, type HttpHandlerDeps } from '../../../src/web/create-http-handler.js';
import { createFakeIntake, type FakeIntake } from './fake-intake.js';

/** A running server around the handler, and what it was given. */
export interface TestServer {
  base: string;
  intake: FakeIntake;
  logs: { level: 'info' | 'warn'; meta: object; message: string }[];
}

/** The body a request gets when the handler returned false, as Probot would answer it. */
export const UNHANDLED = 'unhandled by disclosure desk';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Starts a real node:http server on 127.0.0.1, port 0, with the handler under test. */
export async function serve(deps: Partial<HttpHandlerDeps> = {}): Promise<TestServer> {
  const intake = (deps.intake as FakeIntake | undefined) ?? createFakeIntake();
  const logs: TestServer['logs'] = [];
  const handler = createHttpHandler({
    log: {
      info: (meta, message) => logs.push({ level: 'info', meta, message }),
      warn: (meta, message) => logs.push({ level: 'warn', meta, message }),
    },
    ...deps,
    intake,
    pages: deps.pages ?? intake,
    statusDesk: deps.statusDesk ?? intake,
  });
  const server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end(UNHANDLED);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, intake, logs };
}
