/** Isolated AWS environments for tests: temp config/credentials files, no env credentials, no IMDS. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';

const AWS_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ENDPOINT_URL',
  'HOME',
];

export interface IsolatedAws {
  dir: string;
  configFile: string;
  credentialsFile: string;
  restore(): void;
}

/**
 * Point the SDK at fresh, empty files under a temp HOME, with no credentials in the environment and the EC2
 * metadata service disabled (nothing may leave 127.0.0.1).
 */
export function isolateAws(files: { config?: string; credentials?: string } = {}): IsolatedAws {
  const saved = new Map<string, string | undefined>();
  for (const k of AWS_ENV) saved.set(k, process.env[k]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-aws-'));
  fs.mkdirSync(path.join(dir, '.aws', 'sso', 'cache'), { recursive: true });
  const configFile = path.join(dir, '.aws', 'config');
  const credentialsFile = path.join(dir, '.aws', 'credentials');
  fs.writeFileSync(configFile, files.config ?? '');
  fs.writeFileSync(credentialsFile, files.credentials ?? '');
  for (const k of AWS_ENV) delete process.env[k];
  process.env.HOME = dir;
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return {
    dir,
    configFile,
    credentialsFile,
    restore() {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Retries without waiting, so throttling tests are fast but still exercise the SDK's retry loop. */
export function zeroDelayRetry(maxAttempts = 3): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, 0);
}

export const STATIC_CREDENTIALS = { accessKeyId: 'AKIDSTATIC', secretAccessKey: 'secret' };

export const PROFILE_FILES = {
  config: '[profile perf]\nregion = eu-west-1\n',
  credentials: '[perf]\naws_access_key_id = AKIDPROFILEPERF\naws_secret_access_key = secretperf\n',
};
