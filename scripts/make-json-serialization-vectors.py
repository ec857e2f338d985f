#!/usr/bin/env python3
"""Build tests/vectors/json-serialization/*.json: the JWS and JWE JSON
serializations of RFC 7515 A.6/A.7, RFC 7516 A.4/A.5 and RFC 7520 §4.1-4.8,
§5.1-5.13 (§4.1-4.5, §5.1-5.9 and §5.11 in both the general and the
flattened form, with the compact form beside them where there is one), with
their documented keys; and, rewritten from the compact forms their RFCs print,
RFC 7515 A.1-A.4, RFC 7516 A.1-A.3, RFC 7797 §4.1 and RFC 8037 A.4 (RFC 7797
§4.2's flattened JSON is as printed).

RFC 7520's come from the JOSE cookbook data the RFC was built from
(github.com/ietf-jose/cookbook); give its checkout as the first argument
(a bare git directory works: files are read with `git show HEAD:<path>`).
RFC 7515 A.6/A.7 and RFC 7516 A.4/A.5 are not in the cookbook: they are
transcribed from the RFC text below, and the script checks that each
signature and protected header equals the compact A.2/A.3 (RFC 7515) or
A.3 (RFC 7516) vectors already in tests/vectors, which were copied from the
RFC independently. Nothing here is produced by the engine under test.
Run: python3 scripts/make-json-serialization-vectors.py /path/to/cookbook
"""
import json
import subprocess
import sys

COOKBOOK = sys.argv[1]
OUT = 'tests/vectors/json-serialization'


def cookbook(path):
    text = subprocess.run(['git', '-C', COOKBOOK, 'show', f'HEAD:{path}'],
                          check=True, capture_output=True, text=True).stdout
    return json.loads(text)


def cases_of(path):
    return {c['id']: c for c in json.load(open(path))['cases']}


def public(jwk):
    return {k: v for k, v in jwk.items() if k not in ('d', 'p', 'q', 'dp', 'dq', 'qi')}


SENSITIVE = ('alg', 'kid', 'crit', 'b64', 'jku', 'jwk', 'x5u', 'x5c', 'typ')


def unprotected_only(sigs):
    """Members the `unprotected-header` finding names: in a `header` only."""
    return sorted({m for s in sigs for m in s.get('header', {}) if m in SENSITIVE})


def text(jwk):
    return json.dumps(jwk, indent=2, ensure_ascii=False)


jws7515 = cases_of('tests/vectors/rfc7515.json')
a2, a3 = jws7515['rfc7515-a2-rs256'], jws7515['rfc7515-a3-es256']
A2_PROTECTED, PAYLOAD, A2_SIG = a2['token'].split('.')
A3_PROTECTED, _, A3_SIG = a3['token'].split('.')
A6_PAYLOAD_TEXT = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}'

# RFC 7515 A.6.4, as printed (display line breaks removed).
a6 = {
    'payload': 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ',
    'signatures': [
        {'protected': 'eyJhbGciOiJSUzI1NiJ9', 'header': {'kid': '2010-12-29'},
         'signature': 'cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw'},
        {'protected': 'eyJhbGciOiJFUzI1NiJ9', 'header': {'kid': 'e9bc097a-ce51-4036-9562-d2ade882db0d'},
         'signature': 'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q'},
    ],
}
# RFC 7515 A.7, as printed.
a7 = {
    'payload': a6['payload'],
    'protected': 'eyJhbGciOiJFUzI1NiJ9',
    'header': {'kid': 'e9bc097a-ce51-4036-9562-d2ade882db0d'},
    'signature': 'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q',
}
assert a6['payload'] == PAYLOAD
assert (a6['signatures'][0]['protected'], a6['signatures'][0]['signature']) == (A2_PROTECTED, A2_SIG)
assert (a6['signatures'][1]['protected'], a6['signatures'][1]['signature']) == (A3_PROTECTED, A3_SIG)

