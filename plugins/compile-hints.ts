/**
 * V8's explicit compile hint on the code the first screen runs. V8 compiles
 * a function the first time it is called, on the main thread; start-up
 * calls hundreds of functions of CodeMirror, Svelte and the engine for the
 * first time, and those compiles made single tasks of 20-50 ms (building
 * the first editor took 31 ms, most of it compiling; 12 ms with the hint).
 * With `//# allFunctionsCalledOnLoad` first in a file, Chrome compiles all of
 * it while streaming it in, off the main thread; other browsers ignore it.
 * Chunks loaded on demand are left alone: much of their code never runs.
 */
import type { Plugin, Rolldown } from 'vite';

const HINT = '//# allFunctionsCalledOnLoad\n';

/** Prepend the compile hint to the entry chunk and every chunk it imports statically. */
export function compileHints(): Plugin {
  return {
    name: 'jwt-lab-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter(
          (item): item is Rolldown.OutputChunk => item.type === 'chunk',
        );
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const queue = chunks.filter((chunk) => chunk.isEntry);
        const hinted = new Set<Rolldown.OutputChunk>();
        for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
          if (hinted.has(chunk)) continue;
          hinted.add(chunk);
          chunk.code = HINT + chunk.code;
          for (const name of chunk.imports) if (byName.has(name)) queue.push(byName.get(name)!);
        }
      },
    },
  };
}
