// `npm start`: OrderHub on its demo workspace from a fresh clone, whatever Node the PATH has.
// 1. Node ≥ 22.12 (fetched into ~/.cache/node22 and re-run with it when the system Node is older),
// 2. dependencies (npm ci when node_modules is missing or stale), 3. build,
// 4. the Electron window, or — where the Electron runtime cannot be had — the headless host,
//    whose URL it prints. Everything before the re-run uses only APIs Node 18/20 have.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { ensureNode22 } from './lib/node22.mjs';

const USAGE = `Usage: npm start [-- options]

Builds OrderHub and opens it on the demo workspace (users owner / ops / service / warehouse /
finance, password orderhub-demo): the Electron window where its runtime is installed or can be
downloaded, otherwise the headless host at http://127.0.0.1:PORT for your browser.
The first start installs dependencies and generates the demo orders (about a minute).

Options:
  --web             always use the headless host, never Electron
  --port N          headless host port (default: a free one, printed)
  --data-dir DIR    workspace folder of the headless host (default: .orderhub-data/demo)
  --demo-orders N   orders in a NEW demo workspace (default 100000; also ORDERHUB_DEMO_ORDERS)
  --help            this text

Environment:
  ELECTRON_SKIP_BINARY_DOWNLOAD=1   do not try to download the Electron runtime
  ORDERHUB_NODE_CACHE=DIR           where Node 22 is kept when the system Node is older (~/.cache/node22)`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
await ensureNode22(fileURLToPath(import.meta.url));

// From here on: Node ≥ 22.12.
const { run } = await import('./lib/launch.mjs');
await run(root, args, USAGE);
