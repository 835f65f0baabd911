#include "util/error.h"

namespace hw {

Error with_context(const std::string& context, const Error& inner) {
  return Error{context + ": " + inner.message};
}

}  // namespace hw
