// The date primitives of the deadline engine (core/deadlines/DateRules.h; DOMAIN.md §1 P1–P9 and §9).
// Every expected date comes from DOMAIN.md, the authority it cites, or the CPR text it quotes; weekdays were
// checked independently. Nothing here depends on today's date.

#include "deadlines/DateRules.h"
#include "deadlines/HolidayCalendar.h"

#include <QTest>

using namespace claimdesk::core;
using namespace claimdesk::core::deadlines;

Q_DECLARE_METATYPE(claimdesk::core::Region)
Q_DECLARE_METATYPE(claimdesk::core::deadlines::ServiceMethod)
Q_DECLARE_METATYPE(claimdesk::core::deadlines::LeapBirthday)

namespace {

QDate iso(const char* text)
{
    const QDate date = QDate::fromString(QString::fromLatin1(text), Qt::ISODate);
    Q_ASSERT_X(date.isValid(), "iso", text);
    return date;
}

QDateTime at(const char* text)
{
    const QDateTime dateTime = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    Q_ASSERT_X(dateTime.isValid(), "at", text);
    return dateTime;
}

// "Sun 2024-01-14": the weekday makes a wrong date obvious in a failure message. Qt 6 formats names in English.
QString show(const QDate& date)
{
    return date.isValid() ? date.toString(QStringLiteral("ddd yyyy-MM-dd")) : QStringLiteral("(invalid)");
}

const HolidayCalendar& calendar()
{
    return HolidayCalendar::builtIn();
}

}  // namespace

#define COMPARE_DATE(actual, expected) QCOMPARE(show(actual), show(expected))

class DateRulesTest : public QObject {
    Q_OBJECT
private slots:
    // P4, P5: calendar months and years (corresponding-date rule)
    void addCalendarMonths_data();
    void addCalendarMonths();
    void addCalendarYears_data();
    void addCalendarYears();

    // P1: periods FROM an event during a day; P2/P3: periods BEGINNING WITH a day
    void lastDayOfYearsFrom_data();
    void lastDayOfYearsFrom();
    void lastDayOfMonthsFrom_data();
    void lastDayOfMonthsFrom();
    void lastDayOfYearsBeginningWith_data();
    void lastDayOfYearsBeginningWith();
    void lastDayOfMonthsBeginningWith_data();
    void lastDayOfMonthsBeginningWith();

    // P2, P5: ages
    void dayOfAttaining_data();
    void dayOfAttaining();
    void ageOn_data();
    void ageOn();

    // P7, P8: court-open and business days
    void lastOpenDayOnOrBefore_data();
    void lastOpenDayOnOrBefore();
    void openDayOnOrAfter_data();
    void openDayOnOrAfter();
    void lastBusinessDayOnOrBefore_data();
    void lastBusinessDayOnOrBefore();
    void businessDayOnOrAfter_data();
    void businessDayOnOrAfter();
    void addBusinessDays_data();
    void addBusinessDays();
    void courtClosureDaysCloseTheCourtButNotBusiness();
    void openAndBusinessDayFunctionsAgreeWithTheCalendar();

    // P6: CPR 2.8 clear days
    void cprDaysAfter_data();
    void cprDaysAfter();
    void cprLastDayBefore_data();
    void cprLastDayBefore();

    // P9: deemed service (CPR 6.14, CPR 6.26)
    void deemedServiceOfClaimForm_data();
    void deemedServiceOfClaimForm();
    void deemedServiceOfDocument_data();
    void deemedServiceOfDocument();

    // Words
    void ukDate_data();
    void ukDate();
    void ukTime_data();
    void ukTime();
    void serviceMethodIdsFollowTheCliContract();
};

// --- P4, P5 ------------------------------------------------------------------------------------------------

void DateRulesTest::addCalendarMonths_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("months");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("Dodds v Walker: 30 Sep 1978 + 4 months = 30 Jan 1979") << iso("1978-09-30") << 4 << iso("1979-01-30");
    QTest::addRow("P4 worked example: claim form issued Fri 31 Oct 2025 + 4 months = Sat 28 Feb 2026 (no 31 Feb)")
        << iso("2025-10-31") << 4 << iso("2026-02-28");
    QTest::addRow("T8: issued Mon 3 Mar 2025 + 4 months = Thu 3 Jul 2025") << iso("2025-03-03") << 4 << iso("2025-07-03");
    QTest::addRow("T13: SAR received Fri 31 Jan 2025 + 1 month = Fri 28 Feb 2025 (last day of February)")
        << iso("2025-01-31") << 1 << iso("2025-02-28");
    QTest::addRow("ICO: 31 Jan 2024 + 1 month = Thu 29 Feb 2024 in a leap year")
        << iso("2024-01-31") << 1 << iso("2024-02-29");
    QTest::addRow("ICO: 30 Jan 2025 + 1 month = 28 Feb 2025") << iso("2025-01-30") << 1 << iso("2025-02-28");
    QTest::addRow("T12: SAR received Tue 25 Nov 2025 + 1 month = Thu 25 Dec 2025 (before any rolling)")
        << iso("2025-11-25") << 1 << iso("2025-12-25");
    QTest::addRow("T12: SAR extended, 25 Nov 2025 + 3 months = Wed 25 Feb 2026") << iso("2025-11-25") << 3
                                                                                 << iso("2026-02-25");
    QTest::addRow("T18: acknowledged Mon 15 Dec 2025 + 3 months = Sun 15 Mar 2026 (across the year end)")
        << iso("2025-12-15") << 3 << iso("2026-03-15");
    QTest::addRow("31 Aug + 1 month = 30 Sep (30-day month)") << iso("2025-08-31") << 1 << iso("2025-09-30");
    QTest::addRow("31 Mar + 1 month = 30 Apr") << iso("2025-03-31") << 1 << iso("2025-04-30");
    QTest::addRow("29 Feb 2024 + 12 months = 28 Feb 2025 (P5)") << iso("2024-02-29") << 12 << iso("2025-02-28");
    QTest::addRow("zero months is the same day") << iso("2025-06-15") << 0 << iso("2025-06-15");
    QTest::addRow("30 months across two year ends: 31 Aug 2023 → 28 Feb 2026") << iso("2023-08-31") << 30
                                                                                << iso("2026-02-28");
}

