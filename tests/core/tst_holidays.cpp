#include "deadlines/HolidayCalendar.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <optional>
#include <tuple>

using namespace claimdesk::core;
using namespace claimdesk::core::deadlines;

Q_DECLARE_METATYPE(claimdesk::core::Region)

namespace {

const HolidayCalendar& builtIn()
{
    return HolidayCalendar::builtIn();
}

QDate iso(const char* text)
{
    return QDate::fromString(QString::fromLatin1(text), Qt::ISODate);
}

// "MM-DD MM-DD …" of one year, as dates (the published lists written out compactly).
QList<QDate> datesOf(int year, const char* monthDays)
{
    QList<QDate> out;
    const QStringList parts = QString::fromLatin1(monthDays).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& monthDay : parts) {
        out.append(QDate::fromString(QString::number(year) + QLatin1Char('-') + monthDay, Qt::ISODate));
    }
    return out;
}

QStringList isoDates(const QList<QDate>& dates)
{
    QStringList out;
    for (const QDate& date : dates) {
        out.append(date.toString(Qt::ISODate));
    }
    return out;
}

QList<QDate> datesOnly(const QList<Holiday>& holidays)
{
    QList<QDate> out;
    for (const Holiday& holiday : holidays) {
        out.append(holiday.date);
    }
    return out;
}

// "2027-12-27 Christmas Day (substitute day)" per holiday, for readable failure messages.
QStringList describe(const QList<Holiday>& holidays)
{
    QStringList out;
    for (const Holiday& holiday : holidays) {
        out.append(holiday.date.toString(Qt::ISODate) + QLatin1Char(' ') + holiday.name);
    }
    return out;
}

// The holidays of a region falling between two dates (inclusive), described.
QStringList holidaysBetween(Region region, const QDate& first, const QDate& last)
{
    QList<Holiday> out;
    for (int year = first.year(); year <= last.year(); ++year) {
        const QList<Holiday> list = builtIn().holidays(region, year);
        for (const Holiday& holiday : list) {
            if (holiday.date >= first && holiday.date <= last) {
                out.append(holiday);
            }
        }
    }
    return describe(out);
}

QString regionLabel(Region region)
{
    switch (region) {
    case Region::EnglandWales: return QStringLiteral("England & Wales");
    case Region::Scotland: return QStringLiteral("Scotland");
    case Region::NorthernIreland: return QStringLiteral("Northern Ireland");
    }
    return {};
}

QString kindName(HolidayException::Kind kind)
{
    switch (kind) {
    case HolidayException::Kind::Move: return QStringLiteral("Move");
    case HolidayException::Kind::Add: return QStringLiteral("Add");
    case HolidayException::Kind::Remove: return QStringLiteral("Remove");
    }
    return {};
}

constexpr Region kRegions[] = {Region::EnglandWales, Region::Scotland, Region::NorthernIreland};

bool isWeekend(const QDate& date)
{
    return date.dayOfWeek() == Qt::Saturday || date.dayOfWeek() == Qt::Sunday;
}

bool hasExceptions(Region region, int year)
{
    const QList<HolidayException>& rows = builtIn().exceptions();
    return std::any_of(rows.cbegin(), rows.cend(),
                       [&](const HolidayException& e) { return e.region == region && e.year == year; });
}

}  // namespace

// The UK bank-holiday calendars (DOMAIN.md §5): standing rules, substitute days, the exceptions table, court
// closures and the O(1) lookups. Every expectation is a fixed date: nothing here depends on today's date.
class HolidaysTest : public QObject {
    Q_OBJECT
private slots:
    // Easter (DOMAIN.md §5.1)
    void easterSunday_data();
    void easterSunday();
    void easterSundayIsASundayBetween22MarchAnd25April();
    void nothingBeforeTheGregorianCalendar();

    // The published gov.uk lists, written out
    void publishedLists_data();
    void publishedLists();
    void domainWorkedExampleT20_data();
    void domainWorkedExampleT20();
    void holidayName_data();
    void holidayName();

    // Substitute days, one row per weekday pattern
    void christmasAndBoxingDay_data();
    void christmasAndBoxingDay();
    void newYearEnglandWalesAndNorthernIreland_data();
    void newYearEnglandWalesAndNorthernIreland();
    void newYearScotland_data();
    void newYearScotland();
    void fixedDayWithMondaySubstitute_data();
    void fixedDayWithMondaySubstitute();

    // Business days
    void isBusinessDay_data();
    void isBusinessDay();
    void invalidDatesAreNeverBusinessDays();

    // Whole-range invariants
    void listsAreSortedAndAgreeWithTheLookups_data();
    void listsAreSortedAndAgreeWithTheLookups();
    void northernIrelandIsEnglandWalesPlusTwoDays();
    void yearsWithoutExceptionsHaveTheStandingRuleCount();

    // The exceptions table (DOMAIN.md §5.2)
    void exceptionRowsAreWellFormed();
    void exceptionRowsTakeEffect();
    void exceptionsChangeOnlyWhatTheyDocument_data();
    void exceptionsChangeOnlyWhatTheyDocument();
    void everyExceptionIsCoveredByTheTestAbove();
    void tableVersionIsPinnedToTheTable();

    // Court closures
    void closureDayIsNotOpenButStillABusinessDay_data();
    void closureDayIsNotOpenButStillABusinessDay();
    void closuresOutsideThePrecomputedYears();
    void closuresAreSortedDeduplicatedAndValid();
    void versionChangesWithTheClosures();

    // Performance and lifetime
    void builtInIsOneSharedInstance();
    void lookupsAreFastEnoughForABulkRecompute();
};

// ---------------------------------------------------------------------------------------------------------
// Easter

void HolidaysTest::easterSunday_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<QDate>("expected");

    const char* const known[] = {
        "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08",
        "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05",
        "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
        "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21",
    };
    for (const char* text : known) {
        const QDate date = iso(text);
        QTest::addRow("%d: %s", date.year(), qPrintable(date.toString(QStringLiteral("ddd d MMMM"))))
            << date.year() << date;
    }
    QTest::addRow("1943: latest possible date, 25 April") << 1943 << iso("1943-04-25");
    QTest::addRow("2038: latest possible date, 25 April") << 2038 << iso("2038-04-25");
    QTest::addRow("1818: earliest possible date, 22 March (before the precomputed years)") << 1818 << iso("1818-03-22");
    QTest::addRow("2285: earliest possible date, 22 March (after the precomputed years)") << 2285 << iso("2285-03-22");
}

void HolidaysTest::easterSunday()
{
    QFETCH(int, year);
    QFETCH(QDate, expected);
    QCOMPARE(HolidayCalendar::easterSunday(year), expected);
}

void HolidaysTest::easterSundayIsASundayBetween22MarchAnd25April()
{
    for (int year = 1583; year <= 4099; ++year) {
        const QDate easter = HolidayCalendar::easterSunday(year);
        QVERIFY2(easter.isValid() && easter.year() == year, qPrintable(QString::number(year)));
        QVERIFY2(easter.dayOfWeek() == Qt::Sunday, qPrintable(easter.toString(Qt::ISODate)));
        QVERIFY2(easter >= QDate(year, 3, 22) && easter <= QDate(year, 4, 25),
                 qPrintable(easter.toString(Qt::ISODate)));
    }
}

