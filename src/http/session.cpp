#include "session.hpp"

#include <array>
#include <chrono>
#include <ctime>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "host.hpp"
#include "request_id.hpp"
#include "request_reading.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/core/server_metrics.hpp"
#include "worker_pool.hpp"

namespace scim::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;
using steady = std::chrono::steady_clock;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
// What a connection waiting for its next request reads into: small, since an idle connection
// keeps it.
constexpr std::size_t idle_read_chunk = 1024;
// 8 base64url characters: short enough for logs, collisions unlikely within any log window.
constexpr std::size_t request_id_bytes = 6;

// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; names spelled out
// so no locale can change them.
std::string http_date() {
    static constexpr char const* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr char const* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    auto two = [](int v) { return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; };
    return std::string(days[utc.tm_wday]) + ", " + two(utc.tm_mday) + " " + months[utc.tm_mon] + " " +
           std::to_string(utc.tm_year + 1900) + " " + two(utc.tm_hour) + ":" + two(utc.tm_min) + ":" + two(utc.tm_sec) +
           " GMT";
}

// One access line per request. Only the path (router::loggable_path); the Authorization header
// and the body are never logged.
void log_access(router const& routes, std::string_view method, std::string_view target, int status,
                steady::time_point started, std::string const& id) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - started).count();
    auto status_text = std::to_string(status);
    auto ms_text = std::to_string(ms);
    auto const path = routes.loggable_path(target);
    core::log::info("request",
                    {{"method", method}, {"path", path}, {"status", status_text}, {"ms", ms_text}, {"id", id}});
}

// A method as metrics label it: the methods routes use, else "other" (a client may send any
// token, and each would be a series of its own).
std::string_view method_label(std::string_view method) {
    for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        if (method == known) return known;
    }
    return "other";
}

// The request in scimd_http_requests_total and its latency histogram (docs/metrics.md), under
// its route's pattern: "" (no route took it) is "unmatched".
void count_request(std::string const& route, std::string_view method, int status, steady::time_point started) {
    auto const seconds = std::chrono::duration<double>(steady::now() - started).count();
    std::string const route_label = route.empty() ? "unmatched" : route;
    std::string const method_text(method_label(method));
    core::metrics::http_requests().add({route_label, method_text, std::to_string(status)});
    core::metrics::http_request_duration().observe({route_label, method_text}, seconds);
}

// Runs `work` on a worker thread and resumes the session on its own strand with its result;
// nullopt, at once, when the pool does not take the job. The I/O threads never run a handler
// or a body producer. `work` must not throw. A new request is `bounded` (refused when the queue
// is full); the next piece of a response under way is not (worker_pool::submit).
template <typename Result>
asio::awaitable<std::optional<Result>> on_worker(worker_pool& workers, bool bounded, std::function<Result()> work) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(std::optional<Result>)>(
        [&workers, bounded](auto handler, std::function<Result()> w) {
            auto strand = asio::get_associated_executor(handler);
            // Tracked, so io_context::run does not return while a worker is still working.
            auto tracked = asio::prefer(strand, asio::execution::outstanding_work.tracked);
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto complete = [shared, tracked](std::optional<Result> res) {
                asio::post(tracked, [shared, res = std::move(res)]() mutable { (*shared)(std::move(res)); });
            };
            worker_pool::job job = [complete, w = std::move(w)] { complete(w()); };
            // Moved, so that no copy of `work` (and what it holds) stays behind on this thread.
            bool const taken = bounded ? workers.try_submit(std::move(job)) : workers.submit(std::move(job));
            if (!taken) complete(std::nullopt);
        },
        asio::use_awaitable, std::move(work));
}

// What one call of a body producer gave: the next piece, the end (nullopt), or a failure.
struct produced {
    bool failed = false;
    std::optional<std::string> piece;
};

// What the producer logs (a lost database connection, say) names the request it serves, as
// the router's scope does for the handler that made the response.
produced next_piece(body_producer& producer, std::string const& request_id) noexcept {
    core::log::request_scope scope(request_id);
    try {
        return {false, producer()};
    } catch (std::exception const& e) {
        core::log::error("streamed response failed", {{"id", request_id}, {"error", e.what()}});
    } catch (...) {
        core::log::error("streamed response failed", {{"id", request_id}});
    }
    return {true, std::nullopt};
}

