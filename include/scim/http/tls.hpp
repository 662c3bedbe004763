#pragma once
// Certificate material for the HTTPS listener.

#include <string>

namespace scim::http {

struct tls_material {
    std::string certificate_chain_pem;
    std::string private_key_pem;
};

// Reads PEM files; throws std::runtime_error naming the file that could not be read.
tls_material load_tls_material(std::string const& cert_file, std::string const& key_file);

// A fresh self-signed certificate (EC P-256, one year) for localhost, 127.0.0.1 and ::1,
// for development and tests when no certificate is configured.
tls_material self_signed_localhost();

}  // namespace scim::http