void HolidaysTest::nothingBeforeTheGregorianCalendar()
{
    QVERIFY(!HolidayCalendar::easterSunday(1582).isValid());
    QVERIFY(!HolidayCalendar::easterSunday(-5).isValid());
    for (Region region : kRegions) {
        QVERIFY(builtIn().holidays(region, 1582).isEmpty());
        QVERIFY(!builtIn().isBankHoliday(region, QDate(1500, 12, 25)));
        QVERIFY(builtIn().isBusinessDay(region, QDate(1500, 12, 25)));  // a Tuesday (proleptic Gregorian)
    }
}

// ---------------------------------------------------------------------------------------------------------
// The published lists

void HolidaysTest::publishedLists_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<int>("year");
    QTest::addColumn<QList<QDate>>("expected");

    // gov.uk bank holidays (https://www.gov.uk/bank-holidays), as published: 2012–2018 from the alphagov/calendars
    // data, 2019–2028 from the gov.uk feed; DOMAIN.md §5.2 for E&W 2024–2028.
    const auto ew = [](int year, const char* description, const char* monthDays) {
        QTest::addRow("England & Wales %d: %s", year, description)
            << Region::EnglandWales << year << datesOf(year, monthDays);
    };
    ew(2012, "Diamond Jubilee: Spring moved to Mon 4 Jun, extra Tue 5 Jun; New Year on Sunday: Mon 2 Jan",
       "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26");
    ew(2013, "no substitutes", "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26");
    ew(2014, "no substitutes", "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26");
    ew(2015, "Christmas on Friday: Mon 28 Dec Boxing substitute", "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28");
    ew(2016, "Christmas on Sunday: Mon 26 Dec Boxing, Tue 27 Dec Christmas substitute",
       "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27");
    ew(2017, "New Year on Sunday: Mon 2 Jan substitute", "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26");
    ew(2018, "no substitutes", "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26");
    ew(2019, "no substitutes", "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26");
    ew(2020, "VE Day 75: early May on Fri 8 May, not Mon 4 May; Christmas on Friday",
       "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28");
    ew(2021, "Christmas on Saturday: Mon 27 and Tue 28 Dec substitutes",
       "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28");
    ew(2022, "Platinum Jubilee Thu 2 and Fri 3 Jun (not Mon 30 May), State Funeral Mon 19 Sep",
       "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27");
    ew(2023, "Coronation Mon 8 May; New Year on Sunday", "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26");
    ew(2024, "no substitutes", "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26");
    ew(2025, "no substitutes", "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26");
    ew(2026, "Christmas on Friday: Mon 28 Dec Boxing substitute", "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28");
    ew(2027, "Christmas on Saturday: Mon 27 Dec substitute, Tue 28 Dec substitute",
       "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28");
    ew(2028, "New Year on Saturday: Mon 3 Jan substitute", "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26");

    const auto sc = [](int year, const char* description, const char* monthDays) {
        QTest::addRow("Scotland %d: %s", year, description) << Region::Scotland << year << datesOf(year, monthDays);
    };
    sc(2012, "1 Jan on Sunday: Mon 2 and Tue 3 Jan; Diamond Jubilee",
       "01-02 01-03 04-06 05-07 06-04 06-05 08-06 11-30 12-25 12-26");
    sc(2013, "St Andrew's on Saturday: Mon 2 Dec", "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26");
    sc(2014, "St Andrew's on Sunday: Mon 1 Dec", "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26");
    sc(2015, "Christmas on Friday", "01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28");
    sc(2016, "2 Jan on Saturday: Mon 4 Jan; Christmas on Sunday",
       "01-01 01-04 03-25 05-02 05-30 08-01 11-30 12-26 12-27");
    sc(2017, "1 Jan on Sunday: Mon 2 and Tue 3 Jan", "01-02 01-03 04-14 05-01 05-29 08-07 11-30 12-25 12-26");
    sc(2018, "no substitutes", "01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26");
    sc(2019, "St Andrew's on Saturday: Mon 2 Dec", "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26");
    sc(2020, "VE Day 75: Fri 8 May; Christmas on Friday", "01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28");
    sc(2021, "2 Jan on Saturday: Mon 4 Jan; Christmas on Saturday",
       "01-01 01-04 04-02 05-03 05-31 08-02 11-30 12-27 12-28");
    sc(2022, "1 Jan on Saturday: Mon 3 and Tue 4 Jan; Platinum Jubilee; State Funeral",
       "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27");
    sc(2023, "1 Jan on Sunday: Mon 2 and Tue 3 Jan; Coronation",
       "01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26");
    sc(2024, "St Andrew's on Saturday: Mon 2 Dec", "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26");
    sc(2025, "St Andrew's on Sunday: Mon 1 Dec", "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26");
    sc(2026, "World Cup bank holiday Mon 15 Jun; Christmas on Friday",
       "01-01 01-02 04-03 05-04 05-25 06-15 08-03 11-30 12-25 12-28");
    sc(2027, "2 Jan on Saturday: Mon 4 Jan; Christmas on Saturday",
       "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28");
    sc(2028, "1 Jan on Saturday: Mon 3 and Tue 4 Jan", "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26");

    const auto ni = [](int year, const char* description, const char* monthDays) {
        QTest::addRow("Northern Ireland %d: %s", year, description)
            << Region::NorthernIreland << year << datesOf(year, monthDays);
    };
    ni(2012, "St Patrick's on Saturday: Mon 19 Mar; Diamond Jubilee",
       "01-02 03-19 04-06 04-09 05-07 06-04 06-05 07-12 08-27 12-25 12-26");
    ni(2013, "St Patrick's on Sunday: Mon 18 Mar", "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26");
    ni(2014, "Boyne on Saturday: Mon 14 Jul", "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26");
    ni(2015, "Boyne on Sunday: Mon 13 Jul", "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28");
    ni(2016, "Christmas on Sunday", "01-01 03-17 03-25 03-28 05-02 05-30 07-12 08-29 12-26 12-27");
    ni(2017, "New Year on Sunday", "01-02 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26");
    ni(2018, "St Patrick's on Saturday: Mon 19 Mar", "01-01 03-19 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26");
    ni(2019, "St Patrick's on Sunday: Mon 18 Mar", "01-01 03-18 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26");
    ni(2020, "VE Day 75; Boyne on Sunday: Mon 13 Jul", "01-01 03-17 04-10 04-13 05-08 05-25 07-13 08-31 12-25 12-28");
    ni(2021, "Christmas on Saturday", "01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27 12-28");
    ni(2022, "Platinum Jubilee; State Funeral",
       "01-03 03-17 04-15 04-18 05-02 06-02 06-03 07-12 08-29 09-19 12-26 12-27");
    ni(2023, "Coronation", "01-02 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26");
    ni(2024, "St Patrick's on Sunday: Mon 18 Mar", "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26");
    ni(2025, "Boyne on Saturday: Mon 14 Jul", "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26");
    ni(2026, "Boyne on Sunday: Mon 13 Jul", "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28");
    ni(2027, "Christmas on Saturday", "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28");
    ni(2028, "New Year on Saturday", "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26");
}