// The request/response loop, the same for TLS and plain streams (after Beast's
// advanced_server_flex example).
template <typename Stream>
class session {
public:
    session(session_env const& env, connection_state& state, Stream& stream, bool secure)
        : env_(env), state_(state), stream_(stream), secure_(secure) {}

    asio::awaitable<void> run() {
        bool first = true;
        while (co_await exchange(first)) first = false;
    }

private:
    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

    // Reads one request and answers it; false when the connection is done.
    asio::awaitable<bool> exchange(bool first) {
        state_.set_busy(false);
        // Stopping, or closed to make room for another client (connections.hpp).
        if (env_.stopping || state_.evicted()) co_return false;
        // Waiting for a request: the first one within read_timeout of the accept, later ones
        // within idle_timeout of the previous response (RFC 9112 §9.5 lets servers close idle ones).
        tcp().expires_after(first ? env_.limits.read_timeout : env_.limits.idle_timeout);
        if (buffer_.size() == 0) {
            // An idle connection keeps a small read buffer: the one a request needed is given
            // back, and the next request's first bytes need little (the rest is read into a
            // buffer that grows as the request does).
            buffer_.shrink_to_fit();
            auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(idle_read_chunk), nothrow);
            if (ec) co_return false;
            buffer_.commit(n);
        }
        state_.set_busy(true);
        auto started = steady::now();
        // From its first byte, the whole request must arrive within read_timeout (slowloris).
        if (!first) tcp().expires_after(env_.limits.read_timeout);
        request_parser parser;
        // A route may declare a body limit of its own (POST /Bulk's maxPayloadSize).
        auto const route_body = [this](request_parser const& p) {
            return env_.routes.body_limit_for(p.get().method_string(), p.get().target());
        };
        auto const limit_of = [&](request_parser const& p) {
            auto const own = route_body(p).bytes;
            return own != 0 ? own : env_.limits.max_body_bytes;
        };
        auto ec = co_await read_request(stream_, buffer_, parser, env_.limits, limit_of);
        if (ec) {
            auto answer = answer_for(ec, env_.limits, route_body(parser));
            if (!answer) co_return false;
            // The request could not be read, so the renderer gets none; the connection's
            // framing is lost, so it closes after the answer.
            auto id = core::random_token(request_id_bytes);
            co_await send(env_.routes.error_response(*answer, nullptr), 11, false, id);
            log_access(env_.routes, parser.get().method_string(), parser.get().target(), answer->status(), started, id);
            count_request({}, parser.get().method_string(), answer->status(), started);
            co_await close(true);
            co_return false;
        }

