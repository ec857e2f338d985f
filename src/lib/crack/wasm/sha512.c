/*
 * HMAC-SHA-384/512 guesses for the wordlist crack, compiled to WebAssembly
 * (scripts/make-crack-wasm.sh). JavaScript has no fast 64-bit integer, so
 * src/lib/crack/sha512.ts works on pairs of 32-bit halves; WebAssembly has
 * i64, and SHA-512 is made of 64-bit additions, rotations and logic.
 *
 * The same plan as src/lib/crack/hmac.ts: the signing input's blocks (bytes,
 * padding, length) and their expanded message schedules are prepared once
 * per token by setup(); a guess then costs the key's two blocks (ipad, opad),
 * the prepared blocks, and the outer hash's second block.
 *
 * Memory shared with JavaScript: the guess is written at key_buffer(), the
 * signature at target_buffer() (as native 64-bit words), the signing input at
 * heap_base() before setup(), whose schedules follow it there (JavaScript
 * grows the memory to fit). No libc: -nostdlib, and -mbulk-memory turns the
 * compiler's own memset/memcpy into memory.fill/copy instructions.
 */
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;

#define EXPORT(name) __attribute__((export_name(#name)))

/* Longest guess: a wordlist line (1024 bytes) and what the rules append. */
#define KEY_MAX 2048
#define BLOCK 128
#define ROUNDS 80

