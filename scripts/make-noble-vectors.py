#!/usr/bin/python3
"""ES256K and Ed448 test vectors made outside the page: PyJWT with cryptography
(Debian's python3-jwt 2.6.0 and python3-cryptography 38, so run it as
/usr/bin/python3) and the OpenSSL command line (3.0). Prints the JSON of
tests/vectors/noble/vectors.json:

    /usr/bin/python3 scripts/make-noble-vectors.py > tests/vectors/noble/vectors.json

Each run makes new keys and tokens; commit the output with this script. The
case format is tests/vectors/README.md's.
"""
import base64, json, os, subprocess, sys, tempfile

import cryptography
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448
from jwt.algorithms import ECAlgorithm, OKPAlgorithm

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # secp256k1 order (SEC 2 §2.4.1)
CLAIMS = {"iat": 1700000000, "exp": 4102444800, "name": "Zoë"}
OPENSSL = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
PYJWT = f"PyJWT {jwt.__version__} with cryptography {cryptography.__version__}"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pem(key, private: bool) -> str:
    if private:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def jwk(key, alg_class) -> str:
    return json.dumps(json.loads(alg_class.to_jwk(key)), sort_keys=True)


def signing_input(header: dict, claims: dict) -> bytes:
    enc = lambda v: b64(json.dumps(v, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(claims)}".encode()


def openssl_sign(private_pem: str, data: bytes, digest: bool) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        key, msg = os.path.join(tmp, "key.pem"), os.path.join(tmp, "msg")
        open(key, "w").write(private_pem)
        open(msg, "wb").write(data)
        if digest:  # ECDSA: openssl dgst hashes with SHA-256 and writes a DER ECDSA-Sig-Value
            cmd = ["openssl", "dgst", "-sha256", "-sign", key, msg]
        else:  # EdDSA signs the message itself (-rawin)
            cmd = ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key, "-in", msg]
        return subprocess.run(cmd, check=True, capture_output=True).stdout


def der_to_raw(der: bytes) -> tuple[int, int]:
    """r and s from DER SEQUENCE { INTEGER r, INTEGER s } (short lengths: a secp256k1 signature is < 128 bytes)."""
    assert der[0] == 0x30 and der[2] == 0x02
    r_len = der[3]
    r = int.from_bytes(der[4 : 4 + r_len], "big")
    s_at = 4 + r_len
    assert der[s_at] == 0x02
    s = int.from_bytes(der[s_at + 2 : s_at + 2 + der[s_at + 1]], "big")
    return r, s


def case(id, source, alg, token, key, key_format, signing_key, signing_format, expect, note, header):
    return {
        "id": id,
        "source": source,
        "alg": alg,
        "token": token,
        "key": key,
        "keyFormat": key_format,
        "signingKey": signing_key,
        "signingKeyFormat": signing_format,
        "expect": expect,
        "payloadIsJson": True,
        "time": "valid",
        "note": note,
        "header": header,
        "claims": {**CLAIMS, "sub": id},
    }


cases = []
k1 = ec.generate_private_key(ec.SECP256K1())
k1_jwk = jwk(k1, ECAlgorithm)
k1_public_jwk = jwk(k1.public_key(), ECAlgorithm)

# 1. PyJWT: ES256K, verified with the public JWK; signed again by the page with the private JWK.
token = jwt.encode({**CLAIMS, "sub": "pyjwt-es256k"}, k1, algorithm="ES256K")
cases.append(case("pyjwt-es256k", PYJWT, "ES256K", token, k1_public_jwk, "jwk", k1_jwk, "jwk", "verified",
                  "jwt.encode(claims, key, algorithm='ES256K')", {"alg": "ES256K", "typ": "JWT"}))

# 2. OpenSSL: ES256K with a high-S signature (s > n/2): RFC 8812 does not ask for low-S, so it verifies.
header = {"alg": "ES256K", "typ": "JWT"}
data = signing_input(header, {**CLAIMS, "sub": "openssl-es256k-high-s"})
for _ in range(64):
    r, s = der_to_raw(openssl_sign(pem(k1, True), data, digest=True))
    if s > N // 2:
        break
