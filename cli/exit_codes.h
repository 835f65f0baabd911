#pragma once
// How `hypewatch` ends: exit codes after BSD sysexits(3), one per kind of failure, so a script
// can tell "you typed it wrong" (64) from "the database is busy, try again" (75). README.md,
// "Exit codes", is the table users read; exit_code_for is the one place that applies it.
#include <sysexits.h>

#include <exception>

#include "util/error.h"

namespace hw::cli {

// A command line the user must correct (an unknown option, a missing argument, a number out of
// range): EX_USAGE.
class UsageError : public Failure {
 public:
  using Failure::Failure;
};

// Input that is wrong in itself (a search query FTS5 cannot parse, an OPML file that is not
// OPML, a document that is not a feed): EX_DATAERR.
class DataError : public Failure {
 public:
  using Failure::Failure;
};

// A file or directory we were asked to create and could not: EX_CANTCREAT.
class CannotCreate : public Failure {
 public:
  using Failure::Failure;
};

// A service we depend on refused (the mail server): EX_UNAVAILABLE.
class Unavailable : public Failure {
 public:
  using Failure::Failure;
};

// The exit code for an exception that reached main: EX_USAGE, EX_DATAERR, EX_NOINPUT (NotFound),
// EX_CANTCREAT, EX_UNAVAILABLE, EX_TEMPFAIL (another writer holds the database), EX_IOERR (our
// database failed), EX_CONFIG (config or claims file), EX_SOFTWARE (anything else: a bug).
int exit_code_for(const std::exception& e);

}  // namespace hw::cli
