// `npm run bench -- --profile[=ALG]`: where the engine pipeline's time goes,
// by function, from Chromium's sampling profiler over a few thousand
// keystroke-sized checks of one algorithm. Self time is the time spent in a
// function's own code; "total" includes what it called.
import { basename } from 'node:path';

/**
 * @param {import('@playwright/test').Page} page the bench harness, ready
 * @param {string} alg a JWS algorithm the harness benchmarks
 */
export async function profileTable(page, alg, calls = 20_000, rows = 30) {
  const phases = await page.evaluate(([a, n]) => window.runPhases(a, n), [alg, calls]);
  console.log(`\nPipeline phases (${alg}, µs per call)`);
  console.log(
    `| ${Object.keys(phases).join(' | ')} |\n|${' ---: |'.repeat(Object.keys(phases).length)}`,
  );
  console.log(
    `| ${Object.values(phases)
      .map((v) => v.toFixed(1))
      .join(' | ')} |`,
  );

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await page.evaluate((a) => window.runPipeline(a, 500), alg); // warm up
  await cdp.send('Profiler.start');
  await page.evaluate(([a, n]) => window.runPipeline(a, n), [alg, calls]);
  const { profile } = await cdp.send('Profiler.stop');

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const name = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  const selfBy = new Map();
  const totalBy = new Map();
  for (const [id, count] of self) {
    const key = name(byId.get(id));
    selfBy.set(key, (selfBy.get(key) ?? 0) + count);
    // Each function on the sample's stack once, however deep its recursion.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = name(byId.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + count);
    }
  }
  const samples = profile.samples.length;
  const us = ((profile.endTime - profile.startTime) / calls).toFixed(1);
  console.log(`\nProfile: ${calls} pipeline calls of ${alg}, ${us} µs each, ${samples} samples`);
  console.log('| function | self % | total % |\n| --- | ---: | ---: |');
  for (const [key, count] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `| ${key} | ${((100 * count) / samples).toFixed(1)} | ${((100 * totalBy.get(key)) / samples).toFixed(1)} |`,
    );
}

/** Bytes allocated per pipeline call, by the function that allocated them (sampled). */
export async function allocationTable(page, alg, which = 'engine', calls = 20_000, rows = 25) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await page.evaluate(([a, w]) => window.runPipeline(a, 500, w), [alg, which]); // warm up
  // Every 512 bytes on average; objects collected before the end are kept.
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await page.evaluate(([a, n, w]) => window.runPipeline(a, n, w), [alg, calls, which]);
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  const by = new Map();
  let total = 0;
  const walk = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key =
      `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    by.set(key, (by.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  console.log(
    `\nAllocations: ${(total / calls).toFixed(0)} bytes per ${which === 'jose' ? "jose's jwtVerify" : 'pipeline'} call of ${alg} (sampled)`,
  );
  console.log('| function | bytes per call |\n| --- | ---: |');
  for (const [key, bytes] of [...by].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`| ${key} | ${(bytes / calls).toFixed(0)} |`);
}
