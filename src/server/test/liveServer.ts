import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { App } from '../app.js';
import { createCollaboration, type Collaboration } from '../collaboration/server.js';
import { testApp } from './app.js';
import type { TestDatabase } from './database.js';

/** The app with the collaboration server attached, as main.ts starts it, on a free port. */
export interface LiveServer {
  app: App;
  collaboration: Collaboration;
  /** The collaboration socket's URL. */
  url: string;
  stop(): Promise<void>;
}

export async function startLiveServer(database: TestDatabase): Promise<LiveServer> {
  const { app, services } = testApp(database);
  const collaboration = await createCollaboration(services);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  collaboration.attach(server);
  return {
    app,
    collaboration,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collaboration`,
    async stop() {
      await collaboration.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
