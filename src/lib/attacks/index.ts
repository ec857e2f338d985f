/** The attack workbench: every classic variant of a token, judged by two verifiers. */
export * from './types';
export { ATTACK_TOKEN_LIMIT } from './forge';
export { KID_DEV_NULL, KID_SQL, KID_SQL_KEY } from './header-variants';
export { ATTACK_FIELD_LIMIT, makeVariants, type AttackSet } from './variants';
export { judgeVariants, naiveVerdict, pageVerdict, serverKey } from './judge';
export { variantsJson, variantsWordlist } from './export';
export {
  modPow,
  RECOVER_EXPONENTS,
  RECOVER_POWER_BITS,
  recoverRsaKey,
  type RecoveredKey,
  type RecoverOptions,
  type RecoverProgress,
} from './recover-rsa';
