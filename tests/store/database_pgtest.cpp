// The pool against the real cluster: both connection string forms, the session limits
// (statement_timeout, idle_in_transaction_session_timeout), and what a failure of the
// connection becomes (docs/errors.md "When the database is out of reach").

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "connection_string.hpp"
#include "scim/core/error.hpp"
#include "scim/store/database.hpp"
#include "scim/store/migrations.hpp"
#include "session.hpp"
#include "support/own_cluster.hpp"
#include "support/pg_connection.hpp"
#include "support/postgres_environment.hpp"

namespace scim::store {
namespace {

using namespace std::chrono_literals;

// One database for the suite: each test makes its own tables and its own pool.
std::string const& suite_dsn() {
    static std::string const dsn = testing::fresh_database_dsn();
    return dsn;
}

std::string text_of(session& s, char const* query) { return s.run(sql_text(query)).front().text("v"); }

// The fixture cluster's DSN as a URI (PostgreSQL manual §34.1.1.2): the socket folder
// percent-encoded as the host, so that the URI holds no "=" at all.
std::string as_uri(std::string const& dsn, std::string const& password = "", std::string database = "") {
    testing::pg_connection c(dsn);
    auto const host = c.value("SELECT current_setting('unix_socket_directories')");
    auto const port = c.value("SELECT current_setting('port')");
    if (database.empty()) database = c.value("SELECT current_database()");
    std::string encoded;
    for (char ch : host) encoded += ch == '/' ? std::string("%2F") : std::string(1, ch);
    return "postgresql://postgres" + (password.empty() ? "" : ":" + password) + "@" + encoded + ":" + port + "/" +
           database;
}

core::error failure_of(std::function<void()> const& work) {
    try {
        work();
    } catch (core::error const& e) {
        return e;
    }
    ADD_FAILURE() << "no core::error";
    return core::error(core::error_type::internal, "none");
}

std::string const defaults =
    "connect_timeout=5 keepalives_idle=30 keepalives_interval=10 keepalives_count=3 tcp_user_timeout=60000";

TEST(connection_string, both_forms_come_out_as_keywords) {
    EXPECT_EQ(keyword_connection_string("host=/tmp/x port=5433 dbname=d user=u"),
              "user='u' dbname='d' host='/tmp/x' port='5433' " + defaults);
    EXPECT_EQ(keyword_connection_string("postgresql://u@%2Ftmp%2Fx:5433/d"),
              "user='u' dbname='d' host='/tmp/x' port='5433' " + defaults);
    EXPECT_EQ(keyword_connection_string("postgres://u:it's@h/d?connect_timeout=2&application_name=a%20b"),
              "user='u' password='it\\'s' connect_timeout='2' dbname='d' host='h' application_name='a b' "
              "keepalives_idle=30 keepalives_interval=10 keepalives_count=3 tcp_user_timeout=60000");
}

// A host that goes silent is noticed in about a minute unless the operator chose otherwise.
TEST(connection_string, the_timeouts_given_win_over_scimds) {
    EXPECT_EQ(keyword_connection_string("host=h keepalives_idle=5 keepalives_count=9 tcp_user_timeout=0"),
              "host='h' keepalives_idle='5' keepalives_count='9' tcp_user_timeout='0' connect_timeout=5 "
              "keepalives_interval=10");
    ::setenv("PGCONNECT_TIMEOUT", "7", 1);
    auto const with_environment = keyword_connection_string("host=h");
    ::unsetenv("PGCONNECT_TIMEOUT");
    EXPECT_EQ(with_environment.find("connect_timeout"), std::string::npos) << with_environment;
}

TEST(connection_string, a_bad_one_is_refused_without_quoting_it) {
    for (auto const* bad : {"postgresql://u:Sup3r%zzSecret@h/d", "host=h password=Sup3rSecret bogus_option=1",
                            "host='Sup3rSecret", "postgresql://u:Sup3rSecret@h/d?nonsense=1"}) {
        SCOPED_TRACE(bad);
        try {
            keyword_connection_string(bad);
            ADD_FAILURE() << "accepted";
        } catch (std::invalid_argument const& e) {
            EXPECT_EQ(std::string(e.what()).find("Sup3r"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("connection string"), std::string::npos) << e.what();
        }
    }
}

TEST(database, opens_with_a_uri_as_with_keywords) {
    auto const dsn = suite_dsn();
    for (auto const& form : {dsn, as_uri(dsn), "postgres" + as_uri(dsn).substr(std::string("postgresql").size())}) {
        SCOPED_TRACE(form);
        database db(form, 1);
        db.read([&](session& s) {
            EXPECT_EQ(text_of(s, "SELECT current_database() AS v"),
                      testing::pg_connection(dsn).value("SELECT current_database()"));
        });
    }
}

TEST(database, a_database_that_cannot_be_reached_is_named_without_the_password) {
    try {
        database db(as_uri(testing::database_dsn(), "Sup3rSecret", "no_such_database"), 1);
        ADD_FAILURE() << "connected";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::service_unavailable);
        EXPECT_NE(e.detail().find("no_such_database"), std::string::npos) << e.detail();
        EXPECT_EQ(e.detail().find("Sup3rSecret"), std::string::npos) << e.detail();
    }
}

TEST(database, each_connection_has_the_configured_limits) {
    database db(suite_dsn(), 2, {{1234ms, 5678ms}, 7});
    db.read([](session& s) {
        EXPECT_EQ(text_of(s, "SELECT current_setting('statement_timeout') AS v"), "1234ms");
        EXPECT_EQ(text_of(s, "SELECT current_setting('idle_in_transaction_session_timeout') AS v"), "5678ms");
    });
}

// Transaction pooling mode (docs/database.md "PgBouncer"): each transaction, a read's too, has
// the settings as SET LOCAL, and nothing stays on the server connection after it, neither a
// setting nor a prepared statement. Direct mode keeps both on the session.
TEST(database, in_transaction_pooling_mode_nothing_outlives_a_transaction) {
    for (bool pooling : {false, true}) {
        SCOPED_TRACE(pooling ? "transaction pooling" : "direct");
        database db(suite_dsn(), 1, {{1234ms, 5678ms}, 7, pooling});
        auto l = db.acquire();
        auto const has_the_settings = [](session& s) {
            EXPECT_EQ(text_of(s, "SELECT current_setting('statement_timeout') AS v"), "1234ms");
            EXPECT_EQ(text_of(s, "SELECT current_setting('idle_in_transaction_session_timeout') AS v"), "5678ms");
            EXPECT_EQ(text_of(s, "SELECT current_setting('TimeZone') AS v"), "UTC");
        };
        l.read(has_the_settings);
        l.transact(has_the_settings);
        l.read([](session& s) { s.in_snapshot([&] { text_of(s, "SELECT 'listing' AS v"); }); });
        // What a transaction of another client of the pooler would find on the connection.
        auto& s = l.connection();
        s.run_script("BEGIN");
        EXPECT_EQ(text_of(s, "SELECT current_setting('statement_timeout') AS v"), pooling ? "0" : "1234ms");
        EXPECT_EQ(text_of(s, "SELECT count(*)::text AS v FROM pg_prepared_statements") == "0", pooling);
        s.run_script("ROLLBACK");
    }
}

// A read in transaction pooling mode runs in a transaction, which ends with the read whatever
// happens: the connection goes back to the pool idle.
TEST(database, in_transaction_pooling_mode_a_read_ends_its_transaction) {
    database db(suite_dsn(), 1, {{30s, 60s}, 7, true});
    auto l = db.acquire();
    l.read([](session& s) {
        text_of(s, "SELECT 'first' AS v");
        EXPECT_TRUE(s.in_transaction());
    });
    EXPECT_FALSE(l.connection().in_transaction());
    EXPECT_EQ(failure_of([&] { l.read([](session& s) { text_of(s, "SELECT no_such_column AS v"); }); }).status(), 500);
    EXPECT_FALSE(l.connection().in_transaction());
    l.read([](session& s) { EXPECT_EQ(text_of(s, "SELECT 'after' AS v"), "after"); });
}

// A server that cannot take writes (a standby, or a primary made read-only for a switchover)
// answers 25006: the connection is replaced, which a multi-host DSN with
// target_session_attrs=read-write points at the primary of the moment; meanwhile 503.
TEST(database, a_read_only_server_is_503_and_the_connection_replaced) {
    auto const dsn = testing::fresh_database_dsn();
    auto const name = testing::pg_connection(dsn).value("SELECT current_database()");
    testing::pg_connection(dsn).run("CREATE TABLE written (x int)");
    database db(dsn, 1, {{30s, 60s}, 4});
    std::string pid;
    db.read([&](session& s) { pid = text_of(s, "SELECT pg_backend_pid()::text AS v"); });
    // From the maintenance database, which stays writable.
    testing::pg_connection(testing::database_dsn())
        .run("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
    // The open connection is made read-only as a reloaded setting would make it.
    db.read([](session& s) { s.run_script("SET default_transaction_read_only = on"); });
    auto const e =
        failure_of([&] { db.transact([](session& s) { s.run(sql_text("INSERT INTO written VALUES (1)")); }); });
    EXPECT_EQ(e.status(), 503) << e.detail();
    EXPECT_EQ(e.retry_after_seconds(), 4);
    testing::pg_connection(testing::database_dsn())
        .run("ALTER DATABASE " + name + " RESET default_transaction_read_only");
    db.transact([&](session& s) {
        s.run(sql_text("INSERT INTO written VALUES (2)"));
        EXPECT_NE(text_of(s, "SELECT pg_backend_pid()::text AS v"), pid);
    });
    EXPECT_EQ(testing::pg_connection(dsn).value("SELECT string_agg(x::text, ',') FROM written"), "2");
}

// A COMMIT waits for its synchronous standby; when that wait is cancelled (pg_cancel_backend,
// which is how an operator frees writes stuck on a missing standby), PostgreSQL answers the
// COMMIT with success and a WARNING: committed on the primary only. That is not an
// acknowledged write (docs/database.md "Failover"): 503, its outcome unknown.
TEST(database, a_commit_the_synchronous_standby_did_not_confirm_is_503_saying_the_outcome_is_unknown) {
    // Synchronous replication needs WAL senders (pg_cluster.sh has none).
    testing::own_cluster pg(
        "wal_level = replica\nmax_wal_senders = 2\nsynchronous_commit = on\n"
        "synchronous_standby_names = 'absent_standby'");
    // The test's own statements commit locally only.
    testing::pg_connection admin(pg.dsn());
    admin.run("SET synchronous_commit = local");
    admin.run("CREATE DATABASE unconfirmed");
    auto const dsn = testing::with_database(pg.dsn(), "unconfirmed");
    testing::pg_connection(dsn).run("SET synchronous_commit = local; CREATE TABLE written (x int)");
    database db(dsn, 1, {{30s, 60s}, 3});
    auto l = db.acquire();
    std::thread canceller([&] {
        for (int i = 0; i < 100; ++i) {
            std::this_thread::sleep_for(100ms);
            if (admin.value(
                    "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE wait_event = 'SyncRep'") != "0")
                return;
        }
    });
    auto const e =
        failure_of([&] { l.transact([](session& s) { s.run(sql_text("INSERT INTO written VALUES (1)")); }); });
    canceller.join();
    EXPECT_EQ(e.status(), 503) << e.detail();
    EXPECT_NE(e.detail().find("may or may not"), std::string::npos) << e.detail();
    EXPECT_TRUE(l.commit_outcome_unknown());
    EXPECT_EQ(testing::pg_connection(dsn).value("SELECT count(*) FROM written"), "1");
}

TEST(database, a_statement_over_the_timeout_is_503_with_retry_after_and_rolled_back) {
    auto const dsn = suite_dsn();
    testing::pg_connection(dsn).run("CREATE TABLE written (x int)");
    database db(dsn, 1, {{100ms, 60s}, 7});
    for (bool in_transaction : {false, true}) {
        SCOPED_TRACE(in_transaction);
        auto const started = std::chrono::steady_clock::now();
        auto const slow = [](session& s) {
            s.run(sql_text("INSERT INTO written VALUES (1)"));
            s.run(sql_text("SELECT pg_sleep(2)"));
        };
        auto const e = failure_of([&] { in_transaction ? db.transact(slow) : db.read(slow); });
        EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
        EXPECT_EQ(e.status(), 503);
        EXPECT_EQ(e.retry_after_seconds(), 7);
        EXPECT_NE(e.detail().find("statement timeout"), std::string::npos) << e.detail();
    }
    // The transaction's insert went with it; the autocommitted one of the read stayed.
    EXPECT_EQ(testing::pg_connection(dsn).value("SELECT count(*) FROM written"), "1");
    // The connection serves the next request.
    db.read([](session& s) { EXPECT_EQ(text_of(s, "SELECT 'ok' AS v"), "ok"); });
}

TEST(database, migrations_run_without_the_statement_timeout_and_restore_it) {
    database db(suite_dsn(), 1, {{100ms, 60s}, 2});
    auto l = db.acquire();
    EXPECT_EQ(apply_migrations(l.connection(), {{1, "001_slow.sql", "SELECT pg_sleep(0.3)"}}), 1);
    EXPECT_EQ(text_of(l.connection(), "SELECT current_setting('statement_timeout') AS v"), "100ms");
}

TEST(database, a_connection_closed_while_idle_in_a_transaction_is_reopened_and_the_work_run_again) {
    database db(suite_dsn(), 1, {{30s, 200ms}, 2});
    int attempts = 0;
    db.transact([&](session& s) {
        ++attempts;
        text_of(s, "SELECT 'first' AS v");
        // PostgreSQL closes the connection of a transaction idle this long.
        if (attempts == 1) std::this_thread::sleep_for(500ms);
        text_of(s, "SELECT 'second' AS v");
    });
    EXPECT_EQ(attempts, 2);
}

TEST(database, a_connection_lost_at_commit_is_503_saying_the_outcome_is_unknown) {
    auto const dsn = suite_dsn();
    // A deferred trigger runs inside COMMIT: the backend ends its own connection there, after
    // scimd sent COMMIT and before any answer.
    testing::pg_connection(dsn).run(
        "CREATE TABLE doomed (x int); "
        "CREATE FUNCTION end_own_connection() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$; "
        "CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT ON doomed DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION end_own_connection()");
    database db(dsn, 1, {{30s, 60s}, 3});
    auto l = db.acquire();
    auto const e =
        failure_of([&] { l.transact([](session& s) { s.run(sql_text("INSERT INTO doomed VALUES (1)")); }); });
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.retry_after_seconds(), 3);
    EXPECT_NE(e.detail().find("may or may not"), std::string::npos) << e.detail();
    EXPECT_TRUE(l.commit_outcome_unknown());
    EXPECT_EQ(testing::pg_connection(dsn).value("SELECT count(*) FROM doomed"), "0");
    // The lease's next work reopens the connection.
    l.transact([](session& s) { s.run(sql_text("INSERT INTO doomed SELECT 2 WHERE false")); });
    EXPECT_FALSE(l.commit_outcome_unknown());
}

TEST(database, a_connection_the_server_ended_between_requests_is_reopened) {
    auto const dsn = suite_dsn();
    database db(dsn, 1);
    std::string pid;
    db.read([&](session& s) { pid = text_of(s, "SELECT pg_backend_pid()::text AS v"); });
    testing::pg_connection admin(dsn);
    admin.run("SELECT pg_terminate_backend(" + pid + ", 5000)");
    db.transact([&](session& s) { EXPECT_NE(text_of(s, "SELECT pg_backend_pid()::text AS v"), pid); });
    db.read([&](session& s) { EXPECT_NE(text_of(s, "SELECT pg_backend_pid()::text AS v"), pid); });
}

// A server that went down without a word (as after kill -9) leaves a connection libpq still
// calls open; the next statement fails with libpq's own error, which has no SQLSTATE. It is a
// lost connection like any other: 503, never 500.
TEST(database, a_connection_cut_without_a_word_is_503_and_reopened_once_the_server_is_back) {
    testing::own_cluster pg;
    database db(pg.new_database("cut"), 1, {{30s, 60s}, 3});
    db.transact([](session& s) { text_of(s, "SELECT 'before' AS v"); });
    pg.halt(testing::own_cluster::stop::crash);
    auto const e = failure_of([&] { db.transact([](session& s) { text_of(s, "SELECT 'during' AS v"); }); });
    EXPECT_EQ(e.status(), 503) << e.detail();
    EXPECT_EQ(e.retry_after_seconds(), 3);
    pg.resume();
    db.transact([](session& s) { EXPECT_EQ(text_of(s, "SELECT 'after' AS v"), "after"); });
}

}  // namespace
}  // namespace scim::store