void DateRulesTest::addCalendarMonths()
{
    QFETCH(QDate, date);
    QFETCH(int, months);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::addCalendarMonths(date, months), expected);
}

void DateRulesTest::addCalendarYears_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("years");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T1: Thu 14 Jan 2021 + 3 years = Sun 14 Jan 2024") << iso("2021-01-14") << 3 << iso("2024-01-14");
    QTest::addRow("Marren: 8 Nov 1954 + 3 years = 8 Nov 1957") << iso("1954-11-08") << 3 << iso("1957-11-08");
    QTest::addRow("P5: 29 Feb 2024 + 1 year = 28 Feb 2025") << iso("2024-02-29") << 1 << iso("2025-02-28");
    QTest::addRow("T5: 29 Feb 2024 + 3 years = Sun 28 Feb 2027") << iso("2024-02-29") << 3 << iso("2027-02-28");
    QTest::addRow("29 Feb 2024 + 4 years = Tue 29 Feb 2028 (a leap year again)") << iso("2024-02-29") << 4
                                                                                  << iso("2028-02-29");
    QTest::addRow("29 Feb 2000 + 100 years = 28 Feb 2100 (2100 is not a leap year)") << iso("2000-02-29") << 100
                                                                                     << iso("2100-02-28");
    QTest::addRow("T14 s.11 limb: Wed 12 Nov 2025 + 3 years = Sun 12 Nov 2028") << iso("2025-11-12") << 3
                                                                                << iso("2028-11-12");
    QTest::addRow("P2: DOB 10 Mar 2003 + 21 years = 10 Mar 2024") << iso("2003-03-10") << 21 << iso("2024-03-10");
}

void DateRulesTest::addCalendarYears()
{
    QFETCH(QDate, date);
    QFETCH(int, years);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::addCalendarYears(date, years), expected);
}

// --- P1, P2, P3 ---------------------------------------------------------------------------------------------

void DateRulesTest::lastDayOfYearsFrom_data()
{
    QTest::addColumn<QDate>("eventDay");
    QTest::addColumn<int>("years");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("Marren v Dawson Bentley: accrual 8 Nov 1954, issue 8 Nov 1957 in time")
        << iso("1954-11-08") << 3 << iso("1957-11-08");
    QTest::addRow("Pritam Kaur: death Tue 5 Sep 1967, period expired Sat 5 Sep 1970")
        << iso("1967-09-05") << 3 << iso("1970-09-05");
    QTest::addRow("P1/T1: adult abuse Thu 14 Jan 2021, last day Sun 14 Jan 2024")
        << iso("2021-01-14") << 3 << iso("2024-01-14");
    QTest::addRow("T2: incident Mon 26 Dec 2022, last day Fri 26 Dec 2025 (Boxing Day)")
        << iso("2022-12-26") << 3 << iso("2025-12-26");
    QTest::addRow("T5: incident Thu 29 Feb 2024, last day Sun 28 Feb 2027 (U3: 28 Feb)")
        << iso("2024-02-29") << 3 << iso("2027-02-28");
    QTest::addRow("T7: assault Tue 15 Jun 2021 at 18, last day Sat 15 Jun 2024")
        << iso("2021-06-15") << 3 << iso("2024-06-15");
    QTest::addRow("T14: s.11 limb of an act on Wed 12 Nov 2025 ends Sun 12 Nov 2028")
        << iso("2025-11-12") << 3 << iso("2028-11-12");
    QTest::addRow("T15 CICA para 88: first reported Sat 3 Jan 2026 + 2 years = Mon 3 Jan 2028")
        << iso("2026-01-03") << 2 << iso("2028-01-03");
}

void DateRulesTest::lastDayOfYearsFrom()
{
    QFETCH(QDate, eventDay);
    QFETCH(int, years);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastDayOfYearsFrom(eventDay, years), expected);
}

void DateRulesTest::lastDayOfMonthsFrom_data()
{
    QTest::addColumn<QDate>("eventDay");
    QTest::addColumn<int>("months");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("Dodds v Walker: notice 30 Sep 1978, four months expired 30 Jan 1979 (31 Jan one day late)")
        << iso("1978-09-30") << 4 << iso("1979-01-30");
    QTest::addRow("T10: claim issued Fri 31 Oct 2025, CPR 7.5 step by Sat 28 Feb 2026")
        << iso("2025-10-31") << 4 << iso("2026-02-28");
    QTest::addRow("T8: claim issued Mon 3 Mar 2025, CPR 7.5 step by Thu 3 Jul 2025")
        << iso("2025-03-03") << 4 << iso("2025-07-03");
    QTest::addRow("T18: acknowledged Mon 15 Dec 2025, protocol response by Sun 15 Mar 2026")
        << iso("2025-12-15") << 3 << iso("2026-03-15");
}

void DateRulesTest::lastDayOfMonthsFrom()
{
    QFETCH(QDate, eventDay);
    QFETCH(int, months);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastDayOfMonthsFrom(eventDay, months), expected);
}

