#include "scim/core/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace scim::core::metrics {
namespace {

// The process's families and hooks: function-local, so that families declared anywhere may
// register during static initialisation.
// Two mutexes: a hook may be the first to use a family, which registers it.
struct registry {
    std::mutex families_mutex;
    std::vector<family const*> families;
    std::mutex hooks_mutex;
    std::vector<std::function<void()> const*> hooks;
};

registry& the_registry() {
    static registry r;
    return r;
}

// Prometheus' number format: Go's float syntax, "+Inf", "-Inf", "NaN".
void append_number(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "NaN";
    } else if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
    } else {
        char buffer[32];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
        out.append(buffer, end);
    }
}

// Text format 0.0.4: in label values \, " and line feed are escaped; in HELP \ and line feed.
void append_escaped(std::string& out, std::string_view text, bool quotes) {
    for (char c : text) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '"' && quotes) {
            out += "\\\"";
        } else {
            out += c;
        }
    }
}

void append_labels(std::string& out, std::vector<std::string> const& names, std::vector<std::string> const& values,
                   std::string_view extra_name = {}, std::string_view extra_value = {}) {
    if (names.empty() && extra_name.empty()) return;
    out += '{';
    bool first = true;
    auto one = [&](std::string_view name, std::string_view value) {
        if (!first) out += ',';
        first = false;
        out += name;
        out += "=\"";
        append_escaped(out, value, true);
        out += '"';
    };
    for (std::size_t i = 0; i < names.size(); ++i) one(names[i], values[i]);
    if (!extra_name.empty()) one(extra_name, extra_value);
    out += '}';
}

char const* type_name(kind k) {
    switch (k) {
        case kind::counter: return "counter";
        case kind::gauge: return "gauge";
        case kind::histogram: return "histogram";
    }
    return "untyped";
}

}  // namespace

family::family(std::string name, std::string help, kind type, std::vector<std::string> label_names,
               std::vector<double> buckets)
    : name_(std::move(name)), help_(std::move(help)), type_(type), label_names_(std::move(label_names)),
      buckets_(std::move(buckets)) {
    auto& r = the_registry();
    std::lock_guard lock(r.families_mutex);
    r.families.push_back(this);
}

family::~family() {
    auto& r = the_registry();
    std::lock_guard lock(r.families_mutex);
    r.families.erase(std::remove(r.families.begin(), r.families.end(), this), r.families.end());
}

family::series& family::series_of(std::vector<std::string> const& label_values) {
    // A call with the wrong number of values is a programming error, never a client's.
    if (label_values.size() != label_names_.size()) throw std::logic_error("metric " + name_ + ": wrong label count");
    auto [it, inserted] = series_.try_emplace(label_values);
    if (inserted && type_ == kind::histogram) it->second.bucket_hits.assign(buckets_.size(), 0);
    return it->second;
}

void family::add(std::vector<std::string> const& label_values, double amount) {
    std::lock_guard lock(mutex_);
    series_of(label_values).value += amount;
}

void family::set(std::vector<std::string> const& label_values, double value) {
    std::lock_guard lock(mutex_);
    series_of(label_values).value = value;
}

void family::observe(std::vector<std::string> const& label_values, double value) {
    std::lock_guard lock(mutex_);
    auto& s = series_of(label_values);
    auto const bucket = std::lower_bound(buckets_.begin(), buckets_.end(), value) - buckets_.begin();
    if (static_cast<std::size_t>(bucket) < buckets_.size()) s.bucket_hits[static_cast<std::size_t>(bucket)] += 1;
    s.value += value;
    s.count += 1;
}

void family::render(std::string& out, series_filter const& shown) const {
    out += "# HELP ";
    out += name_;
    out += ' ';
    append_escaped(out, help_, false);
    out += "\n# TYPE ";
    out += name_;
    out += ' ';
    out += type_name(type_);
    out += '\n';
    std::lock_guard lock(mutex_);
    for (auto const& entry : series_) {
        // Named references, not a structured binding: the lambda below captures them, which
        // C++20 allows for bindings but clang 14 does not yet.
        auto const& values = entry.first;
        auto const& s = entry.second;
        if (shown) {
            bool visible = true;
            for (std::size_t i = 0; i < values.size() && visible; ++i) visible = shown(label_names_[i], values[i]);
            if (!visible) continue;
        }
        // One sample line: the name with `suffix`, the series' labels (and `le` for a bucket), the value.
        auto const sample = [&](std::string_view suffix, double value, std::string_view le = {}) {
            out += name_;
            out += suffix;
            append_labels(out, label_names_, values, le.empty() ? std::string_view{} : "le", le);
            out += ' ';
            append_number(out, value);
            out += '\n';
        };
        if (type_ != kind::histogram) {
            sample("", s.value);
            continue;
        }
        double cumulative = 0;
        for (std::size_t i = 0; i <= buckets_.size(); ++i) {
            std::string bound;
            if (i < buckets_.size()) {
                cumulative += s.bucket_hits[i];
                append_number(bound, buckets_[i]);
            } else {
                cumulative = s.count;
                bound = "+Inf";
            }
            sample("_bucket", cumulative, bound);
        }
        sample("_sum", s.value);
        sample("_count", s.count);
    }
}

scrape_hook::scrape_hook(std::function<void()> before_render) : before_render_(std::move(before_render)) {
    auto& r = the_registry();
    std::lock_guard lock(r.hooks_mutex);
    r.hooks.push_back(&before_render_);
}

scrape_hook::~scrape_hook() {
    auto& r = the_registry();
    std::lock_guard lock(r.hooks_mutex);
    r.hooks.erase(std::remove(r.hooks.begin(), r.hooks.end(), &before_render_), r.hooks.end());
}

std::string render(series_filter const& shown) {
    auto& r = the_registry();
    {
        // Held while the hooks run, so that none goes away under it; they only read counts.
        std::lock_guard lock(r.hooks_mutex);
        for (auto const* hook : r.hooks) (*hook)();
    }
    std::lock_guard lock(r.families_mutex);
    std::vector<family const*> sorted = r.families;
    std::sort(sorted.begin(), sorted.end(), [](auto const* a, auto const* b) { return a->name() < b->name(); });
    std::string out;
    for (auto const* f : sorted) f->render(out, shown);
    return out;
}

std::string gauge_text(std::string_view name, std::string_view help, double value) {
    std::string out = "# HELP ";
    out += name;
    out += ' ';
    append_escaped(out, help, false);
    out += "\n# TYPE ";
    out += name;
    out += " gauge\n";
    out += name;
    out += ' ';
    append_number(out, value);
    out += '\n';
    return out;
}

}  // namespace scim::core::metrics
