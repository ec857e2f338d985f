/** Does this runtime's WebCrypto have ML-DSA? Detected by trying, as the page does (node 20: no). */
export const hasMlDsa: boolean = await crypto.subtle
  .generateKey({ name: 'ML-DSA-44' }, false, ['sign', 'verify'])
  .then(
    () => true,
    () => false,
  );