void HolidaysTest::publishedLists()
{
    QFETCH(Region, region);
    QFETCH(int, year);
    QFETCH(QList<QDate>, expected);

    QCOMPARE(isoDates(datesOnly(builtIn().holidays(region, year))), isoDates(expected));
    for (const QDate& date : std::as_const(expected)) {
        QVERIFY2(builtIn().isBankHoliday(region, date), qPrintable(date.toString(Qt::ISODate)));
        QVERIFY2(!builtIn().holidayName(region, date).isEmpty(), qPrintable(date.toString(Qt::ISODate)));
        QVERIFY2(!builtIn().isBusinessDay(region, date), qPrintable(date.toString(Qt::ISODate)));
    }
}

void HolidaysTest::domainWorkedExampleT20_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("bankHoliday");

    // DOMAIN.md §9 T20 (England & Wales).
    QTest::addRow("T20 2026: Boxing Day substitute Mon 28 Dec") << iso("2026-12-28") << true;
    QTest::addRow("T20 2026: Sat 26 Dec itself is not a bank holiday") << iso("2026-12-26") << false;
    QTest::addRow("T20 2027: Good Friday 26 Mar") << iso("2027-03-26") << true;
    QTest::addRow("T20 2027: Easter Monday 29 Mar") << iso("2027-03-29") << true;
    QTest::addRow("T20 2027: Mon 27 Dec Christmas substitute") << iso("2027-12-27") << true;
    QTest::addRow("T20 2027: Tue 28 Dec Boxing substitute") << iso("2027-12-28") << true;
    QTest::addRow("T20 2022: Thu 2 Jun (Spring, moved)") << iso("2022-06-02") << true;
    QTest::addRow("T20 2022: Fri 3 Jun (Platinum Jubilee)") << iso("2022-06-03") << true;
    QTest::addRow("T20 2022: Mon 19 Sep (State Funeral)") << iso("2022-09-19") << true;
    QTest::addRow("T20 2022: Mon 30 May is NOT a bank holiday") << iso("2022-05-30") << false;
    QTest::addRow("T20 2020: early May is Fri 8 May") << iso("2020-05-08") << true;
    QTest::addRow("T20 2020: Mon 4 May is NOT a bank holiday") << iso("2020-05-04") << false;
}

void HolidaysTest::domainWorkedExampleT20()
{
    QFETCH(QDate, date);
    QFETCH(bool, bankHoliday);
    QCOMPARE(builtIn().isBankHoliday(Region::EnglandWales, date), bankHoliday);
    QCOMPARE(builtIn().isBusinessDay(Region::EnglandWales, date), !bankHoliday && !isWeekend(date));
}

void HolidaysTest::holidayName_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("name");  // empty: not a bank holiday there

    const Region ew = Region::EnglandWales;
    const Region sc = Region::Scotland;
    const Region ni = Region::NorthernIreland;
    QTest::addRow("E&W 2025 Good Friday") << ew << iso("2025-04-18") << QStringLiteral("Good Friday");
    QTest::addRow("E&W 2025 Easter Monday") << ew << iso("2025-04-21") << QStringLiteral("Easter Monday");
    QTest::addRow("Scotland 2025: no Easter Monday") << sc << iso("2025-04-21") << QString();
    QTest::addRow("E&W 2025 early May") << ew << iso("2025-05-05") << QStringLiteral("Early May bank holiday");
    QTest::addRow("E&W 2025 Spring") << ew << iso("2025-05-26") << QStringLiteral("Spring bank holiday");
    QTest::addRow("E&W 2025 Summer, last Monday in August")
        << ew << iso("2025-08-25") << QStringLiteral("Summer bank holiday");
    QTest::addRow("Scotland 2025 Summer, first Monday in August")
        << sc << iso("2025-08-04") << QStringLiteral("Summer bank holiday");
    QTest::addRow("Scotland 2025: last Monday in August is not a holiday") << sc << iso("2025-08-25") << QString();
    QTest::addRow("E&W 2025: first Monday in August is not a holiday") << ew << iso("2025-08-04") << QString();
    QTest::addRow("E&W 2028 New Year on Saturday: Mon 3 Jan substitute")
        << ew << iso("2028-01-03") << QStringLiteral("New Year's Day (substitute day)");
    QTest::addRow("E&W 2026 Boxing Day on Saturday: Mon 28 Dec substitute")
        << ew << iso("2026-12-28") << QStringLiteral("Boxing Day (substitute day)");
    QTest::addRow("E&W 2027 Christmas on Saturday: Mon 27 Dec substitute")
        << ew << iso("2027-12-27") << QStringLiteral("Christmas Day (substitute day)");
    QTest::addRow("E&W 2027 Boxing Day on Sunday: Tue 28 Dec substitute")
        << ew << iso("2027-12-28") << QStringLiteral("Boxing Day (substitute day)");
    QTest::addRow("E&W 2022 Christmas on Sunday: Mon 26 Dec stays Boxing Day")
        << ew << iso("2022-12-26") << QStringLiteral("Boxing Day");
    QTest::addRow("E&W 2022 Christmas on Sunday: Tue 27 Dec Christmas substitute")
        << ew << iso("2022-12-27") << QStringLiteral("Christmas Day (substitute day)");
    QTest::addRow("Scotland 2023 1 Jan on Sunday: Mon 2 Jan stays 2nd January")
        << sc << iso("2023-01-02") << QStringLiteral("2nd January");
    QTest::addRow("Scotland 2023 1 Jan on Sunday: Tue 3 Jan New Year substitute")
        << sc << iso("2023-01-03") << QStringLiteral("New Year's Day (substitute day)");
    QTest::addRow("Scotland 2024 St Andrew's on Saturday: Mon 2 Dec substitute")
        << sc << iso("2024-12-02") << QStringLiteral("St Andrew's Day (substitute day)");
    QTest::addRow("E&W 2024: St Andrew's Day is Scottish only") << ew << iso("2024-12-02") << QString();
    QTest::addRow("NI 2024 St Patrick's on Sunday: Mon 18 Mar substitute")
        << ni << iso("2024-03-18") << QStringLiteral("St Patrick's Day (substitute day)");
    QTest::addRow("NI 2027 Boyne on Monday")
        << ni << iso("2027-07-12") << QStringLiteral("Battle of the Boyne (Orangemen's Day)");
    QTest::addRow("E&W 2027: the Boyne is NI only") << ew << iso("2027-07-12") << QString();
    QTest::addRow("E&W 2020 VE Day") << ew << iso("2020-05-08") << QStringLiteral("Early May bank holiday (VE day)");
    QTest::addRow("E&W 2022 Spring moved to Thu 2 Jun")
        << ew << iso("2022-06-02") << QStringLiteral("Spring bank holiday");
    QTest::addRow("E&W 2022 Platinum Jubilee")
        << ew << iso("2022-06-03") << QStringLiteral("Platinum Jubilee bank holiday");
    QTest::addRow("NI 2022 State Funeral")
        << ni << iso("2022-09-19") << QStringLiteral("Bank Holiday for the State Funeral of Queen Elizabeth II");
    QTest::addRow("Scotland 2023 Coronation")
        << sc << iso("2023-05-08") << QStringLiteral("Bank holiday for the coronation of King Charles III");
    QTest::addRow("Scotland 2026 World Cup") << sc << iso("2026-06-15") << QStringLiteral("World Cup bank holiday");
    QTest::addRow("E&W 2026: World Cup day is Scottish only") << ew << iso("2026-06-15") << QString();
    QTest::addRow("E&W 2011 Royal Wedding") << ew << iso("2011-04-29") << QStringLiteral("Royal wedding");
    QTest::addRow("E&W 1999 Millennium") << ew << iso("1999-12-31") << QStringLiteral("Millennium bank holiday");
    QTest::addRow("E&W ordinary Wednesday") << ew << iso("2025-06-11") << QString();
    QTest::addRow("E&W Christmas Eve is not a bank holiday") << ew << iso("2025-12-24") << QString();
    QTest::addRow("Scotland 2006: no St Andrew's Day before 2007") << sc << iso("2006-11-30") << QString();
    QTest::addRow("Scotland 2007: first St Andrew's Day")
        << sc << iso("2007-11-30") << QStringLiteral("St Andrew's Day");
    QTest::addRow("E&W 1977: no early May bank holiday before 1978") << ew << iso("1977-05-02") << QString();
    QTest::addRow("E&W 1978: first early May bank holiday")
        << ew << iso("1978-05-01") << QStringLiteral("Early May bank holiday");
    QTest::addRow("E&W 2348 Christmas on Saturday (computed on demand)")
        << ew << iso("2348-12-27") << QStringLiteral("Christmas Day (substitute day)");
}