        auto req = std::make_shared<request>(to_request(parser.get(), secure_));
        // The caller's id when it sent a well-formed one (request_id.hpp), else one of ours.
        req->request_id = request_id_from(*req).value_or(core::random_token(request_id_bytes));
        auto res = co_await respond(req, parser.get().version());
        auto status = res.status;
        // A streamed body over HTTP/1.0 ends when the connection does (send_stream).
        // From a shutdown request on, clients open new connections, which a load balancer sends
        // to other replicas once it has seen /readyz fail.
        bool keep_alive = parser.get().keep_alive() && !env_.draining && !state_.evicted() &&
                          (!res.stream || parser.get().version() >= 11);
        bool sent =
            co_await send(std::move(res), parser.get().version(), keep_alive, req->request_id, req->method == "HEAD");
        log_access(env_.routes, req->method, req->target, status, started, req->request_id);
        count_request(env_.routes.route_pattern(req->method, req->path), req->method, status, started);
        if (!sent) co_return false;
        if (!keep_alive) co_await close(false);
        co_return keep_alive;
    }

    asio::awaitable<response> respond(std::shared_ptr<request> req, unsigned version) {
        try {
            auto target = std::string_view(req->target);
            req->path = percent_decode(target.substr(0, target.find('?')), false);
        } catch (core::error const& e) {
            co_return env_.routes.error_response(e, req.get());
        }
        // Rendered for the request's path (a SCIM error under /scim), so after the path is known.
        if (auto const bad_host = host_field_error(*req, version))
            co_return env_.routes.error_response(*bad_host, req.get());
        std::function<response()> handle = [&routes = env_.routes, req] { return routes.dispatch(*req); };
        if (auto res = co_await on_worker(env_.workers, true, std::move(handle))) co_return std::move(*res);
        // Workers and queue are full: shed load rather than queue without bound.
        core::metrics::http_requests_shed().add({});
        int seconds = env_.worker_limits.retry_after_seconds;
        auto busy = core::error(core::error_type::service_unavailable, "the server is busy; retry later");
        auto res = env_.routes.error_response(busy.retry_after(seconds), req.get());
        res.set_header("Retry-After", std::to_string(seconds));  // RFC 9110 §10.2.3, whatever the renderer did
        co_return res;
    }

    template <typename Body>
    static void put_head(bhttp::response<Body>& out, response const& res, unsigned version, std::string const& id) {
        out.version(version);
        out.result(static_cast<unsigned>(res.status));
        for (auto const& [name, value] : res.headers) out.insert(name, value);
        out.set(bhttp::field::server, "scimd");
        out.set(bhttp::field::date, http_date());  // RFC 9110 §6.6.1: origin servers with a clock send it
        out.set("X-Request-Id", id);
        // Whatever a handler set stays; an answer that says nothing is never sniffed into
        // another type, cached, or loaded as a page's content (docs/console.md "Security").
        if (out.find("X-Content-Type-Options") == out.end()) out.set("X-Content-Type-Options", "nosniff");
        if (out.find(bhttp::field::cache_control) == out.end()) out.set(bhttp::field::cache_control, "no-store");
        if (out.find("Content-Security-Policy") == out.end())
            out.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    // `head`: the answer to a HEAD request, its header only (RFC 9110 §9.3.2), with the
    // Content-Length the GET's content has.
    asio::awaitable<bool> send(response res, unsigned version, bool keep_alive, std::string const& id,
                               bool head = false) {
        if (res.stream) co_return co_await send_stream(std::move(res), version, keep_alive, id);
        bhttp::response<bhttp::string_body> out;
        put_head(out, res, version, id);
        // RFC 9110 §15.2, §15.3.5, §15.4.5: 1xx, 204 and 304 responses have no content.
        if (res.status / 100 != 1 && res.status != 204 && res.status != 304) out.body() = std::move(res.body);
        out.keep_alive(keep_alive);  // also HTTP/1.0's "Connection: keep-alive" (RFC 9112 Appendix C.2.2)
        out.prepare_payload();
        if (head) out.body().clear();
        tcp().expires_after(env_.limits.write_timeout);
        auto [ec, written] = co_await bhttp::async_write(stream_, out, nothrow);
        co_return !ec;
    }

    // A streamed body: the head, then each piece the producer gives as one chunk, then the
    // last chunk (RFC 9112 §7.1). Producing and writing alternate, so one piece at most is
    // held; the producer runs on a worker (it may read the database) and the writes on this
    // strand. Every write gets write_timeout, so a client that stops reading is dropped
    // however long the whole body takes, while the read deadline no longer applies. HTTP/1.0
    // has no chunked coding (RFC 9112 §6.1): the body is delimited by closing the connection.
    // A producer that fails cuts the body short: the connection closes without the last chunk,
    // which tells the client the body is incomplete.
    asio::awaitable<bool> send_stream(response res, unsigned version, bool keep_alive, std::string const& id) {
        auto producer = std::make_shared<body_producer>(std::move(res.stream));
        bool const chunked = version >= 11;
        bhttp::response<bhttp::empty_body> head;
        put_head(head, res, version, id);
        head.keep_alive(keep_alive);
        head.chunked(chunked);
        bhttp::response_serializer<bhttp::empty_body> serializer{head};
        tcp().expires_after(env_.limits.write_timeout);
        auto [head_ec, head_bytes] = co_await bhttp::async_write_header(stream_, serializer, nothrow);
        bool ok = !head_ec;
        bool complete = false;
        while (ok && !complete) {
            std::function<produced()> next = [producer, id] { return next_piece(*producer, id); };
            auto result = co_await on_worker(env_.workers, false, std::move(next));
            if (!result || result->failed) {
                ok = false;
            } else if (!result->piece) {
                complete = true;
            } else if (!result->piece->empty()) {
                tcp().expires_after(env_.limits.write_timeout);
                auto const& piece = *result->piece;
                auto [ec, n] =
                    chunked ? co_await asio::async_write(stream_, bhttp::make_chunk(asio::buffer(piece)), nothrow)
                            : co_await asio::async_write(stream_, asio::buffer(piece), nothrow);
                ok = !ec;
            }
        }
        // The producer may hold a database session: it is destroyed on a worker, not on this
        // thread (moved, so the job holds the only reference left here).
        env_.workers.submit([p = std::move(producer)]() mutable { p.reset(); });
        if (ok && chunked) {
            tcp().expires_after(env_.limits.write_timeout);
            auto [ec, n] = co_await asio::async_write(stream_, bhttp::make_chunk_last(), nothrow);
            ok = !ec;
        }
        co_return ok;
    }

    // Closes after a response. Closing is bounded like opening, by handshake_timeout.
    asio::awaitable<void> close(bool unread_input) {
        state_.set_busy(false);
        tcp().expires_after(env_.limits.handshake_timeout);
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            co_await stream_.async_shutdown(nothrow);  // close_notify: RFC 8446 §6.1, RFC 9112 §9.8
        }
        beast::error_code ignored;
        tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        // RFC 9112 §9.6: closing with unread request bytes makes TCP reset the connection,
        // which can destroy the response before the client reads it. Drop them until the
        // client closes.
        if (unread_input) {
            std::array<char, 4096> sink;
            for (;;) {
                auto [ec, n] = co_await tcp().async_read_some(asio::buffer(sink), nothrow);
                if (ec) break;
            }
        }
        tcp().close();
    }

    session_env const& env_;
    connection_state& state_;
    Stream& stream_;
    bool secure_;
    beast::flat_buffer buffer_;
};

