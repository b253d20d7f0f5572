#pragma once

// Qt Test assertions for core::Result. Each macro evaluates its argument exactly once (QVERIFY2 would
// evaluate a call twice), so a call with side effects (a save, a create) can go straight in.

#include "common/Error.h"
#include "common/Result.h"

#include <QTest>

#define QVERIFY_OK(expr)                                                                                               \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(result_.error().message));                               \
    } while (false)

#define QCOMPARE_ERROR(expr, expected)                                                                                 \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(!result_.ok(), "expected an error, got success");                                                     \
        QCOMPARE(::claimdesk::core::errorCodeName(result_.error().code), ::claimdesk::core::errorCodeName(expected));  \
    } while (false)
