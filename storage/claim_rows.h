#pragma once
// Reading claim and match rows: the one mapper of ClaimRecord and of StoredMatch.
#include <string_view>

#include "storage/claim_ledger.h"
#include "storage/statement.h"

namespace hw::storage {

// "SELECT … FROM v_claims " — append a WHERE/ORDER BY; read each row with read_claim.
extern const std::string_view kClaimColumns;
ClaimRecord read_claim(const Statement& st);

// "SELECT … FROM matches " — append a WHERE/ORDER BY; read each row with read_match.
extern const std::string_view kMatchColumns;
StoredMatch read_match(const Statement& st);

}  // namespace hw::storage