void HolidaysTest::holidayName()
{
    QFETCH(Region, region);
    QFETCH(QDate, date);
    QFETCH(QString, name);
    QCOMPARE(builtIn().holidayName(region, date), name);
    QCOMPARE(builtIn().isBankHoliday(region, date), !name.isEmpty());
}

// ---------------------------------------------------------------------------------------------------------
// Substitute days

void HolidaysTest::christmasAndBoxingDay_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<QStringList>("expected");  // the holidays from 24 to 31 December, in every region

    const QString christmas = QStringLiteral("Christmas Day");
    const QString boxing = QStringLiteral("Boxing Day");
    const QString christmasSub = QStringLiteral("Christmas Day (substitute day)");
    const QString boxingSub = QStringLiteral("Boxing Day (substitute day)");
    const auto at = [](int year, int day, const QString& name) -> QString {
        return QDate(year, 12, day).toString(Qt::ISODate) + QLatin1Char(' ') + name;
    };
    QTest::addRow("2023 Christmas on Monday: Mon 25, Tue 26 Dec")
        << 2023 << QStringList {at(2023, 25, christmas), at(2023, 26, boxing)};
    QTest::addRow("2018 Christmas on Tuesday: Tue 25, Wed 26 Dec")
        << 2018 << QStringList {at(2018, 25, christmas), at(2018, 26, boxing)};
    QTest::addRow("2019 Christmas on Wednesday: Wed 25, Thu 26 Dec")
        << 2019 << QStringList {at(2019, 25, christmas), at(2019, 26, boxing)};
    QTest::addRow("2025 Christmas on Thursday: Thu 25, Fri 26 Dec")
        << 2025 << QStringList {at(2025, 25, christmas), at(2025, 26, boxing)};
    QTest::addRow("2026 Christmas on Friday: Fri 25 Dec, Mon 28 Dec Boxing substitute")
        << 2026 << QStringList {at(2026, 25, christmas), at(2026, 28, boxingSub)};
    QTest::addRow("2027 Christmas on Saturday: Mon 27 Dec Christmas substitute, Tue 28 Dec Boxing substitute")
        << 2027 << QStringList {at(2027, 27, christmasSub), at(2027, 28, boxingSub)};
    QTest::addRow("2022 Christmas on Sunday: Mon 26 Dec Boxing Day, Tue 27 Dec Christmas substitute")
        << 2022 << QStringList {at(2022, 26, boxing), at(2022, 27, christmasSub)};
    QTest::addRow("2032 Christmas on Saturday (beyond the published lists)")
        << 2032 << QStringList {at(2032, 27, christmasSub), at(2032, 28, boxingSub)};
    QTest::addRow("2033 Christmas on Sunday (beyond the published lists)")
        << 2033 << QStringList {at(2033, 26, boxing), at(2033, 27, christmasSub)};
    QTest::addRow("1999 Christmas on Saturday, plus the Millennium Fri 31 Dec")
        << 1999
        << QStringList {at(1999, 27, christmasSub), at(1999, 28, boxingSub),
                        at(1999, 31, QStringLiteral("Millennium bank holiday"))};
}

void HolidaysTest::christmasAndBoxingDay()
{
    QFETCH(int, year);
    QFETCH(QStringList, expected);
    for (Region region : kRegions) {
        QCOMPARE(holidaysBetween(region, QDate(year, 12, 24), QDate(year, 12, 31)), expected);
    }
}

void HolidaysTest::newYearEnglandWalesAndNorthernIreland_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("expected");  // the only holiday in 1–7 January

    QTest::addRow("2024 New Year on Monday") << 2024 << QStringLiteral("2024-01-01 New Year's Day");
    QTest::addRow("2019 New Year on Tuesday") << 2019 << QStringLiteral("2019-01-01 New Year's Day");
    QTest::addRow("2025 New Year on Wednesday") << 2025 << QStringLiteral("2025-01-01 New Year's Day");
    QTest::addRow("2026 New Year on Thursday") << 2026 << QStringLiteral("2026-01-01 New Year's Day");
    QTest::addRow("2027 New Year on Friday") << 2027 << QStringLiteral("2027-01-01 New Year's Day");
    QTest::addRow("2028 New Year on Saturday: Mon 3 Jan substitute")
        << 2028 << QStringLiteral("2028-01-03 New Year's Day (substitute day)");
    QTest::addRow("2023 New Year on Sunday: Mon 2 Jan substitute")
        << 2023 << QStringLiteral("2023-01-02 New Year's Day (substitute day)");
}

void HolidaysTest::newYearEnglandWalesAndNorthernIreland()
{
    QFETCH(int, year);
    QFETCH(QString, expected);
    for (Region region : {Region::EnglandWales, Region::NorthernIreland}) {
        QCOMPARE(holidaysBetween(region, QDate(year, 1, 1), QDate(year, 1, 7)), QStringList {expected});
    }
}

void HolidaysTest::newYearScotland_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<QStringList>("expected");  // the holidays in 1–7 January

    const auto row = [](const char* name, int year, const QStringList& expected) {
        QTest::addRow("%s", name) << year << expected;
    };
    row("2024 1 Jan on Monday: Mon 1, Tue 2 Jan", 2024,
        {QStringLiteral("2024-01-01 New Year's Day"), QStringLiteral("2024-01-02 2nd January")});
    row("2019 1 Jan on Tuesday: Tue 1, Wed 2 Jan", 2019,
        {QStringLiteral("2019-01-01 New Year's Day"), QStringLiteral("2019-01-02 2nd January")});
    row("2025 1 Jan on Wednesday: Wed 1, Thu 2 Jan", 2025,
        {QStringLiteral("2025-01-01 New Year's Day"), QStringLiteral("2025-01-02 2nd January")});
    row("2026 1 Jan on Thursday: Thu 1, Fri 2 Jan", 2026,
        {QStringLiteral("2026-01-01 New Year's Day"), QStringLiteral("2026-01-02 2nd January")});
    row("2027 1 Jan on Friday: Fri 1 Jan, 2nd January substitute Mon 4 Jan", 2027,
        {QStringLiteral("2027-01-01 New Year's Day"), QStringLiteral("2027-01-04 2nd January (substitute day)")});
    row("2028 1 Jan on Saturday: Mon 3 and Tue 4 Jan, both substitutes", 2028,
        {QStringLiteral("2028-01-03 New Year's Day (substitute day)"),
         QStringLiteral("2028-01-04 2nd January (substitute day)")});
    row("2023 1 Jan on Sunday: Mon 2 Jan 2nd January, Tue 3 Jan New Year substitute", 2023,
        {QStringLiteral("2023-01-02 2nd January"), QStringLiteral("2023-01-03 New Year's Day (substitute day)")});
}