void DateRulesTest::lastDayOfYearsBeginningWith_data()
{
    QTest::addColumn<QDate>("firstDay");
    QTest::addColumn<int>("years");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("Matthew v Sedman: accrual at the midnight starting Fri 3 Jun 2011, six years end Fri 2 Jun 2017")
        << iso("2011-06-03") << 6 << iso("2017-06-02");
    QTest::addRow("T14 HRA s.7(5): act Wed 12 Nov 2025, one year beginning with it ends Wed 11 Nov 2026")
        << iso("2025-11-12") << 1 << iso("2026-11-11");
    QTest::addRow("P3: HRA act 12 Nov 2005, conservative last day 11 Nov 2006")
        << iso("2005-11-12") << 1 << iso("2006-11-11");
    QTest::addRow("P2: 18th birthday Wed 10 Mar 2021, three years end Sat 9 Mar 2024")
        << iso("2021-03-10") << 3 << iso("2024-03-09");
    QTest::addRow("T3: 18th birthday Tue 2 Jan 2024, three years end Fri 1 Jan 2027")
        << iso("2024-01-02") << 3 << iso("2027-01-01");
    QTest::addRow("T4: 29-Feb child, 18 on 28 Feb 2022 (28-Feb convention): ends Thu 27 Feb 2025")
        << iso("2022-02-28") << 3 << iso("2025-02-27");
    QTest::addRow("T4: 29-Feb child, 18 on 1 Mar 2022 (1-Mar convention): ends Fri 28 Feb 2025")
        << iso("2022-03-01") << 3 << iso("2025-02-28");
}

void DateRulesTest::lastDayOfYearsBeginningWith()
{
    QFETCH(QDate, firstDay);
    QFETCH(int, years);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastDayOfYearsBeginningWith(firstDay, years), expected);
}

void DateRulesTest::lastDayOfMonthsBeginningWith_data()
{
    QTest::addColumn<QDate>("firstDay");
    QTest::addColumn<int>("months");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("P3 by months: three months beginning with Mon 3 Mar 2025 end Mon 2 Jun 2025")
        << iso("2025-03-03") << 3 << iso("2025-06-02");
    QTest::addRow("one month beginning with Mon 15 Dec 2025 ends Wed 14 Jan 2026 (across the year end)")
        << iso("2025-12-15") << 1 << iso("2026-01-14");
}

void DateRulesTest::lastDayOfMonthsBeginningWith()
{
    QFETCH(QDate, firstDay);
    QFETCH(int, months);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastDayOfMonthsBeginningWith(firstDay, months), expected);
}

// --- P2, P5: ages --------------------------------------------------------------------------------------------

void DateRulesTest::dayOfAttaining_data()
{
    QTest::addColumn<QDate>("dateOfBirth");
    QTest::addColumn<int>("age");
    QTest::addColumn<LeapBirthday>("convention");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T3: DOB Mon 2 Jan 2006 is 18 at the start of Tue 2 Jan 2024")
        << iso("2006-01-02") << 18 << LeapBirthday::Feb28 << iso("2024-01-02");
    QTest::addRow("T3: DOB 2 Jan 2006, 21st birthday Sat 2 Jan 2027")
        << iso("2006-01-02") << 21 << LeapBirthday::Feb28 << iso("2027-01-02");
    QTest::addRow("P2: DOB 10 Mar 2003, 18th birthday Wed 10 Mar 2021")
        << iso("2003-03-10") << 18 << LeapBirthday::Feb28 << iso("2021-03-10");
    QTest::addRow("an ordinary birthday is the same under either leap convention")
        << iso("2003-03-10") << 18 << LeapBirthday::Mar1 << iso("2021-03-10");
    QTest::addRow("T4: DOB 29 Feb 2004, 18 in a common year, 28-Feb convention: Mon 28 Feb 2022")
        << iso("2004-02-29") << 18 << LeapBirthday::Feb28 << iso("2022-02-28");
    QTest::addRow("T4: DOB 29 Feb 2004, 18 in a common year, 1-Mar convention: Tue 1 Mar 2022")
        << iso("2004-02-29") << 18 << LeapBirthday::Mar1 << iso("2022-03-01");
    QTest::addRow("T4: DOB 29 Feb 2004, 21st birthday, 28-Feb convention: Fri 28 Feb 2025")
        << iso("2004-02-29") << 21 << LeapBirthday::Feb28 << iso("2025-02-28");
    QTest::addRow("T4: DOB 29 Feb 2004, 21st birthday, 1-Mar convention: Sat 1 Mar 2025")
        << iso("2004-02-29") << 21 << LeapBirthday::Mar1 << iso("2025-03-01");
    QTest::addRow("DOB 29 Feb 2004, 20th birthday in a leap year is 29 Feb 2024 (28-Feb convention)")
        << iso("2004-02-29") << 20 << LeapBirthday::Feb28 << iso("2024-02-29");
    QTest::addRow("DOB 29 Feb 2004, 20th birthday in a leap year is 29 Feb 2024 (1-Mar convention)")
        << iso("2004-02-29") << 20 << LeapBirthday::Mar1 << iso("2024-02-29");
    QTest::addRow("T15 CICA: DOB 15 Aug 2007, 20th birthday Sun 15 Aug 2027")
        << iso("2007-08-15") << 20 << LeapBirthday::Feb28 << iso("2027-08-15");
}

void DateRulesTest::dayOfAttaining()
{
    QFETCH(QDate, dateOfBirth);
    QFETCH(int, age);
    QFETCH(LeapBirthday, convention);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::dayOfAttaining(dateOfBirth, age, convention), expected);
}

