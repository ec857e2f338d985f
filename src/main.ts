import { mount } from 'svelte';
import App from './App.svelte';
import { lab } from './state/lab.svelte';
import './app.css';

// The first screen shows a verified sample token (signed here, at load).
await lab.loadSample();
mount(App, { target: document.getElementById('app')! });
