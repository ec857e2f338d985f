/** Every route of the simulated server, the authorization server's first. */
import type { Route } from './route-kit';
import { AUTH_ROUTES } from './routes-auth';
import { API_ROUTES } from './routes-api';

/** Every route, first match wins. */
export const ROUTES: readonly Route[] = [...AUTH_ROUTES, ...API_ROUTES];
