import { EXIT_BAD_CONFIG, type NatsAuthFiles } from '@fleet/app-config';
import { NatsCredentialsError, natsAuthOptions, type NatsAuthOptions } from './connection-auth';

/**
 * For a program's start-up: reads its credential files once, before anything connects. An
 * unusable file stops the program like a bad flag would (one line naming the setting, never the
 * file's contents, exit {@link EXIT_BAD_CONFIG}).
 */
export function startupNatsAuth(program: string, files: NatsAuthFiles): NatsAuthOptions {
  try {
    return natsAuthOptions(files);
  } catch (err) {
    if (!(err instanceof NatsCredentialsError)) throw err;
    process.stderr.write(`${program}: ${err.message}\n`);
    return process.exit(EXIT_BAD_CONFIG);
  }
}
