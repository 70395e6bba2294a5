import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import log from 'electron-log/node';

export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Rotating log file in `<dataDir>/logs/main.log` that users can send to support. */
export function createLogger(dataDir: string, opts: { console?: boolean } = {}): Logger {
  const logger = log.create({ logId: `orderhub-${dataDir}` });
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  logger.transports.file.resolvePathFn = () => join(dataDir, 'logs', 'main.log');
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }; // private to the user
  logger.transports.file.maxSize = 5 * 1024 * 1024;
  logger.transports.console.level = opts.console === false ? false : 'warn';
  return logger;
}