rsa_a2, ec_a3 = a2['key'], a3['key']
jws_cases = [
    {'id': 'rfc7515-a6', 'source': 'RFC 7515 Appendix A.6 (general: RS256 and ES256)',
     'form': 'json-jws-general', 'serialization': a6, 'payloadText': A6_PAYLOAD_TEXT,
     'unprotectedOnly': unprotected_only(a6['signatures']),
     'checks': [
         {'keyName': 'A.2 RSA public JWK', 'key': rsa_a2, 'verified': [1]},
         {'keyName': 'A.3 EC public JWK', 'key': ec_a3, 'verified': [2]},
         {'keyName': 'JWKS of both, matched by kid', 'verified': [1, 2],
          'key': text({'keys': [dict(json.loads(rsa_a2), kid='2010-12-29'),
                                dict(json.loads(ec_a3), kid='e9bc097a-ce51-4036-9562-d2ade882db0d')]})},
     ]},
    {'id': 'rfc7515-a7', 'source': 'RFC 7515 Appendix A.7 (flattened: ES256)',
     'form': 'json-jws-flattened', 'serialization': a7, 'payloadText': A6_PAYLOAD_TEXT,
     'unprotectedOnly': unprotected_only([a7]),
     'checks': [{'keyName': 'A.3 EC public JWK', 'key': ec_a3, 'verified': [1]}]},
]

for path, cid, source, form_key in [
    ('jws/4_6.protecting_specific_header_fields.json', 'rfc7520-4.6', 'RFC 7520 §4.6 (protecting specific header fields: HS256, kid unprotected)', 'json_flat'),
    ('jws/4_7.protecting_content_only.json', 'rfc7520-4.7', 'RFC 7520 §4.7 (protecting content only: HS256, no protected header)', 'json_flat'),
    ('jws/4_8.multiple_signatures.json', 'rfc7520-4.8', 'RFC 7520 §4.8 (multiple signatures: RS256, ES512, HS256)', 'json'),
]:
    d = cookbook(path)
    keys = d['input']['key'] if isinstance(d['input']['key'], list) else [d['input']['key']]
    ser = d['output'][form_key]
    sigs = ser.get('signatures') or [ser]
    checks = []
    for k in keys:
        i = [n + 1 for n, s in enumerate(sigs)
             if (json.loads(__import__('base64').urlsafe_b64decode(s['protected'] + '==')) if 'protected' in s else {}).get('alg', s.get('header', {}).get('alg'))
             in ({'RSA': ['RS256'], 'EC': ['ES512'], 'oct': ['HS256']}[k['kty']])]
        checks.append({'keyName': f"§3 {k['kty']} {'public ' if k['kty'] != 'oct' else ''}JWK", 'key': text(public(k)), 'verified': i})
    if len(keys) > 1:
        checks.append({'keyName': 'JWKS of the three §3 keys', 'key': text({'keys': [public(k) for k in keys]}),
                       'verified': list(range(1, len(sigs) + 1))})
    only = unprotected_only(sigs)
    jws_cases.append({'id': cid, 'source': source,
                      'form': 'json-jws-general' if form_key == 'json' else 'json-jws-flattened',
                      'serialization': ser, 'payloadText': d['input']['payload'],
                      'unprotectedOnly': only, 'checks': checks})

# RFC 7520 §4.1-4.5: each example's general and flattened forms, with the compact
# form beside them (the same signature, so all three must give the same payload).
for path, section, words in [
    ('jws/4_1.rsa_v15_signature.json', '4.1', 'RSA v1.5 signature: RS256'),
    ('jws/4_2.rsa-pss_signature.json', '4.2', 'RSA-PSS signature: PS384'),
    ('jws/4_3.ecdsa_signature.json', '4.3', 'ECDSA signature: ES512'),
    ('jws/4_4.hmac-sha2_integrity_protection.json', '4.4', 'HMAC-SHA2 integrity protection: HS256'),
    ('jws/4_5.signature_with_detached_content.json', '4.5', 'signature with detached content: HS256, no "payload"'),
]:
    d = cookbook(path)
    k = d['input']['key']
    for form_key, form in [('json', 'json-jws-general'), ('json_flat', 'json-jws-flattened')]:
        ser = d['output'][form_key]
        name = 'general' if form_key == 'json' else 'flattened'
        jws_cases.append({
            'id': f'rfc7520-{section}-{name}', 'source': f'RFC 7520 §{section} ({words}), {name}',
            'form': form, 'serialization': ser, 'compact': d['output']['compact'],
            'payloadText': d['input']['payload'],
            'unprotectedOnly': unprotected_only(ser.get('signatures') or [ser]),
            'checks': [{'keyName': f"§3 {k['kty']} {'public ' if k['kty'] != 'oct' else ''}JWK",
                        'key': text(public(k)), 'verified': [1]}]})

