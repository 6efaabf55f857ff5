import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthProbe {
  /** Whether the ledger is open and every source has polled or is backing off; the reasons when not. */
  readiness(): { ready: boolean; details: Record<string, unknown> };
  metrics(): string;
  /** Changes the log level; returns the level now in force. */
  setLogLevel(level: string): string;
}

/**
 * `/healthz` (alive), `/readyz` (ready to be trusted), `/metrics` (Prometheus text) and
 * `PUT /log-level?level=debug` on loopback unless told otherwise.
 */
export class HealthServer {
  private constructor(private readonly server: Server) {}

  static start(probe: HealthProbe, port: number, host: string): Promise<HealthServer> {
    const server = createServer((request, response) => handle(probe, request, response));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(new HealthServer(server));
      });
    });
  }

  get address(): { host: string; port: number } {
    const address = this.server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function handle(probe: HealthProbe, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://health');
  try {
    const [status, type, body] = answer(probe, request.method ?? 'GET', url);
    send(response, status, type, body);
  } catch (error) {
    send(response, 400, 'application/json', `${JSON.stringify({ error: (error as Error).message })}\n`);
  }
}

function answer(probe: HealthProbe, method: string, url: URL): [number, string, string] {
  if (url.pathname === '/healthz' && method === 'GET') return [200, 'application/json', '{"status":"alive"}\n'];
  if (url.pathname === '/readyz' && method === 'GET') {
    const { ready, details } = probe.readiness();
    return [ready ? 200 : 503, 'application/json', `${JSON.stringify({ status: ready ? 'ready' : 'not ready', ...details })}\n`];
  }
  if (url.pathname === '/metrics' && method === 'GET') return [200, 'text/plain; version=0.0.4', probe.metrics()];
  if (url.pathname === '/log-level' && (method === 'PUT' || method === 'POST')) {
    const level = url.searchParams.get('level');
    if (!level) return [400, 'application/json', '{"error":"give ?level=trace|debug|info|warn|error|fatal|silent"}\n'];
    return [200, 'application/json', `${JSON.stringify({ level: probe.setLogLevel(level) })}\n`];
  }
  return [404, 'application/json', '{"error":"not found: try /healthz, /readyz, /metrics"}\n'];
}
