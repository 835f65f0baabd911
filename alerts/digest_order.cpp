#include "alerts/digest_order.h"

#include <algorithm>

namespace hw::alerts {
namespace {

int attention_rank(const std::string& claim, const std::vector<const DigestAlert*>& alerts) {
  if (claim.empty()) {
    return 4;
  }
  const auto any = [&](auto predicate) { return std::ranges::any_of(alerts, predicate); };
  if (any([](const DigestAlert* a) {
        return a->alert.kind == AlertKind::repeated_after_clarification;
      })) {
    return 0;
  }
  if (any([](const DigestAlert* a) {
        return a->alert.kind == AlertKind::status_change && a->alert.to == ClaimStatus::disputed;
      })) {
    return 1;
  }
  if (any([](const DigestAlert* a) { return a->alert.kind == AlertKind::hype_spike; })) {
    return 2;
  }
  return 3;
}

}  // namespace

std::vector<std::string> claims_by_attention(
    const std::vector<std::string>& first_alert_order,
    const std::map<std::string, std::vector<const DigestAlert*>>& by_claim) {
  std::vector<std::string> order = first_alert_order;
  std::ranges::stable_sort(order, [&](const std::string& a, const std::string& b) {
    return attention_rank(a, by_claim.at(a)) < attention_rank(b, by_claim.at(b));
  });
  return order;
}

}  // namespace hw::alerts
