#!/usr/bin/python3
"""What PyJWT raises for each case of the course's claims-pyjwt lesson, for
tests/unit/course/pyjwt.test.ts.

Run with Debian's system Python and its PyJWT (python3-jwt 2.6.0):

    /usr/bin/python3 scripts/pyjwt-course-outcomes.py > tests/vectors/course/pyjwt-claims-lesson.json

Each case is a token made here with PyJWT (HS256, "kid": "hs-1", the secret
below) and decoded the way the lesson's simulated server is configured:
jwt.decode(token, SECRET, algorithms=["HS256"], audience=, issuer=, leeway=,
options={"require": [...]}) at a frozen now. `pyjwt` is the exception's name,
or "ok". The tenant case then runs the lesson's own check after decode (PyJWT
knows no tenants) and records what that check raises as `custom`. `step` is
the lesson step (from 0) the case belongs to; the unit test feeds each token
to the page's simulated server and compares.
"""

import json
import sys
from datetime import datetime, timezone

import jwt
import jwt.api_jwt

NOW = 1760000000  # 2025-10-09T08:53:20Z
SECRET = "course-pyjwt-secret-of-32-bytes!"
ISS = "https://auth.course.example"
API = "https://api.course.example"
REPORTS = "https://reports.course.example"
REQUIRE = ["exp", "iat", "sub"]


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW, tz=tz or timezone.utc)


jwt.api_jwt.datetime = FrozenDatetime


class TenantMismatch(Exception):
    """The lesson's own check: the token's tenant must be the request's."""


def token(**claims):
    payload = {"iss": ISS, "aud": API, "sub": "alice", "iat": NOW - 60, "exp": NOW + 240, **claims}
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(payload, SECRET, algorithm="HS256", headers={"kid": "hs-1"})


def case(id, step, tok, audience=API, issuer=ISS, leeway=0, tenant=None):
    return {
        "id": id,
        "step": step,
        "token": tok,
        "decode": {"audience": audience, "issuer": issuer, "leeway": leeway, "require": REQUIRE},
        **({"tenant": tenant} if tenant else {}),
    }


CASES = [
    case("require-sub-missing", 0, token(sub=None)),
    case("require-sub-present", 0, token()),
    case("leeway-none-expired-20s", 1, token(exp=NOW - 20)),
    case("leeway-30-expired-20s", 1, token(exp=NOW - 20), leeway=30),
    case("leeway-10-expired-20s", 1, token(exp=NOW - 20), leeway=10),
    case("audience-list-billing", 2, token(aud="https://billing.course.example"), audience=[API, REPORTS]),
    case("audience-list-reports", 2, token(aud=REPORTS), audience=[API, REPORTS]),
    case("audience-token-list", 2, token(aud=["https://billing.course.example", REPORTS]), audience=[API, REPORTS]),
    case("audience-not-expected", 2, token(), audience=None),
    case("issuer-other", 3, token(iss="https://other.example"), issuer=ISS),
    case("issuer-unchecked", 3, token(iss="https://other.example"), issuer=None),
    case("issuer-missing", 3, token(iss=None), issuer=ISS),
    case("tenant-other", 4, token(tenant="globex"), tenant="acme"),
    case("tenant-own", 4, token(tenant="acme"), tenant="acme"),
]


def pyjwt_says(c):
    d = c["decode"]
    try:
        claims = jwt.decode(
            c["token"],
            SECRET,
            algorithms=["HS256"],
            audience=d["audience"],
            issuer=d["issuer"],
            leeway=d["leeway"],
            options={"require": d["require"]},
        )
    except jwt.PyJWTError as e:
        return type(e).__name__, None
    if "tenant" in c:
        try:
            if claims.get("tenant") != c["tenant"]:
                raise TenantMismatch(f'tenant {claims.get("tenant")!r} is not {c["tenant"]!r}')
        except TenantMismatch as e:
            return "ok", type(e).__name__
        return "ok", "ok"
    return "ok", None


def main():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case id"
    cases = []
    for c in CASES:
        raised, custom = pyjwt_says(c)
        cases.append({**c, "pyjwt": raised, **({"custom": custom} if custom else {})})
    out = {
        "source": f"PyJWT {jwt.__version__} (Debian python3-jwt, {sys.executable} {sys.version.split()[0]})",
        "command": "/usr/bin/python3 scripts/pyjwt-course-outcomes.py > tests/vectors/course/pyjwt-claims-lesson.json",
        "now": NOW,
        "secret": SECRET,
        "cases": cases,
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