void DateRulesTest::ageOn_data()
{
    QTest::addColumn<QDate>("dateOfBirth");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<int>("expected");

    QTest::addRow("T7: DOB 10 Mar 2003, assaulted Tue 15 Jun 2021: aged 18") << iso("2003-03-10") << iso("2021-06-15")
                                                                             << 18;
    QTest::addRow("T7 boundary: on the 18th birthday itself, Wed 10 Mar 2021, already 18 (attained at its start)")
        << iso("2003-03-10") << iso("2021-03-10") << 18;
    QTest::addRow("T7 boundary: the day before the 18th birthday, Tue 9 Mar 2021: still 17")
        << iso("2003-03-10") << iso("2021-03-09") << 17;
    QTest::addRow("T6: DOB 10 Mar 2003, abuse in 2012: aged 8 on 1 Jan 2012") << iso("2003-03-10") << iso("2012-01-01")
                                                                              << 8;
    QTest::addRow("T15: DOB 15 Aug 2007, abuse on 1 Oct 2018: aged 11") << iso("2007-08-15") << iso("2018-10-01") << 11;
    QTest::addRow("T3: DOB 2 Jan 2006, abuse on 1 May 2018: aged 12") << iso("2006-01-02") << iso("2018-05-01") << 12;
    QTest::addRow("29-Feb DOB: 18 on 28 Feb 2022 under the earlier (28-Feb) convention")
        << iso("2004-02-29") << iso("2022-02-28") << 18;
    QTest::addRow("29-Feb DOB: still 17 on 27 Feb 2022") << iso("2004-02-29") << iso("2022-02-27") << 17;
    QTest::addRow("on the day of birth: aged 0") << iso("2010-05-05") << iso("2010-05-05") << 0;
}

void DateRulesTest::ageOn()
{
    QFETCH(QDate, dateOfBirth);
    QFETCH(QDate, day);
    QFETCH(int, expected);
    QCOMPARE(deadlines::ageOn(dateOfBirth, day), expected);
}

// --- P7, P8 -------------------------------------------------------------------------------------------------

void DateRulesTest::lastOpenDayOnOrBefore_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T1: strict Sun 14 Jan 2024 → safe Fri 12 Jan 2024") << iso("2024-01-14") << Region::EnglandWales
                                                                       << iso("2024-01-12");
    QTest::addRow("T2: strict Fri 26 Dec 2025 (Boxing Day) → safe Wed 24 Dec 2025")
        << iso("2025-12-26") << Region::EnglandWales << iso("2025-12-24");
    QTest::addRow("T3: strict Fri 1 Jan 2027 (New Year's Day) → safe Thu 31 Dec 2026")
        << iso("2027-01-01") << Region::EnglandWales << iso("2026-12-31");
    QTest::addRow("T5: strict Sun 28 Feb 2027 → safe Fri 26 Feb 2027") << iso("2027-02-28") << Region::EnglandWales
                                                                       << iso("2027-02-26");
    QTest::addRow("T14: s.11 limb strict Sun 12 Nov 2028 → safe Fri 10 Nov 2028")
        << iso("2028-11-12") << Region::EnglandWales << iso("2028-11-10");
    QTest::addRow("T11: Good Friday 3 Apr 2026 → Thu 2 Apr 2026") << iso("2026-04-03") << Region::EnglandWales
                                                                  << iso("2026-04-02");
    QTest::addRow("Pritam Kaur: expiry Sat 5 Sep 1970 → safe Fri 4 Sep 1970") << iso("1970-09-05")
                                                                              << Region::EnglandWales << iso("1970-09-04");
    QTest::addRow("an open day is its own safe date: T14 HRA Wed 11 Nov 2026") << iso("2026-11-11")
                                                                               << Region::EnglandWales << iso("2026-11-11");
    QTest::addRow("Scotland: Thu 2 Jan 2025 is a Scottish holiday → Tue 31 Dec 2024")
        << iso("2025-01-02") << Region::Scotland << iso("2024-12-31");
    QTest::addRow("England & Wales: Thu 2 Jan 2025 is an open day") << iso("2025-01-02") << Region::EnglandWales
                                                                    << iso("2025-01-02");
    QTest::addRow("Northern Ireland: St Patrick's Day Mon 17 Mar 2025 → Fri 14 Mar 2025")
        << iso("2025-03-17") << Region::NorthernIreland << iso("2025-03-14");
}

void DateRulesTest::lastOpenDayOnOrBefore()
{
    QFETCH(QDate, day);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastOpenDayOnOrBefore(day, calendar(), region), expected);
}

void DateRulesTest::openDayOnOrAfter_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("Pritam Kaur: expiry Sat 5 Sep 1970 → writ Mon 7 Sep 1970 in time")
        << iso("1970-09-05") << Region::EnglandWales << iso("1970-09-07");
    QTest::addRow("Matthew v Sedman: expiry Fri 2 Jun 2017 was an open day, so issue Mon 5 Jun 2017 was late")
        << iso("2017-06-02") << Region::EnglandWales << iso("2017-06-02");
    QTest::addRow("T1: Sun 14 Jan 2024 → Mon 15 Jan 2024") << iso("2024-01-14") << Region::EnglandWales
                                                           << iso("2024-01-15");
    QTest::addRow("T2: Boxing Day Fri 26 Dec 2025 → Mon 29 Dec 2025") << iso("2025-12-26") << Region::EnglandWales
                                                                      << iso("2025-12-29");
    QTest::addRow("T3: New Year's Day Fri 1 Jan 2027 → Mon 4 Jan 2027") << iso("2027-01-01") << Region::EnglandWales
                                                                        << iso("2027-01-04");
    QTest::addRow("T11: Good Friday 3 Apr 2026 → Tue 7 Apr 2026 (Easter Monday closed too)")
        << iso("2026-04-03") << Region::EnglandWales << iso("2026-04-07");
    QTest::addRow("Scotland: Good Friday 3 Apr 2026 → Mon 6 Apr 2026 (no Easter Monday holiday in Scotland)")
        << iso("2026-04-03") << Region::Scotland << iso("2026-04-06");
    QTest::addRow("Scotland: Thu 1 Jan 2026 → Mon 5 Jan 2026 (1 and 2 Jan both holidays)")
        << iso("2026-01-01") << Region::Scotland << iso("2026-01-05");
}

void DateRulesTest::openDayOnOrAfter()
{
    QFETCH(QDate, day);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::openDayOnOrAfter(day, calendar(), region), expected);
}