# RFC 7797 §4.2 prints its JSON form (flattened, the payload "$.02" as it stands); §4.1 and
# RFC 8037 A.4 print the compact form only, so their JSON forms are the same parts rewritten.
rfc7797 = json.load(open('tests/vectors/rfc7797/rfc7797.json'))
u = rfc7797['unencoded']
e_protected, e_payload, e_sig = rfc7797['encoded']['token'].split('.')
ed = cases_of('tests/vectors/rfc8037.json')['rfc8037-a4-eddsa']
ed_protected, ed_payload, ed_sig = ed['token'].split('.')
for cid, source, compact, flat, payload_text, key in [
    ('rfc7797-4.1', 'RFC 7797 §4.1 (b64 true: HS256 over "$.02"; compact in the RFC, rewritten as JSON)',
     rfc7797['encoded']['token'], {'payload': e_payload, 'protected': e_protected, 'signature': e_sig},
     rfc7797['payload'], rfc7797['key']),
    ('rfc7797-4.2', 'RFC 7797 §4.2 (b64 false: the payload "$.02" unencoded; the flattened JSON as printed, compact detached)',
     u['detached'], {'protected': u['protected'], 'payload': rfc7797['payload'], 'signature': u['signature']},
     rfc7797['payload'], rfc7797['key']),
    ('rfc8037-a4', 'RFC 8037 A.4 (Ed25519; compact in the RFC, rewritten as JSON)',
     ed['token'], {'payload': ed_payload, 'protected': ed_protected, 'signature': ed_sig},
     ed['payloadText'], ed['key']),
]:
    general = {'payload': flat['payload'], 'signatures': [{'protected': flat['protected'], 'signature': flat['signature']}]}
    for name, form, ser in [('general', 'json-jws-general', general), ('flattened', 'json-jws-flattened', flat)]:
        jws_cases.append({'id': f'{cid}-{name}', 'source': f'{source}, {name}', 'form': form,
                          'serialization': ser, 'compact': compact, 'payloadText': payload_text,
                          'unprotectedOnly': [],
                          'checks': [{'keyName': 'the RFC\'s key', 'key': key, 'verified': [1]}]})

# RFC 7516 A.4.7 and A.5, as printed. The A128KW recipient is the A.3 example's key and
# encrypted key, so the A.3 compact vector copied independently must share them.
jwe7516 = cases_of('tests/vectors/jwe/rfc7516.json')
a3e = jwe7516['A.3']
_, A3_EK, A3_IV, A3_CT, A3_TAG = a3e['token'].split('.')
a4 = {
    'protected': 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0',
    'unprotected': {'jku': 'https://server.example.com/keys.jwks'},
    'recipients': [
        {'header': {'alg': 'RSA1_5', 'kid': '2011-04-29'},
         'encrypted_key': 'UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPLgNZ__deLKxGHZ7PcHALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIFNPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv-B3oWh2TbqmScqXMR4gp_A'},
        {'header': {'alg': 'A128KW', 'kid': '7'},
         'encrypted_key': '6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ'},
    ],
    'iv': 'AxY8DCtDaGlsbGljb3RoZQ',
    'ciphertext': 'KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY',
    'tag': 'Mz-VPPyU4RlcuYv1IwIvzw',
}
a5 = {
    'protected': a4['protected'], 'unprotected': a4['unprotected'],
    'header': {'alg': 'A128KW', 'kid': '7'},
    'encrypted_key': '6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ',
    'iv': a4['iv'], 'ciphertext': a4['ciphertext'], 'tag': a4['tag'],
}
assert a4['recipients'][1]['encrypted_key'] == A3_EK and a4['iv'] == A3_IV

