/** SD-JWT (RFC 9901): split, decode, process and check a presentation; issue and present one. Loaded on demand. */
export { splitSdJwt, looksLikeSdJwt, MAX_DISCLOSURES, type SdJwtParts } from './split';
export {
  decodeDisclosure,
  digestOf,
  sdHashOf,
  saltBits,
  SD_HASH_NAMES,
  type Disclosure,
} from './disclosure';
export {
  processDisclosures,
  type Processed,
  type SdProblem,
  type DigestedDisclosure,
} from './process';
export {
  keyBindingFacts,
  judgeKeyBinding,
  KB_MAX_AGE,
  type KbFacts,
  type KbVerdict,
  type KbStatus,
  type KbExpectations,
} from './key-binding';
export {
  inspectSdJwt,
  judgeSdJwt,
  type SdJwtFacts,
  type SdJwtView,
  type DisclosureRow,
  type DisclosureStatus,
} from './inspect';
export { sdJwtFindings } from './findings';
export { vcFacts, type VcFacts } from './vc';
export {
  issueSdJwt,
  packPayload,
  memberPath,
  elementPath,
  ISSUE_HASHES,
  MAX_DECOYS,
  type IssueHash,
  type IssuedSdJwt,
  type IssuedDisclosure,
  type SdIssueRequest,
  type RandomBytes,
} from './issue';
export {
  disclosureTree,
  revealClosure,
  withoutDescendants,
  presentSdJwt,
  generateHolderKey,
  type SdTree,
  type TreeNode,
  type KeyBindingRequest,
} from './present';
export {
  markablePaths,
  readSourcePayload,
  ALWAYS_PLAIN,
  MAX_MARKABLE,
  type Markable,
} from './marks';
export { sdJwtOfJson, type SdJwtJson } from './json';