void DateRulesTest::lastBusinessDayOnOrBefore_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T10: CPR 7.5 last day Sat 28 Feb 2026 → last business day Fri 27 Feb 2026")
        << iso("2026-02-28") << Region::EnglandWales << iso("2026-02-27");
    QTest::addRow("T15: CICA by Sat 14 Aug 2027 → Fri 13 Aug 2027") << iso("2027-08-14") << Region::EnglandWales
                                                                    << iso("2027-08-13");
    QTest::addRow("T15: CICA by Mon 3 Jan 2028 (New Year substitute) → Fri 31 Dec 2027")
        << iso("2028-01-03") << Region::EnglandWales << iso("2027-12-31");
    QTest::addRow("a business day is its own answer: Wed 25 Feb 2026") << iso("2026-02-25") << Region::EnglandWales
                                                                       << iso("2026-02-25");
}

void DateRulesTest::lastBusinessDayOnOrBefore()
{
    QFETCH(QDate, day);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::lastBusinessDayOnOrBefore(day, calendar(), region), expected);
}

void DateRulesTest::businessDayOnOrAfter_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T12: Christmas Day Thu 25 Dec 2025 → Mon 29 Dec 2025 (Boxing Day, weekend)")
        << iso("2025-12-25") << Region::EnglandWales << iso("2025-12-29");
    QTest::addRow("T8 earliest reading: Sat 19 Apr 2025 → Tue 22 Apr 2025 (Easter Monday)")
        << iso("2025-04-19") << Region::EnglandWales << iso("2025-04-22");
    QTest::addRow("T10: Sun 1 Mar 2026 → Mon 2 Mar 2026") << iso("2026-03-01") << Region::EnglandWales
                                                          << iso("2026-03-02");
    QTest::addRow("T18: chase for Sun 15 Mar 2026 → Mon 16 Mar 2026") << iso("2026-03-15") << Region::EnglandWales
                                                                      << iso("2026-03-16");
    QTest::addRow("a business day is its own answer: Wed 25 Feb 2026") << iso("2026-02-25") << Region::EnglandWales
                                                                       << iso("2026-02-25");
    QTest::addRow("England & Wales: Thu 1 Jan 2026 → Fri 2 Jan 2026") << iso("2026-01-01") << Region::EnglandWales
                                                                      << iso("2026-01-02");
    QTest::addRow("Scotland: Thu 1 Jan 2026 → Mon 5 Jan 2026 (2 Jan is a Scottish holiday)")
        << iso("2026-01-01") << Region::Scotland << iso("2026-01-05");
    QTest::addRow("Northern Ireland: Battle of the Boyne Sun 12 Jul 2026 → Tue 14 Jul 2026 (Mon 13 substitute)")
        << iso("2026-07-12") << Region::NorthernIreland << iso("2026-07-14");
}

void DateRulesTest::businessDayOnOrAfter()
{
    QFETCH(QDate, day);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::businessDayOnOrAfter(day, calendar(), region), expected);
}

void DateRulesTest::addBusinessDays_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<int>("count");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("T8: 2 business days after Thu 17 Apr 2025 = Wed 23 Apr 2025 (Good Friday, Easter Monday)")
        << iso("2025-04-17") << 2 << Region::EnglandWales << iso("2025-04-23");
    QTest::addRow("T8: 1 business day after Thu 17 Apr 2025 = Tue 22 Apr 2025") << iso("2025-04-17") << 1
                                                                                << Region::EnglandWales
                                                                                << iso("2025-04-22");
    QTest::addRow("T17: next business day after Fri 19 Dec 2025 = Mon 22 Dec 2025")
        << iso("2025-12-19") << 1 << Region::EnglandWales << iso("2025-12-22");
    QTest::addRow("next business day after Christmas Eve 2025 = Mon 29 Dec 2025") << iso("2025-12-24") << 1
                                                                                   << Region::EnglandWales
                                                                                   << iso("2025-12-29");
    QTest::addRow("the start day is never counted, even a business day: Mon 6 Oct 2025 + 2 = Wed 8 Oct 2025")
        << iso("2025-10-06") << 2 << Region::EnglandWales << iso("2025-10-08");
    QTest::addRow("England & Wales: 1 business day after Wed 31 Dec 2025 = Fri 2 Jan 2026")
        << iso("2025-12-31") << 1 << Region::EnglandWales << iso("2026-01-02");
    QTest::addRow("Scotland: 1 business day after Wed 31 Dec 2025 = Mon 5 Jan 2026 (1 and 2 Jan)")
        << iso("2025-12-31") << 1 << Region::Scotland << iso("2026-01-05");
}

void DateRulesTest::addBusinessDays()
{
    QFETCH(QDate, day);
    QFETCH(int, count);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::addBusinessDays(day, count, calendar(), region), expected);
}

void DateRulesTest::courtClosureDaysCloseTheCourtButNotBusiness()
{
    // P8: the firm may add ad-hoc court closure days (e.g. Christmas Eve). They close the court office
    // (safe dates, roll-forward) but are not bank holidays, so CPR business days are unchanged.
    const HolidayCalendar withClosure
        = calendar().withCourtClosures({Holiday {iso("2026-12-24"), QStringLiteral("Christmas Eve closure")}});
    COMPARE_DATE(deadlines::lastOpenDayOnOrBefore(iso("2026-12-24"), withClosure, Region::EnglandWales),
                 iso("2026-12-23"));
    COMPARE_DATE(deadlines::openDayOnOrAfter(iso("2026-12-24"), withClosure, Region::EnglandWales), iso("2026-12-29"));
    COMPARE_DATE(deadlines::lastBusinessDayOnOrBefore(iso("2026-12-24"), withClosure, Region::EnglandWales),
                 iso("2026-12-24"));
    COMPARE_DATE(deadlines::businessDayOnOrAfter(iso("2026-12-24"), withClosure, Region::EnglandWales),
                 iso("2026-12-24"));
    // Without the closure, Christmas Eve 2026 (a Thursday) is an ordinary open day.
    COMPARE_DATE(deadlines::lastOpenDayOnOrBefore(iso("2026-12-24"), calendar(), Region::EnglandWales),
                 iso("2026-12-24"));
}