jwe_cases = [
    {'id': 'rfc7516-a4', 'source': 'RFC 7516 Appendix A.4 (general: RSA1_5 and A128KW, shared unprotected jku)',
     'form': 'json-jwe', 'serialization': a4, 'plaintext': a3e['plaintext'],
     'checks': [{'keyName': 'A.3 A128KW key', 'key': a3e['key'], 'recipient': 2},
                {'keyName': 'A.2 RSA private key (RSA1_5, which jose 6 refuses)',
                 'key': jwe7516['A.2']['key'], 'code': 'ERR_JWE_NO_RECIPIENT'}]},
    {'id': 'rfc7516-a5', 'source': 'RFC 7516 Appendix A.5 (flattened: A128KW)',
     'form': 'json-jwe', 'serialization': a5, 'plaintext': a3e['plaintext'],
     'checks': [{'keyName': 'A.3 A128KW key', 'key': a3e['key'], 'recipient': 1}]},
]
for path, cid, source, form_key in [
    ('jwe/5_10.including_additional_authentication_data.json', 'rfc7520-5.10', 'RFC 7520 §5.10 (additional authenticated data: A128KW, A128GCM)', 'json_flat'),
    ('jwe/5_12.protecting_content_only.json', 'rfc7520-5.12', 'RFC 7520 §5.12 (protecting content only: every header member unprotected)', 'json_flat'),
    ('jwe/5_13.encrypting_to_multiple_recipients.json', 'rfc7520-5.13', 'RFC 7520 §5.13 (multiple recipients: RSA1_5, ECDH-ES+A256KW, A256GCMKW)', 'json'),
]:
    d = cookbook(path)
    keys = d['input']['key'] if isinstance(d['input']['key'], list) else [d['input']['key']]
    algs = d['input']['alg'] if isinstance(d['input']['alg'], list) else [d['input']['alg']]
    checks = []
    for n, (k, alg) in enumerate(zip(keys, algs)):
        if alg == 'RSA1_5':
            checks.append({'keyName': f'recipient {n + 1} key (RSA1_5, which jose 6 refuses)', 'key': text(k), 'code': 'ERR_JWE_NO_RECIPIENT'})
        else:
            checks.append({'keyName': f'recipient {n + 1} key ({alg})', 'key': text(k), 'recipient': n + 1})
    jwe_cases.append({'id': cid, 'source': source, 'form': 'json-jwe',
                      'serialization': d['output'][form_key], 'plaintext': d['input']['plaintext'],
                      **({'aadText': d['input']['aad']} if 'aad' in d['input'] else {}),
                      'checks': checks})

# RFC 7520 §5.1-5.9 and §5.11: each example's general and flattened forms (with the
# compact form beside them where there is one: §5.11 has an unprotected header, so none).
for path, section, words in [
    ('jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json', '5.1', 'RSA1_5, A128CBC-HS256'),
    ('jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json', '5.2', 'RSA-OAEP, A256GCM'),
    ('jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json', '5.3', 'PBES2-HS512+A256KW, A128CBC-HS256'),
    ('jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json', '5.4', 'ECDH-ES+A128KW, A128GCM'),
    ('jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json', '5.5', 'ECDH-ES, A128CBC-HS256'),
    ('jwe/5_6.direct_encryption_using_aes-gcm.json', '5.6', 'dir, A128GCM'),
    ('jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json', '5.7', 'A256GCMKW, A128CBC-HS256'),
    ('jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json', '5.8', 'A128KW, A128GCM'),
    ('jwe/5_9.compressed_content.json', '5.9', 'compressed content: A128KW, A128GCM, zip DEF'),
    ('jwe/5_11.protecting_specific_header_fields.json', '5.11', 'protecting specific header fields: A128KW, A128GCM, enc protected, the rest unprotected'),
]:
    d = cookbook(path)
    i = d['input']
    key = i['pwd'] if 'pwd' in i else text(i['key'])
    if i['alg'] == 'RSA1_5':
        check = {'keyName': '§5.1 RSA private JWK (RSA1_5, which jose 6 refuses)', 'key': key, 'code': 'ERR_JWE_ALG_UNSUPPORTED'}
    else:
        check = {'keyName': 'the password' if 'pwd' in i else f"§5.{section[2:]} {i['key']['kty']} JWK",
                 'key': key, 'recipient': 1}
    for form_key in ['json', 'json_flat']:
        name = 'general' if form_key == 'json' else 'flattened'
        jwe_cases.append({
            'id': f'rfc7520-{section}-{name}', 'source': f'RFC 7520 §{section} ({words}), {name}',
            'form': 'json-jwe', 'serialization': d['output'][form_key],
            **({'compact': d['output']['compact']} if 'compact' in d['output'] else {}),
            **({'keyFormat': 'password'} if 'pwd' in i else {}),
            'plaintext': i['plaintext'], 'checks': [check]})

