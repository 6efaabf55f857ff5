import { type Decision, inject, injectable, Logger, type SinkContribution, type SinkWriter, z } from '@handshake/sdk';

export const LogSinkOptions = z.strictObject({});
export type LogSinkOptions = z.infer<typeof LogSinkOptions>;

/** Each changed decision as its own structured log event (`event: "decision"`). */
@injectable()
export class LogSink implements SinkContribution<LogSinkOptions> {
  readonly kind = 'log';
  readonly options = LogSinkOptions;

  constructor(@inject(Logger) private readonly logger: Logger) {}

  open(): SinkWriter {
    return {
      write: (decisions: readonly Decision[]) => {
        for (const decision of decisions) {
          this.logger.info(
            {
              event: 'decision',
              target: decision.target,
              status: decision.status,
              readiness: decision.readiness,
              via: decision.via,
              until: decision.until,
              reasons: decision.reasons.map((reason) => reason.text),
              nextSteps: decision.nextSteps,
            },
            describe(decision),
          );
        }
      },
    };
  }
}

function describe(decision: Decision): string {
  const readiness = decision.readiness.toFixed(2);
  if (decision.status === 'ask') {
    return decision.via
      ? `ask ${decision.via.name} to introduce ${decision.target.name} (readiness ${readiness})`
      : `reach out to ${decision.target.name} directly (readiness ${readiness})`;
  }
  if (decision.status === 'hold') return `hold ${decision.target.name}${decision.until ? ` until ${decision.until.slice(0, 10)}` : ''}`;
  return `warm up ${decision.target.name} (readiness ${readiness})`;
}
