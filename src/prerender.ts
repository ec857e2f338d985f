/**
 * The first screen as HTML, rendered at build time (plugins/prerender.ts) so
 * that the page paints before any script has loaded; main.ts then hydrates
 * it. It shows the sample token with its signature not yet checked: only the
 * page's own check, after hydration, may say "verified".
 */
import { render } from 'svelte/server';
import { ISLANDS } from './islands';
import { lab } from './state/lab.svelte';

/** Each island's HTML, by its `data-island` name, for the sample token signed now. */
export async function prerender(): Promise<Record<string, string>> {
  await lab.loadSample();
  await Promise.all(Object.values(ISLANDS).map((island) => island.ready?.()));
  return Object.fromEntries(
    Object.entries(ISLANDS).map(([name, { component, props }]) => [
      name,
      render(component, { props: props ?? {} }).body,
    ]),
  );
}
