#pragma once
// Metrics in the Prometheus text exposition format 0.0.4: counters, gauges and histograms with
// labels, kept in memory and rendered at scrape time (docs/metrics.md). Thread-safe: each
// family has its own mutex, never held across I/O.
//
// Every family of the process is declared once, in scim/core/server_metrics.hpp, so that the
// names stay in one place and a scrape shows each family from the start.

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace scim::core::metrics {

enum class kind { counter, gauge, histogram };

// Whether a series with this label value may be shown to the caller of a scrape (a directory
// of another organization may not). Asked for each label of each series.
using series_filter = std::function<bool(std::string_view label, std::string_view value)>;

// One metric: name, HELP text, TYPE and label names, and its series by label values.
class family {
public:
    // `buckets`: the upper bounds of a histogram's buckets, ascending (+Inf is implied).
    family(std::string name, std::string help, kind type, std::vector<std::string> label_names,
           std::vector<double> buckets = {});
    ~family();
    family(family const&) = delete;
    family& operator=(family const&) = delete;

    // A counter or gauge grows by `amount` (a gauge may take a negative one).
    void add(std::vector<std::string> const& label_values, double amount = 1);
    // A gauge takes `value`.
    void set(std::vector<std::string> const& label_values, double value);
    // A histogram counts `value` in its buckets, its sum and its count.
    void observe(std::vector<std::string> const& label_values, double value);

    std::string const& name() const noexcept { return name_; }
    // HELP, TYPE, then every series `shown` lets through (all of them when it is empty).
    void render(std::string& out, series_filter const& shown) const;

private:
    struct series {
        double value = 0;                 // counter, gauge; histogram: sum
        std::vector<double> bucket_hits;  // histogram: per bucket, not cumulative
        double count = 0;                 // histogram
    };
    series& series_of(std::vector<std::string> const& label_values);

    std::string name_;
    std::string help_;
    kind type_;
    std::vector<std::string> label_names_;
    std::vector<double> buckets_;
    mutable std::mutex mutex_;
    std::map<std::vector<std::string>, series> series_;
};

// Runs before every scrape renders, to set gauges read from elsewhere (open connections, the
// worker queue). Removed when it goes out of scope.
class scrape_hook {
public:
    explicit scrape_hook(std::function<void()> before_render);
    ~scrape_hook();
    scrape_hook(scrape_hook const&) = delete;
    scrape_hook& operator=(scrape_hook const&) = delete;

private:
    std::function<void()> before_render_;
};

// The whole exposition: the hooks run, then every family in name order.
std::string render(series_filter const& shown = {});

// One gauge with one sample and no labels, in the format of render(), for values read for
// one scrape only (the caller organization's backlogs) that no family keeps.
std::string gauge_text(std::string_view name, std::string_view help, double value);

// The content type of render()'s text.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace scim::core::metrics
