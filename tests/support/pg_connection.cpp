#include "support/pg_connection.hpp"

#include <memory>
#include <stdexcept>

#include <libpq-fe.h>

namespace scim::testing {
namespace {

struct cleared {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};

}  // namespace

pg_connection::pg_connection(std::string const& dsn) : conn_(PQconnectdb(dsn.c_str())) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        std::string const message = conn_ ? PQerrorMessage(conn_) : "out of memory";
        PQfinish(conn_);
        throw std::runtime_error("cannot connect to the test database: " + message);
    }
}

pg_connection::~pg_connection() { PQfinish(conn_); }

void pg_connection::run(std::string const& sql) {
    std::unique_ptr<PGresult, cleared> r(PQexec(conn_, sql.c_str()));
    auto const status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
    }
}

std::vector<std::vector<std::string>> pg_connection::rows(std::string const& sql) {
    std::unique_ptr<PGresult, cleared> r(PQexec(conn_, sql.c_str()));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
    std::vector<std::vector<std::string>> out(static_cast<std::size_t>(PQntuples(r.get())));
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        for (int column = 0; column < PQnfields(r.get()); ++column) {
            out[static_cast<std::size_t>(row)].emplace_back(PQgetvalue(r.get(), row, column));
        }
    }
    return out;
}

std::string pg_connection::value(std::string const& sql) {
    auto const all = rows(sql);
    if (all.empty() || all.front().empty()) throw std::runtime_error(sql + ": no value");
    return all.front().front();
}

}  // namespace scim::testing
