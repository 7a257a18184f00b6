// Container HEALTHCHECK: exits 0 when GET <url> answers 200 within 2 s, else 1.
// Plain JavaScript on purpose: it runs in the runtime image, which has no TypeScript.
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node healthcheck.js <url>\n');
  process.exit(1);
}
fetch(url, { signal: AbortSignal.timeout(2000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);
