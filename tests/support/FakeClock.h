#pragma once

#include "common/Clock.h"

namespace claimdesk::test {

class FakeClock final : public core::Clock {
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC)) : m_now(std::move(start)) {}
    QDateTime nowUtc() const override { return m_now; }
    void advanceSeconds(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

}  // namespace claimdesk::test