# RFC 7515 A.1-A.4 print the compact form only: their JSON forms are the same parts
# rewritten (A.5, unsecured, has no key to check with and is left compact).
for case_id, cid, words in [
    ('rfc7515-a1-hs256-jwk', 'rfc7515-a1', 'HS256'),
    ('rfc7515-a2-rs256', 'rfc7515-a2', 'RS256'),
    ('rfc7515-a3-es256', 'rfc7515-a3', 'ES256'),
    ('rfc7515-a4-es512', 'rfc7515-a4', 'ES512, the text payload "Payload"'),
]:
    c = jws7515[case_id]
    p_, pl, sg = c['token'].split('.')
    payload_text = __import__('base64').urlsafe_b64decode(pl + '=' * (-len(pl) % 4)).decode('utf-8')
    flat = {'payload': pl, 'protected': p_, 'signature': sg}
    general = {'payload': pl, 'signatures': [{'protected': p_, 'signature': sg}]}
    for name, form, ser in [('general', 'json-jws-general', general), ('flattened', 'json-jws-flattened', flat)]:
        jws_cases.append({'id': f'{cid}-{name}', 'source': f'RFC 7515 Appendix {cid[-2:].upper()} ({words}; compact in the RFC, rewritten as JSON), {name}',
                          'form': form, 'serialization': ser, 'compact': c['token'], 'payloadText': payload_text,
                          'unprotectedOnly': [],
                          'checks': [{'keyName': "the RFC's key", 'key': c['key'], 'verified': [1]}]})

# RFC 7516 A.1-A.3 print the compact form only: their JSON forms are the same parts rewritten.
for case_id, words in [('A.1', 'RSA-OAEP, A256GCM'), ('A.2', 'RSA1_5, A128CBC-HS256'), ('A.3', 'A128KW, A128CBC-HS256')]:
    c = jwe7516[case_id]
    p_, ek, iv, ct, tag = c['token'].split('.')
    flat = {'protected': p_, 'encrypted_key': ek, 'iv': iv, 'ciphertext': ct, 'tag': tag}
    general = {'protected': p_, 'recipients': [{'encrypted_key': ek}], 'iv': iv, 'ciphertext': ct, 'tag': tag}
    if c['expect'] == 'refused':
        check = {'keyName': "the RFC's key (RSA1_5, which jose 6 refuses)", 'key': c['key'], 'code': c['code']}
    else:
        check = {'keyName': "the RFC's key", 'key': c['key'], 'recipient': 1}
    cid = 'rfc7516-' + case_id.replace('.', '').lower()
    for name, ser in [('general', general), ('flattened', flat)]:
        jwe_cases.append({'id': f'{cid}-{name}', 'source': f'RFC 7516 Appendix {case_id} ({words}; compact in the RFC, rewritten as JSON), {name}',
                          'form': 'json-jwe', 'serialization': ser, 'compact': c['token'],
                          'plaintext': c['plaintext'], 'checks': [check]})

for name, source, cases in [
    ('jws-json.json', 'RFC 7515 A.1-A.4, A.6/A.7, RFC 7520 §4.1-4.8, RFC 7797 §4, RFC 8037 A.4', jws_cases),
    ('jwe-json.json', 'RFC 7516 A.1-A.5 and RFC 7520 §5.1-5.13', jwe_cases),
]:
    with open(f'{OUT}/{name}', 'w') as f:
        json.dump({'source': source,
                   'note': 'Made by scripts/make-json-serialization-vectors.py from the RFC text and the ietf-jose/cookbook JSON files; see tests/vectors/README.md.',
                   'cases': cases}, f, indent=2, ensure_ascii=False)
        f.write('\n')
print('ok', len(jws_cases), len(jwe_cases))
