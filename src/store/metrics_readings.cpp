#include "scim/store/metrics_readings.hpp"

#include "identifiers.hpp"
#include "session.hpp"

namespace scim::store {

organization_readings read_organization_readings(session& s, std::string const& organization_id) {
    organization_readings out;
    if (!is_uuid(organization_id)) return out;
    sql_text directories("SELECT id::text AS id FROM directories WHERE organization_id = CAST(");
    directories.bind(organization_id) << " AS uuid)";
    for (auto const& r : s.run(directories)) out.directory_ids.insert(r.text("id"));
    // The end of journal_entries_organization (organization_id, occurred_at DESC): one index entry.
    sql_text journal(
        "SELECT floor(extract(epoch FROM now() - min(occurred_at)))::bigint AS age FROM journal_entries "
        "WHERE organization_id = CAST(");
    journal.bind(organization_id) << " AS uuid)";
    out.oldest_journal_entry_seconds = s.run(journal).front().nullable_number("age");
    // Only messages that still have a body: the partial index email_verifications_unsent.
    sql_text outbox(
        "SELECT count(*) FILTER (WHERE failed_at IS NULL) AS pending, "
        "count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed, "
        "floor(extract(epoch FROM now() - min(created) FILTER (WHERE failed_at IS NULL)))::bigint AS age "
        "FROM email_verifications WHERE body IS NOT NULL AND organization_id = CAST(");
    outbox.bind(organization_id) << " AS uuid)";
    auto const row = s.run(outbox).front();
    out.outbox_pending = row.number("pending");
    out.outbox_failed = row.number("failed");
    out.oldest_pending_message_seconds = row.nullable_number("age");
    return out;
}

}  // namespace scim::store