void HolidaysTest::newYearScotland()
{
    QFETCH(int, year);
    QFETCH(QStringList, expected);
    QCOMPARE(holidaysBetween(Region::Scotland, QDate(year, 1, 1), QDate(year, 1, 7)), expected);
}

void HolidaysTest::fixedDayWithMondaySubstitute_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("fixedDate");  // the holiday's own date
    QTest::addColumn<QDate>("observed");  // the bank holiday actually observed
    QTest::addColumn<QString>("name");

    const Region sc = Region::Scotland;
    const Region ni = Region::NorthernIreland;
    const QString andrew = QStringLiteral("St Andrew's Day");
    const QString patrick = QStringLiteral("St Patrick's Day");
    const QString boyne = QStringLiteral("Battle of the Boyne (Orangemen's Day)");
    const QString sub = QStringLiteral(" (substitute day)");
    QTest::addRow("St Andrew's on Monday (2026): Mon 30 Nov") << sc << iso("2026-11-30") << iso("2026-11-30") << andrew;
    QTest::addRow("St Andrew's on Saturday (2024): Mon 2 Dec")
        << sc << iso("2024-11-30") << iso("2024-12-02") << andrew + sub;
    QTest::addRow("St Andrew's on Sunday (2025): Mon 1 Dec")
        << sc << iso("2025-11-30") << iso("2025-12-01") << andrew + sub;
    QTest::addRow("St Patrick's on Tuesday (2026): Tue 17 Mar")
        << ni << iso("2026-03-17") << iso("2026-03-17") << patrick;
    QTest::addRow("St Patrick's on Saturday (2018): Mon 19 Mar")
        << ni << iso("2018-03-17") << iso("2018-03-19") << patrick + sub;
    QTest::addRow("St Patrick's on Sunday (2024): Mon 18 Mar")
        << ni << iso("2024-03-17") << iso("2024-03-18") << patrick + sub;
    QTest::addRow("Boyne on Monday (2027): Mon 12 Jul") << ni << iso("2027-07-12") << iso("2027-07-12") << boyne;
    QTest::addRow("Boyne on Saturday (2025): Mon 14 Jul")
        << ni << iso("2025-07-12") << iso("2025-07-14") << boyne + sub;
    QTest::addRow("Boyne on Sunday (2026): Mon 13 Jul") << ni << iso("2026-07-12") << iso("2026-07-13") << boyne + sub;
}

