#include "scim/service/sites.hpp"

#include <boost/json/array.hpp>

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/sites.hpp"
#include "site_lookup.hpp"

namespace scim::service {

namespace json = boost::json;

store::site_row create_site(context const& ctx, admin_request const& req, site_definition const& site) {
    return audited_admin_write(ctx, req, {"site.create", "Site", 201}, std::nullopt, [&](admin_write& write) {
        auto const name = domain::normalize_site_name(site.name);
        auto const url = domain::normalize_site_url(site.url);
        std::vector<std::string> products;
        for (auto const& product : site.products) products.push_back(domain::normalize_product(product));
        store::site_row out;
        write.transact([&](store::session& s) {
            auto created = store::create_site(s, req.organization_id, name, url, products);
            if (!created) {
                throw core::error(core::error_type::uniqueness, "a site named \"" + name + "\" or at " + url +
                                                                    " already exists; site names are unique in the "
                                                                    "organization and a host name serves one site");
            }
            write.target(created->id);
            write.compare({}, audit_fields(*created));
            out = std::move(*created);
        });
        return out;
    });
}

std::vector<store::site_row> list_sites(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::site_row> out;
        lease.read([&](store::session& s) { out = store::list_sites(s, req.organization_id); });
        return out;
    });
}

store::site_row show_site(context const& ctx, admin_request const& req, std::string const& site_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::site_row out;
        lease.read([&](store::session& s) { out = require_site(s, req, site_id, false); });
        return out;
    });
}

store::site_row rename_site(context const& ctx, admin_request const& req, std::string const& site_id,
                            std::string const& name) {
    return audited_admin_write(ctx, req, {"site.rename", "Site", 200}, site_id, [&](admin_write& write) {
        auto const renamed = domain::normalize_site_name(name);
        store::site_row out;
        write.transact([&](store::session& s) {
            out = require_site(s, req, site_id, true);
            write.changed("name", json::value(out.name), json::value(renamed));
            if (!store::rename_site(s, out.id, renamed)) {
                throw core::error(core::error_type::uniqueness,
                                  "a site named \"" + renamed +
                                      "\" already exists; site names are unique in the organization, ignoring case");
            }
            out.name = renamed;
        });
        return out;
    });
}

void delete_site(context const& ctx, admin_request const& req, std::string const& site_id) {
    audited_admin_write(ctx, req, {"site.delete", "Site", 204}, site_id, [&](admin_write& write) {
        write.transact([&](store::session& s) {
            // Locked: an invitation under way finishes first (and is counted) or finds no site.
            auto const site = require_site(s, req, site_id, true);
            if (auto const users = store::count_site_users(s, site.id); users > 0) {
                throw core::error(core::error_type::conflict,
                                  "the site \"" + site.name + "\" has " + std::to_string(users) +
                                      (users == 1 ? " user" : " users") +
                                      "; remove them first (removal revokes their product access and takes them out "
                                      "of the site's groups)");
            }
            store::delete_site(s, site.id);
            write.compare(audit_fields(site), {});
        });
    });
}

store::site_row offer_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                                   std::string const& product) {
    return audited_admin_write(ctx, req, {"site.product.offer", "Site", 200}, site_id, [&](admin_write& write) {
        auto const offered = domain::normalize_product(product);
        store::site_row out;
        write.transact([&](store::session& s) {
            out = require_site(s, req, site_id, true);
            auto const before = audit_fields(out);
            out.products = store::add_site_product(s, out.id, offered);
            write.compare(before, audit_fields(out));
        });
        return out;
    });
}

void withdraw_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                           std::string const& product) {
    audited_admin_write(ctx, req, {"site.product.withdraw", "Site", 204}, site_id, [&](admin_write& write) {
        auto const withdrawn = domain::normalize_product(product);
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, true);
            if (!store::remove_site_product(s, site.id, withdrawn)) {
                throw core::error(core::error_type::not_found,
                                  "the site does not offer the product \"" + withdrawn + "\"");
            }
            auto remaining = site.products;
            std::erase(remaining, withdrawn);
            write.changed("products", json::array(site.products.begin(), site.products.end()),
                          json::array(remaining.begin(), remaining.end()));
        });
    });
}

}  // namespace scim::service
