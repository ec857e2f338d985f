#!/usr/bin/python3
"""What PyJWT raises for each library-outcomes scenario, for tests/unit/explain/outcomes.test.ts.

Run with Debian's system Python and its PyJWT (python3-jwt 2.6.0):

    /usr/bin/python3 scripts/pyjwt-outcomes.py > tests/vectors/outcomes/pyjwt-outcomes.json

Each scenario is a token, the text in the key box and the server's settings.
Tokens are made here (HS256 with PyJWT, RS256 with a fresh RSA key); the unit
test runs the same tokens through jose and jsonwebtoken live, and through the
page's engine, and compares all three with the prediction in src/lib/explain/outcomes.ts.
The server is modelled as jwt.decode(token, key, algorithms=[...], audience=,
issuer=, leeway=, options={"require": [...]}) with the key text passed as is
(a str), at a frozen now.
"""

import json
import sys
from datetime import datetime, timezone

import jwt
import jwt.api_jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

NOW = 1700000000  # 2023-11-14T22:13:20Z
SECRET = "outcomes-secret-of-at-least-32-bytes!"
ISS = "https://issuer.example"


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW, tz=tz or timezone.utc)


jwt.api_jwt.datetime = FrozenDatetime

RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA_PUBLIC = RSA.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
).decode()
RSA_PRIVATE = RSA.private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
).decode()


def hs(payload, key=SECRET, headers=None):
    return jwt.encode(payload, key, algorithm="HS256", headers=headers)


def hmac_with_raw_key(payload, key_text):
    """HS256 with any bytes as the secret (PyJWT refuses PEM text, on purpose)."""
    import base64
    import hashlib
    import hmac

    def b64(b):
        return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = b64(json.dumps(payload, separators=(",", ":")).encode())
    signing_input = f"{head}.{body}".encode()
    sig = hmac.new(key_text.encode(), signing_input, hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


def unsigned(payload):
    return jwt.encode(payload, None, algorithm="none")


def base(**extra):
    return {"sub": "alice", "iat": NOW - 60, "exp": NOW + 3600, **extra}


def scenario(id, token, key=SECRET, algorithms=("HS256",), leeway=0, iss="", aud="", require=()):
    return {
        "id": id,
        "token": token,
        "key": key,
        "settings": {
            "algorithms": list(algorithms),
            "leeway": leeway,
            "expectedIssuer": iss,
            "expectedAudience": aud,
            "requiredClaims": list(require),
        },
    }


SCENARIOS = [
    scenario("valid", hs(base())),
    scenario("valid-iss-aud", hs(base(iss=ISS, aud="api")), iss=ISS, aud="api"),
    scenario("expired", hs(base(exp=NOW - 100))),
    scenario("expired-within-leeway", hs(base(exp=NOW - 10)), leeway=30),
    scenario("expired-beyond-leeway", hs(base(exp=NOW - 31)), leeway=30),
    scenario("nbf-future", hs(base(nbf=NOW + 600))),
    scenario("iat-future", hs(base(iat=NOW + 600))),
    scenario("wrong-signature", hs(base(), key="another-secret-of-at-least-32-bytes")),
    scenario("wrong-signature-and-expired", hs(base(exp=NOW - 100), key="another-secret-32-bytes-long!!")),
    scenario("alg-none", unsigned(base())),
    scenario("wrong-iss", hs(base(iss="https://evil.example")), iss=ISS),
    scenario("missing-iss", hs(base()), iss=ISS),
    scenario("wrong-aud", hs(base(aud="web")), aud="api"),
    scenario("wrong-aud-array", hs(base(aud=["web", "app"])), aud="api"),
    scenario("missing-aud", hs(base()), aud="api"),
    scenario("unexpected-aud", hs(base(aud="api"))),
    scenario("missing-required-exp", hs({"sub": "alice", "iat": NOW - 60}), require=["exp"]),
    scenario("missing-required-sub", hs({"iat": NOW - 60, "exp": NOW + 60}), require=["sub"]),
    scenario("expired-and-wrong-iss", hs(base(exp=NOW - 100, iss="https://evil.example")), iss=ISS),
    scenario("malformed-two-parts", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0"),
    scenario("malformed-bad-base64", "eyJhbGciOiJIUzI1NiJ9.e$J.abc"),
    scenario(
        "pem-as-hmac-secret",
        hmac_with_raw_key(base(), RSA_PUBLIC),
        key=RSA_PUBLIC,
        algorithms=("HS256",),
    ),
    scenario("rsa-key-for-hs256-token", hs(base()), key=RSA_PUBLIC, algorithms=("RS256",)),
    scenario("rs256-valid", jwt.encode(base(), RSA_PRIVATE, algorithm="RS256"), key=RSA_PUBLIC, algorithms=("RS256",)),
    scenario(
        "rs256-expired",
        jwt.encode(base(exp=NOW - 5), RSA_PRIVATE, algorithm="RS256"),
        key=RSA_PUBLIC,
        algorithms=("RS256",),
    ),
    scenario(
        "secret-for-rs256-token",
        jwt.encode(base(), RSA_PRIVATE, algorithm="RS256"),
        key=SECRET,
        algorithms=("RS256",),
    ),
]


def pyjwt_says(s):
    o = s["settings"]
    try:
        jwt.decode(
            s["token"],
            s["key"],
            algorithms=o["algorithms"],
            audience=o["expectedAudience"] or None,
            issuer=o["expectedIssuer"] or None,
            leeway=o["leeway"],
            options={"require": o["requiredClaims"]},
        )
    except jwt.PyJWTError as e:
        return {"name": type(e).__name__, "message": str(e)}
    except (TypeError, ValueError) as e:
        # cryptography's ValueError carries OpenSSL's error stack as a second argument.
        first = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)
        return {"name": type(e).__name__, "message": first, "crash": True}
    return {"name": "ok", "message": ""}


def main():
    ids = [s["id"] for s in SCENARIOS]
    assert len(ids) == len(set(ids)), "duplicate scenario id"
    out = {
        "source": f"PyJWT {jwt.__version__} (Debian python3-jwt, {sys.executable} {sys.version.split()[0]})",
        "note": "Generated by scripts/pyjwt-outcomes.py; `pyjwt` is the exception PyJWT raises (name and str()), or ok.",
        "now": NOW,
        "scenarios": [{**s, "pyjwt": pyjwt_says(s)} for s in SCENARIOS],
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