void HolidaysTest::fixedDayWithMondaySubstitute()
{
    QFETCH(Region, region);
    QFETCH(QDate, fixedDate);
    QFETCH(QDate, observed);
    QFETCH(QString, name);
    QCOMPARE(builtIn().holidayName(region, observed), name);
    QVERIFY(!builtIn().isBusinessDay(region, observed));
    // Nothing else between the fixed date and the observed day (the weekend itself is not a bank holiday).
    for (QDate day = fixedDate; day < observed; day = day.addDays(1)) {
        QVERIFY2(!builtIn().isBankHoliday(region, day), qPrintable(day.toString(Qt::ISODate)));
        QVERIFY2(!builtIn().isBusinessDay(region, day), qPrintable(day.toString(Qt::ISODate)));
    }
    QVERIFY(builtIn().isBusinessDay(region, observed.addDays(1)));
    // The other two regions do not have this holiday.
    for (Region other : kRegions) {
        if (other != region) {
            QVERIFY(!builtIn().holidayName(other, observed).startsWith(name.left(10)));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Business days

void HolidaysTest::isBusinessDay_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("businessDay");

    const Region ew = Region::EnglandWales;
    const Region sc = Region::Scotland;
    const Region ni = Region::NorthernIreland;
    QTest::addRow("E&W ordinary Wednesday 2025-06-11") << ew << iso("2025-06-11") << true;
    QTest::addRow("Scotland ordinary Wednesday 2025-06-11") << sc << iso("2025-06-11") << true;
    QTest::addRow("NI ordinary Wednesday 2025-06-11") << ni << iso("2025-06-11") << true;
    QTest::addRow("E&W Saturday 2025-06-14") << ew << iso("2025-06-14") << false;
    QTest::addRow("E&W Sunday 2025-06-15") << ew << iso("2025-06-15") << false;
    QTest::addRow("Scotland Sunday 2025-06-15") << sc << iso("2025-06-15") << false;
    QTest::addRow("E&W Good Friday 2025-04-18 (CPR 6.2 names it)") << ew << iso("2025-04-18") << false;
    QTest::addRow("Scotland Good Friday 2025-04-18") << sc << iso("2025-04-18") << false;
    QTest::addRow("E&W Easter Monday 2025-04-21") << ew << iso("2025-04-21") << false;
    QTest::addRow("Scotland Easter Monday 2025-04-21 is a business day") << sc << iso("2025-04-21") << true;
    QTest::addRow("E&W Christmas Day 2025-12-25 (CPR 6.2 names it)") << ew << iso("2025-12-25") << false;
    QTest::addRow("E&W Christmas Eve 2025-12-24 is a business day") << ew << iso("2025-12-24") << true;
    QTest::addRow("E&W Mon 29 Dec 2025 after the Christmas cluster (T2)") << ew << iso("2025-12-29") << true;
    QTest::addRow("E&W 2 Jan 2026 is a business day") << ew << iso("2026-01-02") << true;
    QTest::addRow("Scotland 2 Jan 2026 is a bank holiday") << sc << iso("2026-01-02") << false;
    QTest::addRow("E&W first Monday in August 2026 is a business day") << ew << iso("2026-08-03") << true;
    QTest::addRow("Scotland first Monday in August 2026 is a bank holiday") << sc << iso("2026-08-03") << false;
    QTest::addRow("Scotland last Monday in August 2026 is a business day") << sc << iso("2026-08-31") << true;
    QTest::addRow("NI St Patrick's Day 2026 is a bank holiday") << ni << iso("2026-03-17") << false;
    QTest::addRow("E&W St Patrick's Day 2026 is a business day") << ew << iso("2026-03-17") << true;
    QTest::addRow("NI Boyne substitute Mon 13 Jul 2026") << ni << iso("2026-07-13") << false;
    QTest::addRow("E&W Mon 13 Jul 2026 is a business day") << ew << iso("2026-07-13") << true;
    QTest::addRow("E&W 2020-05-04, early May moved away, is a business day") << ew << iso("2020-05-04") << true;
    QTest::addRow("E&W 2022-05-30, Spring moved away, is a business day") << ew << iso("2022-05-30") << true;
    QTest::addRow("E&W 2022-09-19 State Funeral") << ew << iso("2022-09-19") << false;
    QTest::addRow("E&W 2026-12-28 Boxing substitute") << ew << iso("2026-12-28") << false;
    QTest::addRow("E&W 1970-09-07 Monday after Pritam Kaur's Saturday expiry") << ew << iso("1970-09-07") << true;
    QTest::addRow("E&W 2300-12-25 Christmas, computed on demand") << ew << iso("2300-12-25") << false;
    QTest::addRow("E&W 2300-12-27 Wednesday, computed on demand") << ew << iso("2300-12-27") << true;
    QTest::addRow("E&W 2300-12-30 Saturday, computed on demand") << ew << iso("2300-12-30") << false;
}

void HolidaysTest::isBusinessDay()
{
    QFETCH(Region, region);
    QFETCH(QDate, date);
    QFETCH(bool, businessDay);
    QCOMPARE(builtIn().isBusinessDay(region, date), businessDay);
    QCOMPARE(builtIn().isOpenDay(region, date), businessDay);  // no closures in the built-in calendar
}

void HolidaysTest::invalidDatesAreNeverBusinessDays()
{
    const HolidayCalendar withClosure = builtIn().withCourtClosures({{iso("2026-12-24"), QStringLiteral("x")}});
    for (Region region : kRegions) {
        for (const HolidayCalendar* calendar : {&builtIn(), &withClosure}) {
            QVERIFY(!calendar->isBusinessDay(region, QDate()));
            QVERIFY(!calendar->isOpenDay(region, QDate()));
            QVERIFY(!calendar->isBankHoliday(region, QDate()));
            QVERIFY(calendar->holidayName(region, QDate()).isEmpty());
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Whole-range invariants

void HolidaysTest::listsAreSortedAndAgreeWithTheLookups_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<int>("firstYear");
    QTest::addColumn<int>("lastYear");

    for (Region region : kRegions) {
        const QByteArray label = regionLabel(region).toUtf8();
        QTest::addRow("%s, precomputed years 1900-2200 and their neighbours", label.constData())
            << region << 1899 << 2201;
        QTest::addRow("%s, computed on demand 1583-1600", label.constData()) << region << 1583 << 1600;
        QTest::addRow("%s, computed on demand 2990-3010", label.constData()) << region << 2990 << 3010;
    }
}

void HolidaysTest::listsAreSortedAndAgreeWithTheLookups()
{
    QFETCH(Region, region);
    QFETCH(int, firstYear);
    QFETCH(int, lastYear);
    const HolidayCalendar& calendar = builtIn();
    for (int year = firstYear; year <= lastYear; ++year) {
        const QList<Holiday> list = calendar.holidays(region, year);
        QVERIFY2(list.size() >= 7, qPrintable(QString::number(year)));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString where = list[i].date.toString(Qt::ISODate) + QLatin1Char(' ') + list[i].name;
            QVERIFY2(list[i].date.year() == year, qPrintable(where));
            QVERIFY2(!isWeekend(list[i].date), qPrintable(where));  // every bank holiday is a weekday
            QVERIFY2(!list[i].name.isEmpty(), qPrintable(where));
            QVERIFY2(i == 0 || list[i - 1].date < list[i].date, qPrintable(where));  // sorted, one per date
        }
        // Every day of the year: the lookups say exactly what the list says.
        qsizetype index = 0;
        for (QDate day(year, 1, 1); day.year() == year; day = day.addDays(1)) {
            const bool listed = index < list.size() && list[index].date == day;
            const QString where = day.toString(Qt::ISODate);
            QVERIFY2(calendar.isBankHoliday(region, day) == listed, qPrintable(where));
            QVERIFY2(calendar.isBusinessDay(region, day) == (!listed && !isWeekend(day)), qPrintable(where));
            QVERIFY2(calendar.isOpenDay(region, day) == calendar.isBusinessDay(region, day), qPrintable(where));
            if (listed) {
                QVERIFY2(calendar.holidayName(region, day) == list[index].name, qPrintable(where));
                ++index;
            } else {
                QVERIFY2(calendar.holidayName(region, day).isEmpty(), qPrintable(where));
            }
        }
        QCOMPARE(index, list.size());
    }
}

void HolidaysTest::northernIrelandIsEnglandWalesPlusTwoDays()
{
    for (int year = 1900; year <= 2200; ++year) {
        QList<Holiday> ni = builtIn().holidays(Region::NorthernIreland, year);
        const qsizetype before = ni.size();
        ni.removeIf([](const Holiday& h) {
            return h.name.startsWith(QStringLiteral("St Patrick's Day"))
                || h.name.startsWith(QStringLiteral("Battle of the Boyne (Orangemen's Day)"));
        });
        QCOMPARE(before - ni.size(), qsizetype(2));
        QCOMPARE(describe(ni), describe(builtIn().holidays(Region::EnglandWales, year)));
    }
}

void HolidaysTest::yearsWithoutExceptionsHaveTheStandingRuleCount()
{
    // E&W 8; NI 10 (E&W + St Patrick + Boyne); Scotland 9 (2 Jan and St Andrew's, no Easter Monday), 8 before
    // St Andrew's Day (2007). From 1978 (first early May bank holiday) to the end of the precomputed years.
    for (int year = 1978; year <= 2200; ++year) {
        for (Region region : kRegions) {
            if (hasExceptions(region, year)) {
                continue;
            }
            const qsizetype expected = region == Region::EnglandWales ? 8
                : region == Region::NorthernIreland                   ? 10
                : year >= 2007                                        ? 9
                                                                      : 8;
            const QList<Holiday> list = builtIn().holidays(region, year);
            QVERIFY2(list.size() == expected,
                     qPrintable(regionLabel(region) + QLatin1Char(' ') + describe(list).join(QStringLiteral(", "))));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The exceptions table

void HolidaysTest::exceptionRowsAreWellFormed()
{
    const QList<HolidayException>& rows = builtIn().exceptions();
    QVERIFY(!rows.isEmpty());
    for (const HolidayException& row : rows) {
        const QString where = QString::number(row.year) + QLatin1Char(' ') + regionLabel(row.region) + QLatin1Char(' ')
            + kindName(row.kind) + QLatin1Char(' ') + row.name;
        QVERIFY2(!row.name.isEmpty(), qPrintable(where));
        QVERIFY2(!row.source.isEmpty(), qPrintable(where));
        switch (row.kind) {
        case HolidayException::Kind::Move:
            QVERIFY2(row.from.isValid() && row.to.isValid() && row.from != row.to, qPrintable(where));
            break;
        case HolidayException::Kind::Add: QVERIFY2(row.to.isValid() && row.from.isNull(), qPrintable(where)); break;
        case HolidayException::Kind::Remove: QVERIFY2(row.from.isValid() && row.to.isNull(), qPrintable(where)); break;
        }
        QVERIFY2(!row.from.isValid() || row.from.year() == row.year, qPrintable(where));
        QVERIFY2(!row.to.isValid() || row.to.year() == row.year, qPrintable(where));
        QVERIFY2(!row.to.isValid() || !isWeekend(row.to), qPrintable(where));
        // DOMAIN.md U13: the 1995, 1999 and 2002 changes come from memory and must say so.
        if (row.year == 1995 || row.year == 1999 || row.year == 2002) {
            QVERIFY2(row.source.startsWith(QStringLiteral("UNVERIFIED")) && row.source.contains(QStringLiteral("U13")),
                     qPrintable(where + QStringLiteral(": ") + row.source));
        }
    }
}

void HolidaysTest::exceptionRowsTakeEffect()
{
    for (const HolidayException& row : builtIn().exceptions()) {
        const QString where
            = QString::number(row.year) + QLatin1Char(' ') + regionLabel(row.region) + QLatin1Char(' ') + row.name;
        if (row.to.isValid()) {
            QVERIFY2(builtIn().holidayName(row.region, row.to) == row.name, qPrintable(where));
        }
        if (row.from.isValid()) {
            QVERIFY2(!builtIn().isBankHoliday(row.region, row.from), qPrintable(where));
            QVERIFY2(builtIn().isBusinessDay(row.region, row.from), qPrintable(where));
        }
    }
}

void HolidaysTest::exceptionsChangeOnlyWhatTheyDocument_data()
{
    QTest::addColumn<Region>("region");
    QTest::addColumn<int>("year");
    QTest::addColumn<QStringList>("removed");  // MM-DD taken away from the standing rules
    QTest::addColumn<QStringList>("added");  // MM-DD observed instead / in addition

    // DOMAIN.md §5.2 (all three regions), plus the Scottish 2026 World Cup day from the gov.uk Scotland list.
    struct Change {
        int year;
        const char* what;
        QStringList removed;
        QStringList added;
    };
    const Change changes[] = {
        {1995, "VE Day 50: early May Mon 1 May -> Mon 8 May", {QStringLiteral("05-01")}, {QStringLiteral("05-08")}},
        {1999, "Millennium: extra Fri 31 Dec", {}, {QStringLiteral("12-31")}},
        {2002,
         "Golden Jubilee: Spring Mon 27 May -> Tue 4 Jun, extra Mon 3 Jun",
         {QStringLiteral("05-27")},
         {QStringLiteral("06-03"), QStringLiteral("06-04")}},
        {2011, "Royal Wedding: extra Fri 29 Apr", {}, {QStringLiteral("04-29")}},
        {2012,
         "Diamond Jubilee: Spring Mon 28 May -> Mon 4 Jun, extra Tue 5 Jun",
         {QStringLiteral("05-28")},
         {QStringLiteral("06-04"), QStringLiteral("06-05")}},
        {2020, "VE Day 75: early May Mon 4 May -> Fri 8 May", {QStringLiteral("05-04")}, {QStringLiteral("05-08")}},
        {2022,
         "Platinum Jubilee and State Funeral: Spring Mon 30 May -> Thu 2 Jun, extra Fri 3 Jun and Mon 19 Sep",
         {QStringLiteral("05-30")},
         {QStringLiteral("06-02"), QStringLiteral("06-03"), QStringLiteral("09-19")}},
        {2023, "Coronation: extra Mon 8 May", {}, {QStringLiteral("05-08")}},
    };
    for (const Change& change : changes) {
        for (Region region : kRegions) {
            QTest::addRow("%s %d %s", qPrintable(regionLabel(region)), change.year, change.what)
                << region << change.year << change.removed << change.added;
        }
    }
    QTest::addRow("Scotland 2026 World Cup: extra Mon 15 Jun")
        << Region::Scotland << 2026 << QStringList {} << QStringList {QStringLiteral("06-15")};
}

void HolidaysTest::exceptionsChangeOnlyWhatTheyDocument()
{
    QFETCH(Region, region);
    QFETCH(int, year);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, added);

    // Compare with a "twin" year that has the same calendar (weekday of 1 January, leap year, Easter date) and
    // no exceptions: the standing rules give both the same month-days, so the differences are the exceptions.
    // Twins are taken from 2007 on, when all the standing rules modelled here apply.
    const auto shape = [](int y) {
        return std::tuple(QDate(y, 1, 1).dayOfWeek(), QDate::isLeapYear(y),
                          HolidayCalendar::easterSunday(y).dayOfYear());
    };
    std::optional<int> twin;
    for (int candidate = 2007; candidate <= 9999 && !twin; ++candidate) {
        if (candidate != year && shape(candidate) == shape(year) && !hasExceptions(region, candidate)) {
            twin = candidate;
        }
    }
    QVERIFY2(twin.has_value(), "no year with the same calendar");

    const auto monthDays = [](const QList<Holiday>& list, bool dropStAndrews) {
        QSet<QString> out;
        for (const Holiday& h : list) {
            if (!(dropStAndrews && h.name.startsWith(QStringLiteral("St Andrew's Day")))) {
                out.insert(h.date.toString(QStringLiteral("MM-dd")));
            }
        }
        return out;
    };
    const QSet<QString> actual = monthDays(builtIn().holidays(region, year), false);
    // Before 2007 Scotland had no St Andrew's Day: not an exception, so leave it out of the twin.
    const QSet<QString> standing = monthDays(builtIn().holidays(region, *twin), year < 2007);

    QStringList actuallyRemoved = QStringList(standing.cbegin(), standing.cend());
    actuallyRemoved.removeIf([&actual](const QString& md) { return actual.contains(md); });
    QStringList actuallyAdded = QStringList(actual.cbegin(), actual.cend());
    actuallyAdded.removeIf([&standing](const QString& md) { return standing.contains(md); });
    actuallyRemoved.sort();
    actuallyAdded.sort();
    QCOMPARE(actuallyRemoved, removed);
    QCOMPARE(actuallyAdded, added);
}

void HolidaysTest::everyExceptionIsCoveredByTheTestAbove()
{
    // The (region, year) pairs with exceptions are exactly those listed in exceptionsChangeOnlyWhatTheyDocument:
    // a new row in the table needs a new row there (and a new table version).
    QSet<QString> actual;
    for (const HolidayException& row : builtIn().exceptions()) {
        actual.insert(regionId(row.region) + QLatin1Char(' ') + QString::number(row.year));
    }
    QSet<QString> expected;
    for (int year : {1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023}) {
        for (Region region : kRegions) {
            expected.insert(regionId(region) + QLatin1Char(' ') + QString::number(year));
        }
    }
    expected.insert(QStringLiteral("scotland 2026"));
    QCOMPARE(actual, expected);
}

void HolidaysTest::tableVersionIsPinnedToTheTable()
{
    // If this fails because the exceptions table changed: bump kTableVersion in HolidayExceptions.cpp (stored
    // deadlines are recomputed when it changes) and update both values below. The fingerprint covers what can
    // change a computed deadline or its explanation (dates, kinds, regions, names), not the source texts.
    QCOMPARE(builtIn().version(), QStringLiteral("uk-2026.1"));
    QStringList lines;
    for (const HolidayException& row : builtIn().exceptions()) {
        lines.append(QStringList {QString::number(row.year), regionId(row.region), kindName(row.kind),
                                  row.from.toString(Qt::ISODate), row.to.toString(Qt::ISODate), row.name}
                         .join(QLatin1Char('|')));
    }
    const QByteArray fingerprint
        = QCryptographicHash::hash(lines.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1).toHex();
    QCOMPARE(fingerprint, QByteArray("da6022477bc11e6ace4351ca2d4001a81ee81649"));
}

// ---------------------------------------------------------------------------------------------------------
// Court closures

void HolidaysTest::closureDayIsNotOpenButStillABusinessDay_data()
{
    QTest::addColumn<Region>("region");
    for (Region region : kRegions) {
        QTest::addRow("%s: closure on Thu 24 Dec 2026", qPrintable(regionLabel(region))) << region;
    }
}

void HolidaysTest::closureDayIsNotOpenButStillABusinessDay()
{
    QFETCH(Region, region);
    const QDate christmasEve = iso("2026-12-24");
    const HolidayCalendar calendar
        = builtIn().withCourtClosures({{christmasEve, QStringLiteral("Court closure notice: Christmas Eve")}});

    QVERIFY(!calendar.isOpenDay(region, christmasEve));
    QVERIFY(calendar.isBusinessDay(region, christmasEve));
    QVERIFY(!calendar.isBankHoliday(region, christmasEve));
    QVERIFY(calendar.holidayName(region, christmasEve).isEmpty());
    QCOMPARE(calendar.holidays(region, 2026), builtIn().holidays(region, 2026));
    // Neighbours are unaffected; the built-in calendar is unchanged.
    QVERIFY(calendar.isOpenDay(region, iso("2026-12-23")));
    QVERIFY(!calendar.isOpenDay(region, iso("2026-12-25")));
    QVERIFY(builtIn().isOpenDay(region, christmasEve));
    QVERIFY(builtIn().courtClosures().isEmpty());
    // A closure on a bank holiday or a weekend changes nothing that was not already closed.
    const HolidayCalendar more = calendar.withCourtClosures(
        {{iso("2026-12-25"), QStringLiteral("closed")}, {iso("2026-12-26"), QStringLiteral("closed")}});
    QVERIFY(!more.isOpenDay(region, iso("2026-12-25")));
    QVERIFY(!more.isBusinessDay(region, iso("2026-12-26")));
    QVERIFY(!more.isOpenDay(region, christmasEve));  // closures accumulate
}

void HolidaysTest::closuresOutsideThePrecomputedYears()
{
    const QDate late = iso("2250-06-03");  // a Monday
    const QDate early = iso("1850-06-04");  // a Tuesday
    QVERIFY(!isWeekend(late) && !isWeekend(early));
    const HolidayCalendar calendar
        = builtIn().withCourtClosures({{late, QStringLiteral("late")}, {early, QStringLiteral("early")}});
    for (Region region : kRegions) {
        QVERIFY(calendar.isBusinessDay(region, late));
        QVERIFY(!calendar.isOpenDay(region, late));
        QVERIFY(calendar.isOpenDay(region, late.addDays(1)));
        QVERIFY(calendar.isBusinessDay(region, early));
        QVERIFY(!calendar.isOpenDay(region, early));
        QVERIFY(calendar.isOpenDay(region, early.addDays(1)));
        QVERIFY(calendar.isOpenDay(region, iso("2026-06-03")));  // inside the precomputed years: no closure
    }
}

void HolidaysTest::closuresAreSortedDeduplicatedAndValid()
{
    const HolidayCalendar calendar = builtIn().withCourtClosures({
        {iso("2026-12-31"), QStringLiteral("second")},
        {iso("2026-12-24"), QStringLiteral("first")},
        {QDate(), QStringLiteral("invalid: ignored")},
        {iso("2026-12-31"), QStringLiteral("duplicate: ignored")},
    });
    const QList<Holiday> expected
        = {{iso("2026-12-24"), QStringLiteral("first")}, {iso("2026-12-31"), QStringLiteral("second")}};
    QCOMPARE(describe(calendar.courtClosures()), describe(expected));
    // Adding closures keeps the existing ones (the first name given for a date wins).
    const HolidayCalendar more = calendar.withCourtClosures(
        {{iso("2026-12-24"), QStringLiteral("renamed: ignored")}, {iso("2027-01-04"), QStringLiteral("third")}});
    QCOMPARE(describe(more.courtClosures()),
             describe({expected[0], expected[1], {iso("2027-01-04"), QStringLiteral("third")}}));
}

void HolidaysTest::versionChangesWithTheClosures()
{
    const QString base = builtIn().version();
    QCOMPARE(base, QStringLiteral("uk-2026.1"));
    QCOMPARE(builtIn().withCourtClosures({}).version(), base);
    QCOMPARE(builtIn().withCourtClosures({{QDate(), QStringLiteral("invalid")}}).version(), base);

    const Holiday a {iso("2026-12-24"), QStringLiteral("Christmas Eve")};
    const Holiday b {iso("2026-12-31"), QStringLiteral("New Year's Eve")};
    const QString ab = builtIn().withCourtClosures({a, b}).version();
    const QRegularExpression shape(QStringLiteral("^uk-2026\\.1\\+closures-[0-9a-f]{8}$"));
    QVERIFY2(shape.match(ab).hasMatch(), qPrintable(ab));

    // The same set in another order, in two steps, with a duplicate or other names: the same version.
    QCOMPARE(builtIn().withCourtClosures({b, a}).version(), ab);
    QCOMPARE(builtIn().withCourtClosures({a}).withCourtClosures({b}).version(), ab);
    QCOMPARE(builtIn().withCourtClosures({a, b, a}).version(), ab);
    QCOMPARE(builtIn().withCourtClosures({{a.date, QStringLiteral("x")}, {b.date, QStringLiteral("y")}}).version(), ab);
    // Any other set: a different version.
    const QString onlyA = builtIn().withCourtClosures({a}).version();
    const QString onlyB = builtIn().withCourtClosures({b}).version();
    const QString abc = builtIn().withCourtClosures({a, b, {iso("2027-01-04"), QString()}}).version();
    const QSet<QString> versions {base, ab, onlyA, onlyB, abc};
    QCOMPARE(versions.size(), 5);
}

// ---------------------------------------------------------------------------------------------------------
// Performance and lifetime

void HolidaysTest::builtInIsOneSharedInstance()
{
    QCOMPARE(&HolidayCalendar::builtIn(), &HolidayCalendar::builtIn());
    QVERIFY(HolidayCalendar::builtIn().courtClosures().isEmpty());
}

void HolidaysTest::lookupsAreFastEnoughForABulkRecompute()
{
    // A recompute of 100,000 cases must take well under 2 s in total. Budget: 60 calendar questions per case
    // (business-day steps, roll-forwards, open-day checks) across the three regions, with closures present.
    const HolidayCalendar calendar = builtIn().withCourtClosures({{iso("2026-12-24"), QStringLiteral("closed")}});
    const qint64 firstDay = QDate(2000, 1, 1).toJulianDay();
    QElapsedTimer timer;
    timer.start();
    qint64 openDays = 0;
    for (int caseIndex = 0; caseIndex < 100'000; ++caseIndex) {
        for (int step = 0; step < 20; ++step) {
            const QDate day = QDate::fromJulianDay(firstDay + (caseIndex * 37 + step) % 20'000);
            const Region region = kRegions[(caseIndex + step) % 3];
            openDays += calendar.isOpenDay(region, day) ? 1 : 0;
            openDays += calendar.isBusinessDay(region, day) ? 1 : 0;
            openDays += calendar.isBankHoliday(region, day) ? 1 : 0;
        }
    }
    const qint64 elapsed = timer.elapsed();
    QVERIFY(openDays > 0);
    QVERIFY2(elapsed < 2000, qPrintable(QStringLiteral("6,000,000 lookups took %1 ms").arg(elapsed)));
}

QTEST_GUILESS_MAIN(HolidaysTest)
#include "tst_holidays.moc"
