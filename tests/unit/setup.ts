// The PEM reader loads on demand in the page; unit tests use it synchronously,
// so it is handed over here by a static import (no dynamic import in setup).
import * as pem from '../../src/lib/keys/pem';
import { usePemSupport } from '../../src/lib/keys/parse';

usePemSupport(pem);
