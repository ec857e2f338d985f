#!/usr/bin/python3
"""What PyJWT says about each claims case, for tests/unit/claims.test.ts.

Run with Debian's system Python and its PyJWT (python3-jwt 2.6.0), not a
pyenv python3:

    /usr/bin/python3 scripts/pyjwt-claims-oracle.py > tests/vectors/claims/pyjwt-claims.json

Each case is signed with HS256 over the exact payload text (so numbers keep
the form they are written in) and decoded with jwt.decode() the way a server
would: algorithms=["HS256"], audience=, issuer=, leeway=, options={"require":}.
The clock is frozen at NOW by replacing the `datetime` that jwt.api_jwt reads
`now` from. The output records the name of the exception PyJWT raises, or
"ok"; when PyJWT crashes on a value it does not expect, the Python exception
(TypeError, OverflowError) is recorded instead.
"""

import json
import sys
from datetime import datetime, timezone

import jwt
import jwt.api_jwt
from jwt import api_jws

NOW = 1700000000  # 2023-11-14T22:13:20Z
KEY = "claims-oracle-secret-of-32-bytes"


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW, tz=tz or timezone.utc)


jwt.api_jwt.datetime = FrozenDatetime


def case(id, payload, leeway=0, iss=None, aud=None, require=None, note=None):
    """`payload` is JSON text, kept as written."""
    options = {"leeway": leeway}
    if iss is not None:
        options["expectedIssuer"] = iss
    if aud is not None:
        options["expectedAudience"] = aud
    if require:
        options["requiredClaims"] = require
    c = {"id": id, "payload": payload, "options": options}
    if note:
        c["note"] = note
    return c


