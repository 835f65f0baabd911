#pragma once
// Reading feed rows: the one mapper of FeedRecord.
#include <string_view>

#include "storage/feed_store.h"
#include "storage/statement.h"

namespace hw::storage {

// "SELECT … FROM feeds " — append a WHERE/ORDER BY; read each row with read_feed.
extern const std::string_view kFeedColumns;

FeedRecord read_feed(const Statement& st);

}  // namespace hw::storage
