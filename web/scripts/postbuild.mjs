// After `vite build`: adds the Swagger UI page for /api/docs (from npm swagger-ui-dist, no
// inline script because of the CSP) and a precompressed .gz beside every compressible file,
// which admit sends to clients that accept gzip.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const require = createRequire(import.meta.url);
const swagger = dirname(require.resolve('swagger-ui-dist/package.json'));

const docs = join(dist, 'api-docs');
mkdirSync(docs, { recursive: true });
for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE']) {
  copyFileSync(join(swagger, f), join(docs, f === 'LICENSE' || f === 'NOTICE' ? `${f}.txt` : f));
}
writeFileSync(join(docs, 'index.html'), `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>admit API</title>
    <link rel="icon" href="/api-docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/api-docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api-docs/swagger-ui-bundle.js"></script>
    <script src="/api-docs/init.js"></script>
  </body>
</html>
`);
writeFileSync(join(docs, 'init.js'), `// Swagger UI for admit's OpenAPI document (served by admit at /api/docs-json).
window.ui = SwaggerUIBundle({
  url: '/api/docs-json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  withCredentials: true,
});
`);

const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|wasm|txt|map)$/;
let files = 0;
let saved = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path);
    else if (compressible.test(name) && st.size >= 512) {
      const raw = readFileSync(path);
      const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
      if (gz.length < raw.length * 0.9) {
        writeFileSync(`${path}.gz`, gz);
        files += 1;
        saved += raw.length - gz.length;
      }
    }
  }
}
walk(dist);
console.log(`postbuild: Swagger UI in dist/api-docs; ${files} .gz files (${Math.round(saved / 1024)} kB saved)`);
