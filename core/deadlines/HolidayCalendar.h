#pragma once

#include "common/Region.h"

#include <QDate>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace claimdesk::core::deadlines {

struct Holiday {
    QDate date;
    QString name;  // "Good Friday", "Boxing Day (substitute day)", "State Funeral of Queen Elizabeth II"
    bool operator==(const Holiday&) const = default;
};

// One-off change to the standing rules (DOMAIN.md §5.2), kept as data: a holiday moved, added or removed.
struct HolidayException {
    enum class Kind { Move, Add, Remove };
    int year = 0;
    Region region = Region::EnglandWales;
    Kind kind = Kind::Add;
    QDate from;  // Move, Remove: the standing-rule date affected
    QDate to;  // Move, Add: the date observed instead / in addition
    QString name;
    QString source;  // "gov.uk 2020 list", "UNVERIFIED (DOMAIN U13)"
};

// The UK bank-holiday calendars (England & Wales, Scotland, Northern Ireland): the standing rules of the
// Banking and Financial Dealings Act 1971 and custom (Easter by the Gregorian computus, substitute days),
// overridden by a versioned table of one-off exceptions, plus firm-added court closure days.
// Pure and immutable: no clock, no I/O. Every method is deterministic for given inputs.
class HolidayCalendar {
public:
    // The calendar built into this ClaimDesk version (exceptions table compiled in from data).
    static const HolidayCalendar& builtIn();

    // A copy with extra closure days (court closure notices); they count as closed for every region's
    // court-open-day questions (isOpenDay) but are not bank holidays (isBusinessDay ignores them).
    HolidayCalendar withCourtClosures(QList<Holiday> closures) const;

    // "uk-2026.1" style; any change of the exceptions table (or of the closures) changes it: it is stored
    // with each computed deadline so that a new table triggers recomputation.
    QString version() const;

    // Bank holidays of one region and year, in date order, substitute days and exceptions included.
    QList<Holiday> holidays(Region region, int year) const;
    bool isBankHoliday(Region region, const QDate& date) const;
    // The holiday's name, or empty when the date is not a bank holiday in the region.
    QString holidayName(Region region, const QDate& date) const;

    // CPR 6.2 business day: not a Saturday, Sunday, bank holiday (incl. Good Friday and Christmas Day).
    bool isBusinessDay(Region region, const QDate& date) const;
    // Court-open day: a business day that is not a firm-added closure day.
    bool isOpenDay(Region region, const QDate& date) const;

    const QList<HolidayException>& exceptions() const { return m_exceptions; }
    const QList<Holiday>& courtClosures() const { return m_closures; }

    // Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
    static QDate easterSunday(int year);

private:
    HolidayCalendar(QString version, QList<HolidayException> exceptions);

    // The built-in exceptions table and its version (the data, in HolidayExceptions.cpp).
    static QString builtInTableVersion();
    static QList<HolidayException> builtInExceptions();

    // Standing rules + this calendar's exceptions for one region and year, computed (no lookup).
    QList<Holiday> computeHolidays(Region region, int year) const;
    // Index of the date in the precomputed per-day tables, or -1 outside them.
    qint64 dayIndex(const QDate& date) const;
    bool isClosureDay(const QDate& date) const;

    struct Tables;  // per-day flags and per-year lists for the precomputed years (HolidayCalendar.cpp)

    QString m_baseVersion;
    QString m_version;
    QList<HolidayException> m_exceptions;
    QList<Holiday> m_closures;  // sorted by date, one per date
    std::shared_ptr<const Tables> m_tables;  // immutable, shared by the copies withCourtClosures() makes
    std::vector<qint64> m_closureDays;  // Julian days of m_closures, sorted
    std::vector<bool> m_closedByIndex;  // closure flag per precomputed day (empty when no closures)
};

}  // namespace claimdesk::core::deadlines
