#include "deadlines/HolidayCalendar.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace claimdesk::core::deadlines {

// Lookups precomputed at construction. Holiday lists are shared by every copy of a calendar (the standing
// rules and the exceptions never change after construction); only the closure flags are per copy.
struct HolidayCalendar::Tables {
    qint64 firstJulianDay = 0;
    // One byte per day of the precomputed years: bit 0/1/2 = bank holiday in England & Wales / Scotland /
    // Northern Ireland, bit 3 = Saturday or Sunday.
    std::vector<std::uint8_t> flags;
    // Per region (regionIndex()), per year from kFirstTableYear: the holidays() answer.
    std::array<std::vector<QList<Holiday>>, 3> years;
};

namespace {

// Years whose answers are precomputed (O(1) lookups); other years are computed on demand.
constexpr int kFirstTableYear = 1900;
constexpr int kLastTableYear = 2200;

// Easter by the Gregorian computus needs a Gregorian year; before it there is no calendar at all here.
constexpr int kFirstGregorianYear = 1583;

// Standing-rule eras that are modelled (see standingHolidays()). Earlier history (Whit Monday and the first
// Monday in August before 1971, New Year's Day outside Scotland before 1974) is NOT modelled.
constexpr int kFirstEarlyMayYear = 1978;  // the early May bank holiday was first observed on Mon 1 May 1978
constexpr int kFirstStAndrewsDayYear = 2007;  // St Andrew's Day Bank Holiday (Scotland) Act 2007

constexpr std::uint8_t kWeekendFlag = 1U << 3U;

constexpr std::array<Region, 3> kRegions = {Region::EnglandWales, Region::Scotland, Region::NorthernIreland};

int regionIndex(Region region)
{
    switch (region) {
    case Region::EnglandWales: return 0;
    case Region::Scotland: return 1;
    case Region::NorthernIreland: return 2;
    }
    return 0;
}

std::uint8_t regionFlag(Region region)
{
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(regionIndex(region)));
}

QString substituteName(const QString& name)
{
    return name + QStringLiteral(" (substitute day)");
}

// The first given weekday (Qt::Monday…) of a month.
QDate firstWeekdayOfMonth(int year, int month, int weekday)
{
    const QDate first(year, month, 1);
    return first.addDays((weekday - first.dayOfWeek() + 7) % 7);
}

// The last given weekday (Qt::Monday…) of a month.
QDate lastWeekdayOfMonth(int year, int month, int weekday)
{
    const QDate last(year, month, QDate(year, month, 1).daysInMonth());
    return last.addDays(-((last.dayOfWeek() - weekday + 7) % 7));
}

// A fixed-date holiday that, falling on a Saturday or a Sunday, is observed on the following Monday
// (New Year's Day in England & Wales and NI, St Patrick's Day, the Battle of the Boyne, St Andrew's Day).
void addWithMondaySubstitute(QList<Holiday>& out, const QDate& date, const QString& name)
{
    switch (date.dayOfWeek()) {
    case Qt::Saturday: out.append({date.addDays(2), substituteName(name)}); break;
    case Qt::Sunday: out.append({date.addDays(1), substituteName(name)}); break;
    default: out.append({date, name}); break;
    }
}

// Two holidays on consecutive dates (25 and 26 December everywhere; 1 and 2 January in Scotland), with the
// substitute table of DOMAIN.md §5.1 (Banking and Financial Dealings Act 1971 Sch. 1 and the proclamations):
//   first on Mon–Thu: both on their own dates
//   first on Fri:     first on Fri; second (a Saturday) on Mon (+3)          e.g. Christmas 2020, 2026
//   first on Sat:     first on Mon (+2), second on Tue (+3), both substitutes e.g. Christmas 2021, 2027
//   first on Sun:     second keeps its Monday; first on Tue (+2)            e.g. Christmas 2016, 2022
void addPairWithSubstitutes(QList<Holiday>& out, const QDate& first, const QString& firstName,
                            const QString& secondName)
{
    const QDate second = first.addDays(1);
    switch (first.dayOfWeek()) {
    case Qt::Friday:
        out.append({first, firstName});
        out.append({first.addDays(3), substituteName(secondName)});
        break;
    case Qt::Saturday:
        out.append({first.addDays(2), substituteName(firstName)});
        out.append({first.addDays(3), substituteName(secondName)});
        break;
    case Qt::Sunday:
        out.append({second, secondName});
        out.append({first.addDays(2), substituteName(firstName)});
        break;
    default:
        out.append({first, firstName});
        out.append({second, secondName});
        break;
    }
}

