import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: +(process.env.W||1440), height: +(process.env.H||900) }, colorScheme: process.env.DARK ? 'dark' : 'light', deviceScaleFactor: 1 });
p.on('pageerror', e => console.log('pageerror', e.message));
p.on('console', m => m.type()==='error' && console.log('console', m.text()));
await p.goto('http://127.0.0.1:4500/');
await p.waitForTimeout(2500);
await p.screenshot({ path: process.env.OUT || '/tmp/shot.png', fullPage: !!process.env.FULL });
await b.close();
