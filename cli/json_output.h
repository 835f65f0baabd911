#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "model/alert.h"
#include "model/story.h"
#include "storage/store.h"

namespace hw::cli {

nlohmann::json to_json(const ParsedFeed& feed);  // the `hypewatch parse` contract
nlohmann::json to_json(const storage::ClaimRecord& claim);
nlohmann::json to_json(const storage::HistoryEntry& entry);
nlohmann::json to_json(const Alert& alert);  // without the delivery state
nlohmann::json to_json(const storage::AlertRecord& alert);
nlohmann::json to_json(const storage::FeedRecord& feed);
nlohmann::json time_or_null(const std::optional<TimePoint>& t);

}  // namespace hw::cli