// The standing rules of one region and year (DOMAIN.md §5.1 and §5.3), before the one-off exceptions.
// Unsorted. Empty before the Gregorian calendar.
QList<Holiday> standingHolidays(Region region, int year)
{
    QList<Holiday> out;
    if (year < kFirstGregorianYear) {
        return out;
    }
    const bool scotland = region == Region::Scotland;
    const bool northernIreland = region == Region::NorthernIreland;
    const QDate easter = HolidayCalendar::easterSunday(year);

    // New Year: Scotland keeps 1 and 2 January (a pair, like Christmas); elsewhere 1 January, Monday substitute.
    if (scotland) {
        addPairWithSubstitutes(out, QDate(year, 1, 1), QStringLiteral("New Year's Day"), QStringLiteral("2nd January"));
    } else {
        addWithMondaySubstitute(out, QDate(year, 1, 1), QStringLiteral("New Year's Day"));
    }

    // Northern Ireland: St Patrick's Day, 17 March, Monday substitute.
    if (northernIreland) {
        addWithMondaySubstitute(out, QDate(year, 3, 17), QStringLiteral("St Patrick's Day"));
    }

    // Easter: Good Friday everywhere (a common-law holiday, never substituted); Easter Monday except Scotland.
    out.append({easter.addDays(-2), QStringLiteral("Good Friday")});
    if (!scotland) {
        out.append({easter.addDays(1), QStringLiteral("Easter Monday")});
    }

    // May: early May = first Monday (from 1978); spring = last Monday. The same in all three regions.
    if (year >= kFirstEarlyMayYear) {
        out.append({firstWeekdayOfMonth(year, 5, Qt::Monday), QStringLiteral("Early May bank holiday")});
    }
    out.append({lastWeekdayOfMonth(year, 5, Qt::Monday), QStringLiteral("Spring bank holiday")});

    // Northern Ireland: Battle of the Boyne (Orangemen's Day), 12 July, Monday substitute.
    if (northernIreland) {
        addWithMondaySubstitute(out, QDate(year, 7, 12), QStringLiteral("Battle of the Boyne (Orangemen's Day)"));
    }

    // Summer: the FIRST Monday in August in Scotland, the LAST Monday in August elsewhere.
    out.append({scotland ? firstWeekdayOfMonth(year, 8, Qt::Monday) : lastWeekdayOfMonth(year, 8, Qt::Monday),
                QStringLiteral("Summer bank holiday")});

    // Scotland: St Andrew's Day, 30 November, Monday substitute (from 2007).
    if (scotland && year >= kFirstStAndrewsDayYear) {
        addWithMondaySubstitute(out, QDate(year, 11, 30), QStringLiteral("St Andrew's Day"));
    }

    // Christmas Day and Boxing Day, with the substitute table.
    addPairWithSubstitutes(out, QDate(year, 12, 25), QStringLiteral("Christmas Day"), QStringLiteral("Boxing Day"));
    return out;
}

bool containsDate(const QList<Holiday>& list, const QDate& date)
{
    return std::any_of(list.cbegin(), list.cend(), [&date](const Holiday& h) { return h.date == date; });
}

}  // namespace

HolidayCalendar::HolidayCalendar(QString version, QList<HolidayException> exceptions)
    : m_baseVersion(std::move(version)), m_version(m_baseVersion), m_exceptions(std::move(exceptions))
{
    // Precompute the lookups for kFirstTableYear..kLastTableYear: a flag byte per day and the list per year.
    auto tables = std::make_shared<Tables>();
    tables->firstJulianDay = QDate(kFirstTableYear, 1, 1).toJulianDay();
    const qint64 lastJulianDay = QDate(kLastTableYear, 12, 31).toJulianDay();
    tables->flags.assign(static_cast<std::size_t>(lastJulianDay - tables->firstJulianDay + 1), 0);
    for (std::size_t i = 0; i < tables->flags.size(); ++i) {
        const int weekday = QDate::fromJulianDay(tables->firstJulianDay + static_cast<qint64>(i)).dayOfWeek();
        if (weekday == Qt::Saturday || weekday == Qt::Sunday) {
            tables->flags[i] |= kWeekendFlag;
        }
    }
    for (Region region : kRegions) {
        auto& years = tables->years[static_cast<std::size_t>(regionIndex(region))];
        years.reserve(static_cast<std::size_t>(kLastTableYear) - kFirstTableYear + 1);
        for (int year = kFirstTableYear; year <= kLastTableYear; ++year) {
            QList<Holiday> list = computeHolidays(region, year);
            for (const Holiday& holiday : list) {
                tables->flags[static_cast<std::size_t>(holiday.date.toJulianDay() - tables->firstJulianDay)]
                    |= regionFlag(region);
            }
            years.push_back(std::move(list));
        }
    }
    m_tables = std::move(tables);
}

const HolidayCalendar& HolidayCalendar::builtIn()
{
    // Function-local static: initialised once, thread-safe (C++11 "magic statics"); immutable afterwards.
    static const HolidayCalendar calendar(builtInTableVersion(), builtInExceptions());
    return calendar;
}

