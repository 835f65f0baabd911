#pragma once
// Claims the poll-cycle tests share: one definition, so the tests that compare a sequential
// and a parallel poll, and the ones that check a cycle's bookkeeping, judge the same claim.
#include "model/claim.h"

namespace hw::test {

// A rule claim with a clarification phrase: stories can report it and clarify it.
inline Claim lighthouse_claim() {
  Claim c;
  c.id = "lighthouse-demolition";
  c.statement = "The north pier lighthouse will be demolished.";
  c.required = {{"lighthouse"}, {"demolish*"}};
  c.clarification_phrases = {"will be restored"};
  return c;
}

}  // namespace hw::test
