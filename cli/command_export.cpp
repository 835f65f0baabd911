// `hypewatch export claimreview [CLAIM…]` (README, "Exporting ClaimReview").
#include <chrono>
#include <ostream>

#include "alerts/claim_review_export.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "util/printable.h"

namespace hw::cli {

int cmd_export_claimreview(const Invocation& inv, const ExportClaimReview& request,
                           std::ostream& out, std::ostream& err) {
  if (!request.base_url.empty() && !request.base_url.starts_with("https://") &&
      !request.base_url.starts_with("http://")) {
    throw UsageError("--base-url must be an http:// or https:// URL");
  }
  auto store = app::open_for_query(inv.paths);
  std::vector<storage::ClaimRecord> claims;
  if (request.claim_ids.empty()) {
    claims = store.claims().list_claims();
  } else {
    for (const auto& id : request.claim_ids) {
      claims.push_back(app::require_claim(store, id));
    }
  }
  const TimePoint far_future = TimePoint{} + std::chrono::years(8000);
  std::vector<std::string> reviews;
  int refused = 0;
  for (const auto& claim : claims) {
    alerts::ClaimReviewSource source;
    source.claim_id = claim.id;
    source.statement = claim.statement;
    source.status = claim.status;
    source.since = claim.since;
    source.base_url = request.base_url;
    if (!source.base_url.empty() && !source.base_url.ends_with('/')) {
      source.base_url += '/';
    }
    if (!request.author.empty()) {
      source.author = request.author;
    }
    // The stories that carried the claim: those repeating it, not those denying it.
    for (const auto& m : store.claims().claim_mentions(claim.id, TimePoint{}, far_future)) {
      if (!m.retraction && (m.stance == Stance::supports || m.stance == Stance::mentions)) {
        source.appearances.push_back({m.link, m.at});
      }
    }
    if (auto review = alerts::claim_review_jsonld(source)) {
      reviews.push_back(std::move(*review));
    } else if (!request.claim_ids.empty()) {
      err << "hypewatch export: claim " << claim.id << " is " << to_string(claim.status)
          << ": no verdict to export (only disputed, clarified, confirmed, retracted)\n";
      ++refused;
    }
  }
  out << "[";
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    out << (i == 0 ? "\n" : ",\n") << reviews[i];
  }
  out << (reviews.empty() ? "]\n" : "\n]\n");
  // The reviews that exist are printed; a named claim without a verdict is bad input.
  return refused == 0 ? 0 : EX_DATAERR;
}

}  // namespace hw::cli
