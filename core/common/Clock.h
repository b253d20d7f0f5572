#pragma once

#include <QDateTime>

namespace claimdesk::core {

// Time is an input: services ask a Clock, tests inject a fixed one.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

class SystemClock final : public Clock {
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

}  // namespace claimdesk::core
