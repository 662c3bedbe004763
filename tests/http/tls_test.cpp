#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "scim/http/tls.hpp"

namespace scim::http {
namespace {

struct free_x509 {
    void operator()(X509* p) const { X509_free(p); }
};
struct free_key {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};

std::unique_ptr<X509, free_x509> parse_certificate(std::string const& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return std::unique_ptr<X509, free_x509>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::unique_ptr<EVP_PKEY, free_key> parse_key(std::string const& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return std::unique_ptr<EVP_PKEY, free_key>(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

TEST(self_signed_localhost, is_an_ec_p256_certificate_for_the_local_names) {
    auto material = self_signed_localhost();
    auto cert = parse_certificate(material.certificate_chain_pem);
    auto key = parse_key(material.private_key_pem);
    ASSERT_TRUE(cert);
    ASSERT_TRUE(key);

    char group[32] = {};
    std::size_t group_length = 0;
    ASSERT_EQ(EVP_PKEY_get_group_name(key.get(), group, sizeof group, &group_length), 1);
    EXPECT_STREQ(group, "prime256v1");
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
    EXPECT_EQ(X509_verify(cert.get(), key.get()), 1) << "self-signed";

    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
    EXPECT_NE(X509_check_host(cert.get(), "example.com", 0, 0, nullptr), 1);

    int days = 0;
    int seconds = 0;
    ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())), 1);
    EXPECT_EQ(days, 365);
    EXPECT_EQ(X509_cmp_current_time(X509_get0_notBefore(cert.get())), -1) << "valid from now";
}

TEST(self_signed_localhost, is_fresh_each_time) {
    EXPECT_NE(self_signed_localhost().private_key_pem, self_signed_localhost().private_key_pem);
}

TEST(load_tls_material, reads_both_files_and_names_a_missing_one) {
    std::string dir = ::testing::TempDir();
    std::string cert_file = dir + "/scimd-tls-test-" + std::to_string(::getpid()) + ".crt";
    std::string key_file = dir + "/scimd-tls-test-" + std::to_string(::getpid()) + ".key";
    auto material = self_signed_localhost();
    std::ofstream(cert_file) << material.certificate_chain_pem;
    std::ofstream(key_file) << material.private_key_pem;

    auto loaded = load_tls_material(cert_file, key_file);
    EXPECT_EQ(loaded.certificate_chain_pem, material.certificate_chain_pem);
    EXPECT_EQ(loaded.private_key_pem, material.private_key_pem);

    try {
        load_tls_material(cert_file, dir + "/no-such-key.pem");
        ADD_FAILURE() << "no error";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-key.pem"), std::string::npos) << e.what();
    }
    std::remove(cert_file.c_str());
    std::remove(key_file.c_str());
}

}  // namespace
}  // namespace scim::http
