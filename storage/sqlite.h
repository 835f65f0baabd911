#pragma once
// The SQLite layer under Store: RAII connection (Database), prepared statements (Statement)
// and the write-transaction guard (Transaction). One class per header; include this one.
#include "storage/database.h"
#include "storage/statement.h"
#include "storage/storage_error.h"
#include "storage/transaction.h"
