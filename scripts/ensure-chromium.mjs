// Playwright cannot download its own browsers on this machine, so the
// end-to-end tests use Debian's Chromium. Install it when it is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

console.log(`Chromium not found at ${path}: installing Debian's chromium package…`);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = root ? '' : 'sudo ';
try {
  execSync(
    `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`,
    {
      stdio: 'inherit',
    },
  );
} catch {
  console.error(
    `Could not install Chromium. Install it yourself (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`Chromium was installed, but ${path} does not exist: set CHROMIUM_PATH.`);
  process.exit(1);
}