HolidayCalendar HolidayCalendar::withCourtClosures(QList<Holiday> closures) const
{
    HolidayCalendar copy = *this;

    // The existing closures plus the valid new ones, by date, one per date (the first name given wins).
    QList<Holiday> merged = m_closures;
    for (Holiday& closure : closures) {
        if (closure.date.isValid()) {
            merged.append(std::move(closure));
        }
    }
    std::stable_sort(merged.begin(), merged.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    merged.erase(
        std::unique(merged.begin(), merged.end(), [](const Holiday& a, const Holiday& b) { return a.date == b.date; }),
        merged.end());

    copy.m_closures = merged;
    copy.m_closureDays.clear();
    copy.m_closedByIndex.clear();
    QStringList isoDates;
    for (const Holiday& closure : std::as_const(merged)) {
        copy.m_closureDays.push_back(closure.date.toJulianDay());
        isoDates.append(closure.date.toString(Qt::ISODate));
        const qint64 index = dayIndex(closure.date);
        if (index >= 0) {
            if (copy.m_closedByIndex.empty()) {
                copy.m_closedByIndex.assign(m_tables->flags.size(), false);
            }
            copy.m_closedByIndex[static_cast<std::size_t>(index)] = true;
        }
    }

    // Version: the table version, plus a short hash of the sorted closure dates (names do not change any
    // computed date, so they are not part of it). The same set of dates always gives the same version.
    if (merged.isEmpty()) {
        copy.m_version = m_baseVersion;
    } else {
        const QByteArray digest
            = QCryptographicHash::hash(isoDates.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1);
        copy.m_version = m_baseVersion + QStringLiteral("+closures-") + QString::fromLatin1(digest.toHex().left(8));
    }
    return copy;
}

QString HolidayCalendar::version() const
{
    return m_version;
}

QList<Holiday> HolidayCalendar::holidays(Region region, int year) const
{
    if (year >= kFirstTableYear && year <= kLastTableYear) {
        return m_tables
            ->years[static_cast<std::size_t>(regionIndex(region))][static_cast<std::size_t>(year - kFirstTableYear)];
    }
    return computeHolidays(region, year);
}

bool HolidayCalendar::isBankHoliday(Region region, const QDate& date) const
{
    if (!date.isValid()) {
        return false;
    }
    if (const qint64 index = dayIndex(date); index >= 0) {
        return (m_tables->flags[static_cast<std::size_t>(index)] & regionFlag(region)) != 0;
    }
    return containsDate(computeHolidays(region, date.year()), date);
}

QString HolidayCalendar::holidayName(Region region, const QDate& date) const
{
    if (!isBankHoliday(region, date)) {
        return {};
    }
    const QList<Holiday> list = holidays(region, date.year());
    for (const Holiday& holiday : list) {
        if (holiday.date == date) {
            return holiday.name;
        }
    }
    return {};
}

bool HolidayCalendar::isBusinessDay(Region region, const QDate& date) const
{
    if (!date.isValid()) {
        return false;
    }
    if (const qint64 index = dayIndex(date); index >= 0) {
        return (m_tables->flags[static_cast<std::size_t>(index)] & (regionFlag(region) | kWeekendFlag)) == 0;
    }
    const int weekday = date.dayOfWeek();
    return weekday != Qt::Saturday && weekday != Qt::Sunday && !isBankHoliday(region, date);
}

bool HolidayCalendar::isOpenDay(Region region, const QDate& date) const
{
    return isBusinessDay(region, date) && !isClosureDay(date);
}

QDate HolidayCalendar::easterSunday(int year)
{
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher), DOMAIN.md §5.1; integer division throughout.
    if (year < kFirstGregorianYear) {
        return {};
    }
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = ((h + l - 7 * m + 114) % 31) + 1;
    return {year, month, day};
}

QList<Holiday> HolidayCalendar::computeHolidays(Region region, int year) const
{
    QList<Holiday> list = standingHolidays(region, year);

    // The one-off exceptions of this region and year, in table order (DOMAIN.md §5.2): a Move takes the
    // standing-rule date away and observes the new one instead; an Add observes an extra date; a Remove
    // takes a date away. A date already in the list is not added twice.
    for (const HolidayException& exception : m_exceptions) {
        if (exception.region != region || exception.year != year) {
            continue;
        }
        const bool takesAway
            = exception.kind == HolidayException::Kind::Move || exception.kind == HolidayException::Kind::Remove;
        const bool gives
            = exception.kind == HolidayException::Kind::Move || exception.kind == HolidayException::Kind::Add;
        if (takesAway) {
            list.removeIf([&exception](const Holiday& h) { return h.date == exception.from; });
        }
        if (gives && exception.to.isValid() && exception.to.year() == year && !containsDate(list, exception.to)) {
            list.append({exception.to, exception.name});
        }
    }

    std::stable_sort(list.begin(), list.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return list;
}

qint64 HolidayCalendar::dayIndex(const QDate& date) const
{
    if (!m_tables || !date.isValid()) {
        return -1;
    }
    const qint64 index = date.toJulianDay() - m_tables->firstJulianDay;
    return index >= 0 && index < static_cast<qint64>(m_tables->flags.size()) ? index : -1;
}

bool HolidayCalendar::isClosureDay(const QDate& date) const
{
    if (m_closureDays.empty() || !date.isValid()) {
        return false;
    }
    if (const qint64 index = dayIndex(date); index >= 0) {
        return !m_closedByIndex.empty() && m_closedByIndex[static_cast<std::size_t>(index)];
    }
    return std::binary_search(m_closureDays.cbegin(), m_closureDays.cend(), date.toJulianDay());
}

}  // namespace claimdesk::core::deadlines
