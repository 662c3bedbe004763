#include "resource_writes.hpp"

#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/protocol/preconditions.hpp"
#include "scim/protocol/rendering.hpp"

namespace scim::service {

void require_if_match(scim_request const& req, std::int64_t version, std::string_view resource_type) {
    if (!req.if_match) return;
    if (!protocol::names_version(*req.if_match, version)) {
        throw core::error(core::error_type::precondition_failed,
                          "If-Match " + *req.if_match + " does not name the current version " +
                              protocol::entity_tag(version) + "; read the " + std::string(resource_type) + " again");
    }
}

bool not_modified(scim_request const& req, std::int64_t version) {
    return req.if_none_match && protocol::names_version(*req.if_none_match, version);
}

bool patch_answers_with_body(scim_request const& req, store::directory_settings const& directory, bool by_default) {
    if (req.prefer_minimal) return false;
    if (req.prefer_representation || req.projection_given) return true;
    if (directory.patch_response == "minimal") return false;
    if (directory.patch_response == "representation") return true;
    return by_default;
}

void resource_not_found(std::string_view resource_type, std::string const& id) {
    throw core::error(core::error_type::not_found, "no " + std::string(resource_type) + " with id \"" + id + "\"");
}

void changed_while_written(std::string_view resource_type, std::string const& id) {
    throw core::error(core::error_type::precondition_failed,
                      std::string(resource_type) + " \"" + id + "\" changed while it was written; try again");
}

void log_normalizations(scim_request const& req, std::string const& resource_key, std::string const& id,
                        std::vector<std::string> const& rules) {
    // The rules quote what the client sent (an email it meant to add); the journal entry keeps
    // them, the log only counts them.
    if (rules.empty()) return;
    core::log::info(
        "request normalized",
        {{"id", req.id}, {"directory", req.directory_id}, {resource_key, id}, {"rules", std::to_string(rules.size())}});
}

}  // namespace scim::service
