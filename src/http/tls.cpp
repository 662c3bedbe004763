#include "scim/http/tls.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace scim::http {
namespace {

template <typename T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
template <typename T, void (*Free)(T*)>
using openssl_ptr = std::unique_ptr<T, openssl_deleter<T, Free>>;

using bio_ptr = openssl_ptr<BIO, BIO_free_all>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using key_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using x509_ptr = openssl_ptr<X509, X509_free>;
using extension_ptr = openssl_ptr<X509_EXTENSION, X509_EXTENSION_free>;

[[noreturn]] void fail(std::string const& what) {
    char reason[256] = "unknown error";
    if (auto code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    throw std::runtime_error("self-signed certificate: " + what + ": " + reason);
}

void check(int ok, char const* what) {
    if (ok != 1) fail(what);
}

std::string read_file(std::string const& path, char const* role) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || text.str().empty()) throw std::runtime_error("cannot read TLS " + std::string(role) + " file " + path);
    return text.str();
}

void add_extension(X509* cert, int nid, char const* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    extension_ptr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext) fail(std::string("extension ") + value);
    check(X509_add_ext(cert, ext.get(), -1), "add extension");
}

std::string to_pem(auto write) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) fail("PEM encoding");
    char* data = nullptr;
    auto size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

tls_material load_tls_material(std::string const& cert_file, std::string const& key_file) {
    return {read_file(cert_file, "certificate"), read_file(key_file, "private key")};
}

tls_material self_signed_localhost() {
    key_ptr key(EVP_EC_gen("P-256"));
    if (!key) fail("EC P-256 key");

    x509_ptr cert(X509_new());
    if (!cert) fail("X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3), "version");

    // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets, unique per issuer; random
    // ones keep browsers from confusing two development certificates.
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial), "serial");
    serial[0] &= 0x7f;
    bignum_ptr serial_number(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!serial_number || !BN_to_ASN1_INTEGER(serial_number.get(), X509_get_serialNumber(cert.get()))) fail("serial");

    constexpr long one_year = 365L * 24 * 60 * 60;
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), one_year)) {
        fail("validity");
    }

    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("localhost"), -1,
                                     -1, 0),
          "subject");
    check(X509_set_issuer_name(cert.get(), name), "issuer");
    check(X509_set_pubkey(cert.get(), key.get()), "public key");

    // Clients match the host against subjectAltName, not the CN (RFC 9525), so every name
    // a local client may dial is listed.
    add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("signature");

    return {to_pem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); }), to_pem([&](BIO* bio) {
                return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
            })};
}

}  // namespace scim::http
