#pragma once
// A CSV file streamed from an open export (docs/exports.md "Streaming"): the server asks for the
// body a batch at a time (http::body_producer), so neither scimd nor the database connection
// ever holds the whole file.

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "scim/core/csv.hpp"
#include "scim/http/message.hpp"

namespace scim::admin {

// Rows per database FETCH and per chunk written: about 100 KB of CSV for the managed export.
inline constexpr std::size_t csv_batch_rows = 500;

// A CSV attachment named `filename` whose body `body` produces.
inline http::response csv_response(std::string const& filename, http::body_producer body) {
    http::response res;
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    // RFC 6266 §4.1; the name is ours (ids and fixed words), so it needs no escaping.
    res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    // Personal data: no shared cache keeps a copy (RFC 9111 §5.2.2.5).
    res.set_header("Cache-Control", "no-store");
    res.stream = std::move(body);
    return res;
}

// A producer over an open export: the header row with the first batch, then one batch per
// call, until the export has no more rows. `write_row` turns one row into one record. The
// producer owns the export (its connection and its place among the running exports) until the
// server drops it.
template <typename Export, typename WriteRow>
http::body_producer batches(std::shared_ptr<Export> opened, std::string header, WriteRow write_row) {
    auto pending_header = std::make_shared<std::string>(std::move(header));
    return [opened, pending_header, write_row]() -> std::optional<std::string> {
        core::csv_writer out;
        auto rows = opened->next_batch(csv_batch_rows);
        if (rows.empty() && pending_header->empty()) return std::nullopt;
        for (auto const& row : rows) write_row(out, row);
        return std::exchange(*pending_header, {}) + out.take();
    };
}

}  // namespace scim::admin
