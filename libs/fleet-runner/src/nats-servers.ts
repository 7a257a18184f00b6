/**
 * The servers of a NATS URL list as every app's `--nats-url` / `NATS_URL` takes it:
 * `nats://a:4222,nats://b:4222`, blanks between commas ignored.
 */
export function natsServers(urlList: string): string[] {
  return urlList.split(',').map((u) => u.trim()).filter((u) => u !== '');
}
