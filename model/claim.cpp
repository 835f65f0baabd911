#include "model/claim.h"

#include <array>
#include <utility>

namespace hw {
namespace {

constexpr std::array<std::pair<ClaimStatus, std::string_view>, 6> kStatusNames{{
    {ClaimStatus::tracked, "tracked"},
    {ClaimStatus::reported, "reported"},
    {ClaimStatus::disputed, "disputed"},
    {ClaimStatus::clarified, "clarified"},
    {ClaimStatus::confirmed, "confirmed"},
    {ClaimStatus::retracted, "retracted"},
}};

constexpr std::array<std::pair<Stance, std::string_view>, 5> kStanceNames{{
    {Stance::supports, "supports"},
    {Stance::refutes, "refutes"},
    {Stance::clarifies, "clarifies"},
    {Stance::confirms, "confirms"},
    {Stance::mentions, "mentions"},
}};

}  // namespace

std::string_view to_string(ClaimStatus s) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == s) {
      return name;
    }
  }
  return "?";
}

std::optional<ClaimStatus> claim_status_from_string(std::string_view s) {
  for (const auto& [value, name] : kStatusNames) {
    if (name == s) {
      return value;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Stance s) {
  for (const auto& [value, name] : kStanceNames) {
    if (value == s) {
      return name;
    }
  }
  return "?";
}

std::optional<Stance> stance_from_string(std::string_view s) {
  for (const auto& [value, name] : kStanceNames) {
    if (name == s) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace hw
