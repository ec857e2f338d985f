// The PEM reader loads on demand in the page; unit tests use it synchronously.
import { loadPemSupport } from '../../src/lib/keys/parse';

await loadPemSupport();
