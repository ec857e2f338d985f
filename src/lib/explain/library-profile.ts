/** Which profile's libraries to speak of for a report: an SD-JWT, a DPoP proof, or none. */
import type { Report } from '../check/types';

export type LibraryProfile = 'sd-jwt' | 'dpop';

export function libraryProfileOf(
  report: Pick<Report, 'view' | 'profile'>,
): LibraryProfile | undefined {
  const form = report.view?.form;
  if (form === 'sd-jwt' || form === 'sd-jwt-kb') return 'sd-jwt';
  return report.profile?.kind === 'dpop' ? 'dpop' : undefined;
}