void DateRulesTest::openAndBusinessDayFunctionsAgreeWithTheCalendar()
{
    // Over ten years and every region: the "on or before"/"on or after" functions return the nearest open
    // (business) day, and addBusinessDays(d, 1) is the first business day after d.
    const Region regions[] = {Region::EnglandWales, Region::Scotland, Region::NorthernIreland};
    for (const Region region : regions) {
        for (QDate day = iso("2020-01-01"); day <= iso("2029-12-31"); day = day.addDays(1)) {
            const QDate before = deadlines::lastOpenDayOnOrBefore(day, calendar(), region);
            const QDate after = deadlines::openDayOnOrAfter(day, calendar(), region);
            QVERIFY2(before <= day && calendar().isOpenDay(region, before), qPrintable(show(day)));
            QVERIFY2(after >= day && calendar().isOpenDay(region, after), qPrintable(show(day)));
            for (QDate d = before.addDays(1); d <= day; d = d.addDays(1)) {
                QVERIFY2(!calendar().isOpenDay(region, d), qPrintable(show(day)));
            }
            for (QDate d = day; d < after; d = d.addDays(1)) {
                QVERIFY2(!calendar().isOpenDay(region, d), qPrintable(show(day)));
            }
            const QDate next = deadlines::addBusinessDays(day, 1, calendar(), region);
            COMPARE_DATE(next, deadlines::businessDayOnOrAfter(day.addDays(1), calendar(), region));
        }
    }
}

// --- P6 ------------------------------------------------------------------------------------------------------

void DateRulesTest::cprDaysAfter_data()
{
    QTest::addColumn<QDate>("eventDay");
    QTest::addColumn<int>("days");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("CPR 2.8 example (iii): particulars within 14 days of service on 2 Oct → 16 Oct")
        << iso("2023-10-02") << 14 << Region::EnglandWales << iso("2023-10-16");
    QTest::addRow("CPR 2.8 example (ii): 28 clear days after notice on 1 Oct end 29 Oct (earliest hearing 30 Oct)")
        << iso("2023-10-01") << 28 << Region::EnglandWales << iso("2023-10-29");
    QTest::addRow("T8: AoS 14 days after deemed service Wed 23 Apr 2025 = Wed 7 May 2025 (bank holiday counted)")
        << iso("2025-04-23") << 14 << Region::EnglandWales << iso("2025-05-07");
    QTest::addRow("T8: defence 28 days after Wed 23 Apr 2025 = Wed 21 May 2025")
        << iso("2025-04-23") << 28 << Region::EnglandWales << iso("2025-05-21");
    QTest::addRow("T11: defence 28 days after Fri 6 Mar 2026 = Fri 3 Apr 2026 (Good Friday, before rolling)")
        << iso("2026-03-06") << 28 << Region::EnglandWales << iso("2026-04-03");
    QTest::addRow("T17: 21 days after Mon 22 Dec 2025 = Mon 12 Jan 2026 (>5 days ignores Christmas)")
        << iso("2025-12-22") << 21 << Region::EnglandWales << iso("2026-01-12");
    QTest::addRow("6 days counts every calendar day: Thu 17 Apr 2025 + 6 = Wed 23 Apr 2025 over Easter")
        << iso("2025-04-17") << 6 << Region::EnglandWales << iso("2025-04-23");
    QTest::addRow("5 days skips weekends and holidays: Thu 17 Apr 2025 + 5 = Mon 28 Apr 2025")
        << iso("2025-04-17") << 5 << Region::EnglandWales << iso("2025-04-28");
    QTest::addRow("5 days over Christmas: Fri 19 Dec 2025 + 5 = Tue 30 Dec 2025")
        << iso("2025-12-19") << 5 << Region::EnglandWales << iso("2025-12-30");
    QTest::addRow("3 days after Christmas Eve 2025 = Wed 31 Dec 2025") << iso("2025-12-24") << 3 << Region::EnglandWales
                                                                       << iso("2025-12-31");
    QTest::addRow("1 day after a Friday is the Monday") << iso("2025-10-03") << 1 << Region::EnglandWales
                                                        << iso("2025-10-06");
    QTest::addRow("Scotland, 2 days after Wed 31 Dec 2025 = Tue 6 Jan 2026 (1 and 2 Jan skipped)")
        << iso("2025-12-31") << 2 << Region::Scotland << iso("2026-01-06");
    QTest::addRow("England & Wales, 2 days after Wed 31 Dec 2025 = Mon 5 Jan 2026")
        << iso("2025-12-31") << 2 << Region::EnglandWales << iso("2026-01-05");
}

void DateRulesTest::cprDaysAfter()
{
    QFETCH(QDate, eventDay);
    QFETCH(int, days);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::cprDaysAfter(eventDay, days, calendar(), region), expected);
}

