// `npm start`: build, then open the Electron app on a demo workspace. Where the Electron
// runtime is not installed (CI, this team's machines), say so and serve the same app
// through the headless host instead.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronBinary = null;
try {
  electronBinary = createRequire(import.meta.url)('electron'); // the path of the runtime, if downloaded
} catch {
  electronBinary = null;
}
const extra = process.argv.slice(2);
if (electronBinary) {
  spawn(electronBinary, ['.', '--demo', ...extra], { stdio: 'inherit', env: { ...process.env, ORDERHUB_DEMO: '1' } }).on('exit', (c) => process.exit(c ?? 0));
} else {
  console.log('Electron runtime not installed here: starting the headless host on a demo workspace instead.');
  spawn(process.execPath, ['out/main/host.js', '--demo', ...extra], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 0));
}
