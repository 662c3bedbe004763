#pragma once
// What a server's /Schemas declares about each attribute's uniqueness (RFC 7643 §2.2, §7), so
// that a case can hold the server to it: a case that requires
// "uniqueness:<schema urn>:<attribute>[.<sub-attribute>]=<value>" runs only against a server
// that declares that value, and checks that the server does what it declares.

#include <map>
#include <string>

#include <boost/json/value.hpp>

namespace scim::conformance {

// The body of GET /Schemas (a ListResponse, or a bare array) → "<schema urn>:<attribute>" and
// "<schema urn>:<attribute>.<sub-attribute>" (lower case) → the declared uniqueness (lower
// case). An attribute that declares none is absent (RFC 7643 §2.2 makes "none" the default,
// but a case should run only on what the server said).
std::map<std::string, std::string> declared_uniqueness(boost::json::value const& schemas);

}  // namespace scim::conformance