void DateRulesTest::cprLastDayBefore_data()
{
    QTest::addColumn<QDate>("eventDay");
    QTest::addColumn<int>("clearDays");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    QTest::addRow("CPR 2.8 example (i): 3 days before a hearing on Fri 20 Oct 2023 → serve by Mon 16 Oct 2023")
        << iso("2023-10-20") << 3 << Region::EnglandWales << iso("2023-10-16");
    QTest::addRow("CPR 2.8 example (iv): 3 days before a hearing on Mon 20 Oct 2025 → serve by Tue 14 Oct 2025")
        << iso("2025-10-20") << 3 << Region::EnglandWales << iso("2025-10-14");
    QTest::addRow("T9: 3 days before a hearing on Tue 22 Apr 2025 → Mon 14 Apr 2025 (Good Friday, Easter Monday)")
        << iso("2025-04-22") << 3 << Region::EnglandWales << iso("2025-04-14");
    QTest::addRow("2 days before Tue 30 Dec 2025 → Tue 23 Dec 2025 (Christmas, Boxing Day, weekend skipped)")
        << iso("2025-12-30") << 2 << Region::EnglandWales << iso("2025-12-23");
    QTest::addRow("14 clear days before Fri 31 Oct 2025 → Thu 16 Oct 2025 (every day counts)")
        << iso("2025-10-31") << 14 << Region::EnglandWales << iso("2025-10-16");
    QTest::addRow("7 clear days before Tue 12 May 2026 → Mon 4 May 2026, a bank holiday (no roll-back over 5 days)")
        << iso("2026-05-12") << 7 << Region::EnglandWales << iso("2026-05-04");
    QTest::addRow("Scotland: 3 days before Wed 7 Jan 2026 → Tue 30 Dec 2025 (6 Jan, 5 Jan, 31 Dec counted; 1 and 2 Jan not)")
        << iso("2026-01-07") << 3 << Region::Scotland << iso("2025-12-30");
}

void DateRulesTest::cprLastDayBefore()
{
    QFETCH(QDate, eventDay);
    QFETCH(int, clearDays);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::cprLastDayBefore(eventDay, clearDays, calendar(), region), expected);
}

// --- P9 ------------------------------------------------------------------------------------------------------

void DateRulesTest::deemedServiceOfClaimForm_data()
{
    QTest::addColumn<QDate>("stepDay");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("deemed");
    QTest::addColumn<QDate>("earliestReading");

    QTest::addRow("T8: step Thu 17 Apr 2025 → deemed Wed 23 Apr 2025; other reading Tue 22 Apr 2025")
        << iso("2025-04-17") << Region::EnglandWales << iso("2025-04-23") << iso("2025-04-22");
    QTest::addRow("U9: a Friday posting, Fri 3 Oct 2025 → deemed Tue 7 Oct; other reading Mon 6 Oct")
        << iso("2025-10-03") << Region::EnglandWales << iso("2025-10-07") << iso("2025-10-06");
    QTest::addRow("midweek step Mon 6 Oct 2025: both readings give Wed 8 Oct 2025")
        << iso("2025-10-06") << Region::EnglandWales << iso("2025-10-08") << iso("2025-10-08");
    QTest::addRow("Christmas: step Wed 24 Dec 2025 → deemed Tue 30 Dec 2025; other reading Mon 29 Dec 2025")
        << iso("2025-12-24") << Region::EnglandWales << iso("2025-12-30") << iso("2025-12-29");
    QTest::addRow("England & Wales: step Tue 30 Dec 2025 → deemed Fri 2 Jan 2026")
        << iso("2025-12-30") << Region::EnglandWales << iso("2026-01-02") << iso("2026-01-02");
    QTest::addRow("Scotland: step Tue 30 Dec 2025 → deemed Mon 5 Jan 2026 (1 and 2 Jan are not business days)")
        << iso("2025-12-30") << Region::Scotland << iso("2026-01-05") << iso("2026-01-05");
}

void DateRulesTest::deemedServiceOfClaimForm()
{
    QFETCH(QDate, stepDay);
    QFETCH(Region, region);
    QFETCH(QDate, deemed);
    QFETCH(QDate, earliestReading);
    const ClaimFormService service = deadlines::deemedServiceOfClaimForm(stepDay, calendar(), region);
    COMPARE_DATE(service.deemed, deemed);
    COMPARE_DATE(service.earliestReading, earliestReading);
    QVERIFY(service.earliestReading <= service.deemed);
}