static const u64 K[ROUNDS] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const u64 IV512[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static const u64 IV384[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

static u8 key[KEY_MAX];
static u64 target[8];
static u64 out[8];
/* A guess longer than a block is hashed first: its schedules go here. */
static u64 key_schedules[ROUNDS * (KEY_MAX / BLOCK + 1)];

/* The token being cracked, set by setup(). */
static const u64 *iv = IV512;
static u32 digest_words = 8;
static const u64 *tail;
static u32 tail_blocks;

extern u8 __heap_base;

static inline u64 rotr(u64 x, int n) { return (x >> n) | (x << (64 - n)); }

#define BSIG0(a) (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39))
#define BSIG1(e) (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41))
#define SSIG0(x) (rotr(x, 1) ^ rotr(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (rotr(x, 19) ^ rotr(x, 61) ^ ((x) >> 6))

/* Fill w[16..79] from w[0..15]. */
static void expand(u64 *w) {
  for (int i = 16; i < ROUNDS; i++) w[i] = w[i - 16] + SSIG0(w[i - 15]) + w[i - 7] + SSIG1(w[i - 2]);
}

/*
 * One round, with the eight working variables renamed instead of moved: eight
 * rounds in a row bring every name back to its place.
 */
#define ROUND(a, b, c, d, e, f, g, h, i)                                  \
  do {                                                                    \
    u64 t1 = h + BSIG1(e) + ((e & f) ^ (~e & g)) + K[i] + w[i];           \
    d += t1;                                                              \
    h = t1 + BSIG0(a) + ((a & b) ^ (a & c) ^ (b & c));                    \
  } while (0)

/* Compress one block, whose expanded schedule is w[0..79], into the state s. */
static void compress(u64 *s, const u64 *w) {
  u64 a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  for (int i = 0; i < ROUNDS; i += 8) {
    ROUND(a, b, c, d, e, f, g, h, i);
    ROUND(h, a, b, c, d, e, f, g, i + 1);
    ROUND(g, h, a, b, c, d, e, f, i + 2);
    ROUND(f, g, h, a, b, c, d, e, i + 3);
    ROUND(e, f, g, h, a, b, c, d, i + 4);
    ROUND(d, e, f, g, h, a, b, c, i + 5);
    ROUND(c, d, e, f, g, h, a, b, i + 6);
    ROUND(b, c, d, e, f, g, h, a, i + 7);
  }
  s[0] += a, s[1] += b, s[2] += c, s[3] += d, s[4] += e, s[5] += f, s[6] += g, s[7] += h;
}

/*
 * The expanded schedules of m[0..len) padded as the tail of a hash that
 * `prefix` bytes came before; returns how many blocks (80 words each).
 */
static u32 schedules(const u8 *m, u32 len, u32 prefix, u64 *w) {
  u32 blocks = (len + 1 + 16 + BLOCK - 1) / BLOCK;
  for (u32 b = 0; b < blocks; b++, w += ROUNDS) {
    for (int i = 0; i < 16; i++) w[i] = 0;
    for (u32 j = 0; j < BLOCK; j++) {
      u32 p = b * BLOCK + j;
      u64 byte = p < len ? m[p] : p == len ? 0x80 : 0;
      w[j >> 3] |= byte << (56 - 8 * (j & 7));
    }
    /* The bit length, in the last block's last 128 bits: its upper half is 0 here. */
    if (b == blocks - 1) w[15] = (u64)(prefix + len) * 8;
    expand(w);
  }
  return blocks;
}

/* Run HMAC with the guess key[0..len); the outer state ends in out. */
static void run(u32 len) {
  u64 k[16], inner[8], w[ROUNDS];
  for (int i = 0; i < 16; i++) k[i] = 0;
  if (len > BLOCK) {
    /* HMAC hashes a key longer than a block: its digest is the key. */
    u32 blocks = schedules(key, len, 0, key_schedules);
    for (int i = 0; i < 8; i++) inner[i] = iv[i];
    for (u32 b = 0; b < blocks; b++) compress(inner, key_schedules + ROUNDS * b);
    for (u32 i = 0; i < digest_words; i++) k[i] = inner[i];
  } else
    for (u32 i = 0; i < len; i++) k[i >> 3] |= (u64)key[i] << (56 - 8 * (i & 7));

  for (int i = 0; i < 16; i++) w[i] = k[i] ^ 0x3636363636363636ULL;
  expand(w);
  for (int i = 0; i < 8; i++) inner[i] = iv[i];
  compress(inner, w);
  for (u32 b = 0; b < tail_blocks; b++) compress(inner, tail + ROUNDS * b);

  for (int i = 0; i < 16; i++) w[i] = k[i] ^ 0x5c5c5c5c5c5c5c5cULL;
  expand(w);
  for (int i = 0; i < 8; i++) out[i] = iv[i];
  compress(out, w);
  /* The outer hash's second block: the inner digest, 0x80, zeros, the bit length. */
  for (u32 i = 0; i < 16; i++) w[i] = i < digest_words ? inner[i] : 0;
  w[digest_words] = 0x8000000000000000ULL;
  w[15] = (BLOCK + digest_words * 8) * 8;
  expand(w);
  compress(out, w);
}

/* Where the guess, the signature and the signing input go. */
EXPORT(key_buffer) u8 *key_buffer(void) { return key; }
EXPORT(target_buffer) u64 *target_buffer(void) { return target; }
EXPORT(out_buffer) u64 *out_buffer(void) { return out; }
EXPORT(heap_base) u8 *heap_base(void) { return &__heap_base; }
EXPORT(key_max) u32 key_max(void) { return KEY_MAX; }

/*
 * Prepare a token: SHA-384 when sha384 is not 0, else SHA-512; its signing
 * input is the len bytes at heap_base(). Its schedules go after it, 8-byte
 * aligned: the memory must hold ceil((len + 17) / 128) * 640 bytes more.
 */
EXPORT(setup) void setup(u32 sha384, u32 len) {
  iv = sha384 ? IV384 : IV512;
  digest_words = sha384 ? 6 : 8;
  u64 *w = (u64 *)(&__heap_base + ((len + 7) & ~7u));
  tail_blocks = schedules(&__heap_base, len, BLOCK, w);
  tail = w;
}

/* Whether the guess key[0..len) signs the token into the target (len <= KEY_MAX). */
EXPORT(test) u32 test(u32 len) {
  run(len);
  u64 diff = 0;
  for (u32 i = 0; i < digest_words; i++) diff |= out[i] ^ target[i];
  return diff == 0;
}

/* HMAC of the signing input under key[0..len), left in out_buffer(). */
EXPORT(mac) void mac(u32 len) { run(len); }

/* Compressions one guess of at most a block costs. */
EXPORT(compressions) u32 compressions(void) { return 3 + tail_blocks; }
