"""Extracts the examples of RFC 9901 (SD-JWT) from the spec's text as test data.

Run: git show gh-pages:draft-ietf-oauth-selective-disclosure-jwt.txt > spec.txt
     (in github.com/oauth-wg/oauth-selective-disclosure-jwt), then
     python3 scripts/rfc9901-vectors.py spec.txt > tests/vectors/sd-jwt/rfc9901.json
Each section's tokens (wrapped at 72 columns in the text) are rejoined, and
each JSON block after "Processed SD-JWT Payload" is read as the claims a
verifier must end with.
"""
import json, re, sys

lines = open(sys.argv[1]).read().split("\n")


def json_serialization_examples():
    """Section 8's SD-JWTs in the JWS JSON Serialization (flattened, then general).

    Run: python3 scripts/rfc9901-vectors.py spec.txt --json-serialization
         > tests/vectors/sd-jwt/rfc9901-json.json
    Their long strings are wrapped in the text: a line break between two
    base64url characters is removed, the JSON read as is.
    """
    out, section, i = [], None, 0
    while i < len(lines):
        head = re.match(r"^(8\.\d+)\.\s+(.*)$", lines[i])
        if head:
            section = head.group(1)
        elif re.match(r"^9\.\s", lines[i]):
            break
        elif section and lines[i] == "   {":
            block = []
            while lines[i] != "   }":
                block.append(lines[i])
                i += 1
            text = re.sub(r"([A-Za-z0-9_\-.~])\n\s+([A-Za-z0-9_\-.~])", r"\1\2", "\n".join(block + ["   }"]))
            out.append({"section": section, "object": json.loads(text)})
        i += 1
    return out


if "--json-serialization" in sys.argv:
    json.dump({"source": "RFC 9901 section 8 (draft-ietf-oauth-selective-disclosure-jwt, gh-pages)",
               "kb": {"aud": "https://verifier.example.org", "nonce": "1234567890", "iat": 1748536865},
               "examples": json_serialization_examples()}, sys.stdout, indent=1)
    sys.exit(0)
TOKEN = re.compile(r"^[A-Za-z0-9_\-~.]+$")
sections, current = [], None
i = 0
while i < len(lines):
    line = lines[i]
    head = re.match(r"^(\d+(?:\.\d+)*|A\.\d+)\.\s+(.*)$", line)
    if head:
        current = {"section": head.group(1), "title": head.group(2), "tokens": [], "json": []}
        sections.append(current)
    elif current and line.startswith("   eyJ") and TOKEN.match(line.strip()):
        block = []
        while i < len(lines) and lines[i].startswith("   ") and TOKEN.match(lines[i].strip()):
            block.append(lines[i].strip())
            i += 1
        current["tokens"].append("".join(block))
        continue
    elif current and line == "   {":
        block = []
        while i < len(lines):
            block.append(lines[i])
            if lines[i] == "   }":
                break
            i += 1
        before = " ".join(l.strip() for l in lines[max(0, i - len(block) - 4) : i - len(block) + 1])
        text = "\n".join(block)
        try:
            current["json"].append({"before": before, "value": json.loads(text)})
        except json.JSONDecodeError:
            pass
    i += 1

out = []
for s in sections:
    if not s["tokens"]:
        continue
    processed = [j["value"] for j in s["json"] if "Processed SD-" in j["before"] or "available after" in j["before"]]
    kb = [j["value"] for j in s["json"] if "sd_hash" in j["value"]]
    out.append({"section": s["section"], "title": s["title"], "tokens": s["tokens"],
                "processed": processed[0] if processed else None, "kbPayload": kb[0] if kb else None})
json.dump({"source": "RFC 9901 text (draft-ietf-oauth-selective-disclosure-jwt, gh-pages)",
           "issuerKey": {"kty": "EC", "crv": "P-256", "x": "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ", "y": "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"},
           "examples": out}, sys.stdout, indent=1)