asio::awaitable<void> serve_tls(session_env const& env, asio::ssl::context& ctx, asio::ip::tcp::socket socket,
                                connection_state& state) {
    tls_stream stream(beast::tcp_stream(std::move(socket)), ctx);
    auto& tcp = beast::get_lowest_layer(stream);
    state.close = [&tcp] { tcp.close(); };
    if (state.evicted()) co_return;  // made room for another before it began
    // Until the handshake is done the connection counts as idle: one that never finishes it
    // makes room for a newcomer (connections.hpp).
    tcp.expires_after(env.limits.handshake_timeout);
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, nothrow);
    if (ec) {
        core::log::debug("TLS handshake failed", {{"error", ec.message()}});
        co_return;
    }
    session<tls_stream> s(env, state, stream, true);
    co_await s.run();
}

asio::awaitable<void> serve_plain(session_env const& env, asio::ip::tcp::socket socket, connection_state& state) {
    beast::tcp_stream stream(std::move(socket));
    state.close = [&stream] { stream.close(); };
    if (state.evicted()) co_return;  // made room for another before it began
    session<beast::tcp_stream> s(env, state, stream, false);
    co_await s.run();
}

}  // namespace

asio::awaitable<void> serve_connection(session_env const& env, asio::ssl::context* tls, asio::ip::tcp::socket socket,
                                       std::shared_ptr<connection_state> state) {
    try {
        if (tls) {
            co_await serve_tls(env, *tls, std::move(socket), *state);
        } else {
            co_await serve_plain(env, std::move(socket), *state);
        }
    } catch (std::exception const& e) {
        core::log::error("connection failed", {{"error", e.what()}});
    }
    // The stream `close` refers to is gone; nothing ran on this strand in between.
    state->close = nullptr;
    env.connections.closed(state);
}

}  // namespace scim::http