void DateRulesTest::deemedServiceOfDocument_data()
{
    QTest::addColumn<QDateTime>("sentAt");
    QTest::addColumn<ServiceMethod>("method");
    QTest::addColumn<Region>("region");
    QTest::addColumn<QDate>("expected");

    // First-class post and DX: the second day after posting if a business day, else the next business day.
    QTest::addRow("T10: PoC posted Fri 27 Feb 2026 → second day Sun 1 Mar → Mon 2 Mar 2026")
        << at("2026-02-27T10:00") << ServiceMethod::FirstClassPost << Region::EnglandWales << iso("2026-03-02");
    QTest::addRow("post Mon 6 Oct 2025 → second day after, Wed 8 Oct 2025") << at("2025-10-06T09:00")
                                                                            << ServiceMethod::FirstClassPost
                                                                            << Region::EnglandWales << iso("2025-10-08");
    QTest::addRow("post after 4.30 pm makes no difference: Mon 6 Oct 2025 23:00 → Wed 8 Oct 2025")
        << at("2025-10-06T23:00") << ServiceMethod::FirstClassPost << Region::EnglandWales << iso("2025-10-08");
    QTest::addRow("post Thu 17 Apr 2025 → Sat 19 → Tue 22 Apr 2025 (Easter Monday)")
        << at("2025-04-17T11:00") << ServiceMethod::FirstClassPost << Region::EnglandWales << iso("2025-04-22");
    QTest::addRow("post Sat 4 Oct 2025 → second day Mon 6 Oct 2025, a business day")
        << at("2025-10-04T10:00") << ServiceMethod::FirstClassPost << Region::EnglandWales << iso("2025-10-06");
    QTest::addRow("DX Tue 23 Dec 2025 → Christmas Day → Mon 29 Dec 2025") << at("2025-12-23T10:00")
                                                                          << ServiceMethod::DocumentExchange
                                                                          << Region::EnglandWales << iso("2025-12-29");
    // E-mail, fax, personal service, leaving at the address: before 4.30 pm on a business day, that day.
    QTest::addRow("T17: Part 36 offer e-mailed 17:10 Fri 19 Dec 2025 → Mon 22 Dec 2025")
        << at("2025-12-19T17:10") << ServiceMethod::Email << Region::EnglandWales << iso("2025-12-22");
    QTest::addRow("e-mail 16:29 Fri 19 Dec 2025 → same day") << at("2025-12-19T16:29") << ServiceMethod::Email
                                                             << Region::EnglandWales << iso("2025-12-19");
    QTest::addRow("e-mail at exactly 16:30 is not before 4.30 pm → Mon 22 Dec 2025")
        << at("2025-12-19T16:30") << ServiceMethod::Email << Region::EnglandWales << iso("2025-12-22");
    QTest::addRow("e-mail on Sat 20 Dec 2025 10:00 → Mon 22 Dec 2025") << at("2025-12-20T10:00") << ServiceMethod::Email
                                                                       << Region::EnglandWales << iso("2025-12-22");
    QTest::addRow("e-mail on the early May bank holiday, Mon 5 May 2025 10:00 → Tue 6 May 2025")
        << at("2025-05-05T10:00") << ServiceMethod::Email << Region::EnglandWales << iso("2025-05-06");
    QTest::addRow("T11: PoC e-mailed 10:00 Fri 6 Mar 2026 → same day") << at("2026-03-06T10:00") << ServiceMethod::Email
                                                                       << Region::EnglandWales << iso("2026-03-06");
    QTest::addRow("fax 16:00 Thu 17 Apr 2025 → same day") << at("2025-04-17T16:00") << ServiceMethod::Fax
                                                          << Region::EnglandWales << iso("2025-04-17");
    QTest::addRow("personal service 11:00 Wed 24 Dec 2025 → same day") << at("2025-12-24T11:00")
                                                                       << ServiceMethod::Personal
                                                                       << Region::EnglandWales << iso("2025-12-24");
    QTest::addRow("personal service 18:00 Wed 24 Dec 2025 → Mon 29 Dec 2025") << at("2025-12-24T18:00")
                                                                              << ServiceMethod::Personal
                                                                              << Region::EnglandWales
                                                                              << iso("2025-12-29");
    QTest::addRow("left at the address 09:00 on Good Friday 18 Apr 2025 → Tue 22 Apr 2025")
        << at("2025-04-18T09:00") << ServiceMethod::LeaveAtAddress << Region::EnglandWales << iso("2025-04-22");
    QTest::addRow("Scotland: e-mail 10:00 Fri 2 Jan 2026 (Scottish holiday) → Mon 5 Jan 2026")
        << at("2026-01-02T10:00") << ServiceMethod::Email << Region::Scotland << iso("2026-01-05");
    QTest::addRow("England & Wales: e-mail 10:00 Fri 2 Jan 2026 → same day") << at("2026-01-02T10:00")
                                                                             << ServiceMethod::Email
                                                                             << Region::EnglandWales
                                                                             << iso("2026-01-02");
}

void DateRulesTest::deemedServiceOfDocument()
{
    QFETCH(QDateTime, sentAt);
    QFETCH(ServiceMethod, method);
    QFETCH(Region, region);
    QFETCH(QDate, expected);
    COMPARE_DATE(deadlines::deemedServiceOfDocument(sentAt, method, calendar(), region), expected);
}

// --- Words ----------------------------------------------------------------------------------------------------

void DateRulesTest::ukDate_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("expected");

    QTest::addRow("T1 strict date") << iso("2024-01-14") << QStringLiteral("Sun 14 Jan 2024");
    QTest::addRow("single-digit day, no leading zero") << iso("2026-03-02") << QStringLiteral("Mon 2 Mar 2026");
    QTest::addRow("Pritam Kaur expiry") << iso("1970-09-05") << QStringLiteral("Sat 5 Sep 1970");
    QTest::addRow("leap day") << iso("2024-02-29") << QStringLiteral("Thu 29 Feb 2024");
    QTest::addRow("Christmas Day 2025") << iso("2025-12-25") << QStringLiteral("Thu 25 Dec 2025");
}

void DateRulesTest::ukDate()
{
    QFETCH(QDate, date);
    QFETCH(QString, expected);
    QCOMPARE(deadlines::ukDate(date), expected);
}

void DateRulesTest::ukTime_data()
{
    QTest::addColumn<QTime>("time");
    QTest::addColumn<QString>("expected");

    QTest::addRow("T17 e-mail time") << QTime(17, 10) << QStringLiteral("17:10");
    QTest::addRow("morning, zero-padded") << QTime(9, 5) << QStringLiteral("09:05");
    QTest::addRow("CPR 6.26 cut-off") << QTime(16, 30) << QStringLiteral("16:30");
}

void DateRulesTest::ukTime()
{
    QFETCH(QTime, time);
    QFETCH(QString, expected);
    QCOMPARE(deadlines::ukTime(time), expected);
}

void DateRulesTest::serviceMethodIdsFollowTheCliContract()
{
    QCOMPARE(serviceMethodId(ServiceMethod::FirstClassPost), QStringLiteral("first-class-post"));
    QCOMPARE(serviceMethodId(ServiceMethod::DocumentExchange), QStringLiteral("document-exchange"));
    QCOMPARE(serviceMethodId(ServiceMethod::Personal), QStringLiteral("personal"));
    QCOMPARE(serviceMethodId(ServiceMethod::LeaveAtAddress), QStringLiteral("leave-at-address"));
    QCOMPARE(serviceMethodId(ServiceMethod::Email), QStringLiteral("email"));
    QCOMPARE(serviceMethodId(ServiceMethod::Fax), QStringLiteral("fax"));
    QCOMPARE(kServiceCutoffMinutes, 16 * 60 + 30);
}

QTEST_GUILESS_MAIN(DateRulesTest)
#include "tst_date_rules.moc"
