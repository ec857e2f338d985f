#!/bin/sh
# Certificates for the x5c tests, made by OpenSSL's CLI (not by the code under
# test): an RSA and an EC chain (root, intermediate, leaf), an expired leaf,
# a leaf that is not a CA yet signs another, and an unrelated root. Run once;
# the PEM files are committed. Validities run to 2125 (GeneralizedTime) and
# 2049 (UTCTime), so both time encodings are read.
set -eu
out=${1:-tests/vectors/x509}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
CNF

root() { # name keyalg subject days
  openssl req -x509 -new -key "$1.key" -subj "$2" -days "$3" -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$1.pem"
}
signed() { # name issuer subject days section
  openssl req -new -key "$1.key" -subj "$3" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days "$4" -sha256 -extfile ext.cnf -extensions "$5" -out "$1.pem"
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-root.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-intermediate.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-leaf.key
root rsa-root "/C=NL/O=JWT Lab Test/CN=JWT Lab Test RSA Root" 36500
signed rsa-intermediate rsa-root "/O=JWT Lab Test/CN=JWT Lab Test RSA Intermediate" 36000 ca
signed rsa-leaf rsa-intermediate "/O=JWT Lab Test/CN=rsa-leaf.example" 8400 leaf

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-root.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-intermediate.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-leaf.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-under-leaf.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-root.key
root ec-root "/O=JWT Lab Test/CN=JWT Lab Test EC Root" 36500
signed ec-intermediate ec-root "/O=JWT Lab Test/CN=JWT Lab Test EC Intermediate" 36000 ca
signed ec-leaf ec-intermediate "/O=JWT Lab Test/CN=ec-leaf.example" 8400 leaf
# A leaf (CA:FALSE) that signs a certificate anyway: a chain through it is invalid.
signed ec-under-leaf ec-leaf "/O=JWT Lab Test/CN=under-a-leaf.example" 8000 leaf
root other-root "/O=Someone Else/CN=Unrelated Root" 36500

# Expired: valid through 2021 only (openssl ca takes explicit dates).
mkdir -p ca/newcerts && : > ca/index.txt && echo 1000 > ca/serial
cat > ca.cnf <<'CNF'
[ca]
default_ca = test
[test]
dir = ca
database = ca/index.txt
new_certs_dir = ca/newcerts
serial = ca/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
CNF
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-expired.key
openssl req -new -key ec-expired.key -subj "/O=JWT Lab Test/CN=expired.example" -out ec-expired.csr
openssl ca -batch -config ca.cnf -cert ec-intermediate.pem -keyfile ec-intermediate.key \
  -startdate 20200101000000Z -enddate 20211231235959Z -extensions leaf -notext \
  -in ec-expired.csr -out ec-expired.pem

for name in rsa-root rsa-intermediate rsa-leaf ec-root ec-intermediate ec-leaf ec-under-leaf ec-expired other-root; do
  openssl x509 -in "$name.pem" -out "$out/$name.pem"
done
for name in rsa-leaf ec-leaf ec-expired; do
  openssl pkcs8 -topk8 -nocrypt -in "$name.key" -out "$out/$name.key.pem"
done
