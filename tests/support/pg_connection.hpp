#pragma once
// One libpq connection of a test's own, kept open between statements: to hold a lock or a
// transaction while scimd works, and to read what scimd wrote.

#include <string>
#include <vector>

struct pg_conn;

namespace scim::testing {

class pg_connection {
public:
    // Throws std::runtime_error with libpq's message when it cannot connect.
    explicit pg_connection(std::string const& dsn);
    ~pg_connection();
    pg_connection(pg_connection const&) = delete;
    pg_connection& operator=(pg_connection const&) = delete;

    // Runs SQL commands (several separated by ";", no parameters); throws std::runtime_error
    // with the server's message when they fail.
    void run(std::string const& sql);
    // The rows of one query, each column as text ("" for NULL).
    std::vector<std::vector<std::string>> rows(std::string const& sql);
    // The first column of the first row.
    std::string value(std::string const& sql);

private:
    pg_conn* conn_;
};

}  // namespace scim::testing
