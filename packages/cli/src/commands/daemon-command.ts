import { watch } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger, Daemon, type LogLevel, loadPipeline, SecretRedactor } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';
import { type GlobalOptions, levelFrom } from '../cli-context.js';

/** A stop that takes longer than this is cut short: the ledger survives that, as it survives SIGKILL. */
const STOP_DEADLINE_MS = 20_000;

interface DaemonCommandOptions {
  readonly healthPort?: string;
  readonly healthHost: string;
  readonly watch?: boolean;
}

export function registerDaemonCommand(program: Command): void {
  program
    .command('daemon')
    .description('run until stopped: poll sources on their schedules, log decisions that change, serve health and metrics')
    .argument('<config>', 'the pipeline YAML file')
    .option('--health-port <port>', 'serve /healthz, /readyz, /metrics and PUT /log-level on this port')
    .option('--health-host <host>', 'the address the health server listens on', '127.0.0.1')
    .option('--watch', 'reload when the config file changes (as SIGHUP does)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake daemon configs/demo.yaml --health-port 9464\n  $ handshake daemon configs/demo.yaml --watch --log-level debug\n\nLogs are JSON lines on stdout (pretty on a terminal). Signals: SIGTERM or SIGINT stop gracefully\n(a second one stops at once); SIGHUP reloads the config; SIGUSR2 toggles debug logging.',
    )
    .action(async (file: string, options: DaemonCommandOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const redactor = new SecretRedactor();
      const logger = createLogger({ level: levelFrom(globals, 'info'), pretty: globals.pretty, fd: 1, redactor });
      const chosenLevel = globals.logLevel ?? process.env.HANDSHAKE_LOG_LEVEL;
      const load = () =>
        loadPipeline({
          file,
          now: globals.now,
          redactor,
          makeLogger: (configured: LogLevel) => {
            if (!chosenLevel) logger.level = configured;
            return logger;
          },
        });
      const port = options.healthPort === undefined ? undefined : Number(options.healthPort);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new Error(`--health-port: expected a port number, received "${options.healthPort}"`);
      const daemon = await Daemon.start({
        load,
        clock: systemClock,
        logger,
        health: port === undefined ? undefined : { port, host: options.healthHost },
      });

      let watcher: ReturnType<typeof watch> | undefined;
      let stopping = false;
      let markStopped: () => void = () => undefined;
      const stopped = new Promise<void>((resolveStopped) => {
        markStopped = resolveStopped;
      });
      const stop = (signal: string) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting at once');
          process.exit(130);
        }
        stopping = true;
        logger.info({ signal }, 'signal received');
        watcher?.close();
        const deadline = setTimeout(() => {
          logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'stopping took too long; exiting');
          process.exit(1);
        }, STOP_DEADLINE_MS);
        void daemon.stop().then(() => {
          clearTimeout(deadline);
          markStopped();
        });
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGHUP', () => void daemon.reload());
      process.on('SIGUSR2', () => daemon.toggleDebug());
      if (options.watch) {
        let pending: NodeJS.Timeout | undefined;
        watcher = watch(resolve(file), () => {
          if (pending) clearTimeout(pending);
          pending = setTimeout(() => void daemon.reload(), 300);
        });
      }
      // The daemon's schedule and its periodic judging keep the process alive until a signal stops it.
      await stopped;
    });
}