else:
    sys.exit("OpenSSL gave no high-S signature in 64 tries")
sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
cases.append(case("openssl-es256k-high-s", OPENSSL, "ES256K", f"{data.decode()}.{b64(sig)}", pem(k1.public_key(), False),
                  "spki", pem(k1, True), "pkcs8", "verified",
                  "openssl dgst -sha256 -sign key.pem, DER converted to r||s; run until s > n/2 (high-S)", header))

# 3. The same with a changed payload: invalid.
other = signing_input(header, {**CLAIMS, "sub": "openssl-es256k-tampered"})
cases.append(case("openssl-es256k-tampered", OPENSSL, "ES256K", f"{other.decode()}.{b64(sig)}", pem(k1.public_key(), False),
                  "spki", pem(k1, True), "pkcs8", "invalid",
                  "the high-S case's signature over another payload", header))

# 4. PyJWT: EdDSA with an Ed448 key (RFC 8037 §3.1: the key's curve decides).
k448 = ed448.Ed448PrivateKey.generate()
token = jwt.encode({**CLAIMS, "sub": "pyjwt-eddsa-ed448"}, k448, algorithm="EdDSA")
cases.append(case("pyjwt-eddsa-ed448", PYJWT, "EdDSA", token, jwk(k448.public_key(), OKPAlgorithm), "jwk",
                  jwk(k448, OKPAlgorithm), "jwk", "verified",
                  "jwt.encode(claims, ed448_key, algorithm='EdDSA')", {"alg": "EdDSA", "typ": "JWT"}))

# 5. OpenSSL: "alg": "Ed448", RFC 9864's name, with the key as SPKI / PKCS#8 PEM.
header = {"alg": "Ed448", "typ": "JWT"}
data = signing_input(header, {**CLAIMS, "sub": "openssl-ed448"})
sig = openssl_sign(pem(k448, True), data, digest=False)
cases.append(case("openssl-ed448", OPENSSL, "Ed448", f"{data.decode()}.{b64(sig)}", pem(k448.public_key(), False),
                  "spki", pem(k448, True), "pkcs8", "verified", "openssl pkeyutl -sign -rawin -inkey key.pem", header))

# 6. OpenSSL: "alg": "Ed25519", RFC 9864's name for EdDSA with an Ed25519 key.
from cryptography.hazmat.primitives.asymmetric import ed25519

k25519 = ed25519.Ed25519PrivateKey.generate()
header = {"alg": "Ed25519", "typ": "JWT"}
data = signing_input(header, {**CLAIMS, "sub": "openssl-ed25519"})
sig = openssl_sign(pem(k25519, True), data, digest=False)
cases.append(case("openssl-ed25519", OPENSSL, "Ed25519", f"{data.decode()}.{b64(sig)}", pem(k25519.public_key(), False),
                  "spki", pem(k25519, True), "pkcs8", "verified", "openssl pkeyutl -sign -rawin -inkey key.pem", header))

# Every case checked once more with PyJWT before it is written (the "Ed448"/"Ed25519" names as EdDSA).
ALGS = jwt.algorithms.get_default_algorithms()
for c in cases:
    alg = ALGS["EdDSA" if c["alg"] in ("Ed448", "Ed25519") else c["alg"]]
    key = alg.from_jwk(c["key"]) if c["keyFormat"] == "jwk" else alg.prepare_key(c["key"])
    head, payload, sig = c["token"].split(".")
    ok = alg.verify(f"{head}.{payload}".encode(), key, base64.urlsafe_b64decode(sig + "=="))
    assert ok == (c["expect"] == "verified"), (c["id"], ok)

json.dump({"source": f"{PYJWT}; {OPENSSL}", "note": "made by scripts/make-noble-vectors.py", "cases": cases},
          sys.stdout, indent=2, ensure_ascii=False)
print()