N = NOW
ISS = "https://issuer.example"
CASES = [
    case("empty-payload", "{}"),
    case("unchecked-claims", '{"sub":"a","jti":"b","custom":{"x":1}}'),
    # exp: expired when exp <= now - leeway
    case("exp-equals-now", f'{{"exp":{N}}}'),
    case("exp-now-plus-1", f'{{"exp":{N + 1}}}'),
    case("exp-now-minus-1", f'{{"exp":{N - 1}}}'),
    case("exp-leeway-edge", f'{{"exp":{N - 60}}}', leeway=60),
    case("exp-inside-leeway", f'{{"exp":{N - 59}}}', leeway=60),
    case("exp-equals-now-with-leeway", f'{{"exp":{N}}}', leeway=60),
    case("exp-negative", '{"exp":-1}'),
    case("exp-zero", '{"exp":0}'),
    case("exp-fraction-truncated-to-now", f'{{"exp":{N}.9}}'),
    case("exp-fraction-future", f'{{"exp":{N + 1}.5}}'),
    case("exp-exponent-form", '{"exp":1.7000001e9}'),
    case("exp-milliseconds", f'{{"exp":{N * 1000}}}'),
    # nbf: not yet valid when nbf > now + leeway
    case("nbf-equals-now", f'{{"nbf":{N}}}'),
    case("nbf-now-plus-1", f'{{"nbf":{N + 1}}}'),
    case("nbf-equals-now-plus-leeway", f'{{"nbf":{N + 60}}}', leeway=60),
    case("nbf-beyond-leeway", f'{{"nbf":{N + 61}}}', leeway=60),
    case("nbf-fraction-truncated-to-now", f'{{"nbf":{N}.5}}'),
    # iat: PyJWT 2.x rejects an iat after now + leeway
    case("iat-past", f'{{"iat":{N - 3600}}}'),
    case("iat-equals-now", f'{{"iat":{N}}}'),
    case("iat-now-plus-1", f'{{"iat":{N + 1}}}'),
    case("iat-equals-now-plus-leeway", f'{{"iat":{N + 30}}}', leeway=30),
    case("iat-beyond-leeway", f'{{"iat":{N + 31}}}', leeway=30),
    case("iat-fraction-after-now", f'{{"iat":{N}.5}}'),
    case("iat-fraction-beyond-leeway", f'{{"iat":{N + 1}.5}}', leeway=1),
    # time claims that are not NumericDates
    case("exp-string-words", '{"exp":"tomorrow"}'),
    case("exp-string-digits-past", f'{{"exp":"{N - 10}"}}'),
    case("exp-string-digits-future", f'{{"exp":"{N + 3600}"}}'),
    case("exp-null", '{"exp":null}'),
    case("exp-true", '{"exp":true}'),
    case("exp-object", '{"exp":{}}'),
    case("exp-array", '{"exp":[]}'),
    case("exp-infinite", '{"exp":1e999}'),
    case("nbf-string-words", '{"nbf":"soon"}'),
    case("nbf-null", '{"nbf":null}'),
    case("nbf-false", '{"nbf":false}'),
    case("iat-string-words", '{"iat":"yesterday"}'),
    case("iat-string-digits", f'{{"iat":"{N - 3600}"}}'),
    case("iat-null", '{"iat":null}'),
    case("iat-true", '{"iat":true}'),
    case("iat-object", '{"iat":{"t":1}}'),
    # iss: exact, case-sensitive
    case("iss-exact", f'{{"iss":"{ISS}"}}', iss=ISS),
    case("iss-other-case", '{"iss":"https://Issuer.example"}', iss=ISS),
    case("iss-trailing-slash", f'{{"iss":"{ISS}/"}}', iss=ISS),
    case("iss-missing", '{"sub":"a"}', iss=ISS),
    case("iss-null", '{"iss":null}', iss=ISS),
    case("iss-number", '{"iss":42}', iss="42"),
    case("iss-unchecked", '{"iss":"anyone"}'),
    # aud: the token's string or array must contain the expected audience
    case("aud-string-match", '{"aud":"api"}', aud="api"),
    case("aud-string-mismatch", '{"aud":"web"}', aud="api"),
    case("aud-other-case", '{"aud":"API"}', aud="api"),
    case("aud-array-match", '{"aud":["web","api"]}', aud="api"),
    case("aud-array-mismatch", '{"aud":["web","app"]}', aud="api"),
    case("aud-array-non-string", '{"aud":["api",1]}', aud="api"),
    case("aud-array-null-entry", '{"aud":[null,"api"]}', aud="api"),
    case("aud-missing", '{"sub":"a"}', aud="api"),
    case("aud-empty-string", '{"aud":""}', aud="api"),
    case("aud-empty-array", '{"aud":[]}', aud="api"),
    case("aud-null", '{"aud":null}', aud="api"),
    case("aud-number", '{"aud":5}', aud="api"),
    case("aud-object", '{"aud":{"api":true}}', aud="api"),
    case("aud-false", '{"aud":false}', aud="api"),
    case("aud-empty-object", '{"aud":{}}', aud="api"),
    case("aud-unexpected", '{"aud":"api"}', note="a token with aud, no audience expected"),
    # required claims (PyJWT: options={"require": [...]}, null counts as absent)
    case("required-present", '{"sub":"a"}', require=["sub"]),
    case("required-missing", '{"iss":"x"}', require=["sub"]),
    case("required-null", '{"sub":null}', require=["sub"]),
    case("required-false-is-present", '{"sub":false}', require=["sub"]),
    case("required-second-missing", '{"sub":"a"}', require=["sub", "jti"]),
    case("required-exp-missing", '{"sub":"a"}', require=["exp"]),
    case("required-exp-missing-iat-future", f'{{"iat":{N + 100}}}', require=["exp"]),
    case("required-exp-null", '{"exp":null}', require=["exp"]),
    case("required-iss-missing-and-expected", '{"sub":"a"}', iss=ISS, require=["iss"]),
    case("required-aud-missing-and-expected", f'{{"exp":{N - 1}}}', aud="api", require=["aud"]),
    # the order PyJWT checks in: required, iat, nbf, exp, iss, aud
    case("order-required-first", f'{{"exp":{N - 1},"iss":"x"}}', iss=ISS, require=["jti"]),
    case("order-iat-before-nbf", f'{{"iat":{N + 10},"nbf":{N + 10},"exp":{N - 1}}}'),
    case("order-nbf-before-exp", f'{{"nbf":{N + 10},"exp":{N - 1}}}'),
    case("order-exp-before-iss", f'{{"exp":{N - 1},"iss":"x"}}', iss=ISS),
    case("order-iss-before-aud", '{"iss":"x","aud":"web"}', iss=ISS, aud="api"),
    case("order-not-numeric-exp-before-iss", '{"exp":"x","iss":"x"}', iss=ISS),
    case(
        "all-valid",
        f'{{"iss":"{ISS}","aud":["api"],"sub":"a","iat":{N - 10},"nbf":{N - 10},"exp":{N + 3600}}}',
        iss=ISS,
        aud="api",
        require=["sub", "exp"],
    ),
]


def pyjwt_says(c):
    payload = c["payload"].encode("utf-8")
    token = api_jws.encode(payload, KEY, algorithm="HS256")
    options = c["options"]
    try:
        jwt.decode(
            token,
            KEY,
            algorithms=["HS256"],
            audience=options.get("expectedAudience"),
            issuer=options.get("expectedIssuer"),
            leeway=options["leeway"],
            options={"require": options.get("requiredClaims", [])},
        )
    except jwt.PyJWTError as e:
        return type(e).__name__
    except (TypeError, ValueError, OverflowError) as e:
        # PyJWT crashing on a value it does not expect, not a JWT verdict.
        return type(e).__name__
    return "ok"


def main():
    # The frozen clock must be the one PyJWT reads.
    probe = {"payload": f'{{"exp":{NOW + 1}}}', "options": {"leeway": 0}}
    assert pyjwt_says(probe) == "ok", "clock not frozen"
    assert pyjwt_says({**probe, "payload": f'{{"exp":{NOW}}}'}) == "ExpiredSignatureError"
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case id"
    out = {
        "source": f"PyJWT {jwt.__version__} (Debian python3-jwt, {sys.executable} {sys.version.split()[0]})",
        "note": "Generated by scripts/pyjwt-claims-oracle.py: each payload signed with HS256 and decoded with jwt.decode() at a frozen now; `pyjwt` is the exception raised, or \"ok\".",
        "now": NOW,
        "cases": [{**c, "pyjwt": pyjwt_says(c)} for c in CASES],
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
