#include "deadlines/DateRules.h"

#include "deadlines/HolidayCalendar.h"

#include <algorithm>

namespace claimdesk::core::deadlines {

QDate addCalendarMonths(const QDate& date, int months)
{
    if (!date.isValid()) {
        return {};
    }
    // Months since year 0, then back to a year and month: correct for negative `months` too.
    const int index = date.year() * 12 + (date.month() - 1) + months;
    const int year = index >= 0 ? index / 12 : (index - 11) / 12;
    const int month = index - year * 12 + 1;
    const int lastDay = QDate(year, month, 1).daysInMonth();
    return QDate(year, month, std::min(date.day(), lastDay));
}

QDate addCalendarYears(const QDate& date, int years)
{
    return addCalendarMonths(date, years * 12);
}

QDate lastDayOfYearsFrom(const QDate& eventDay, int years)
{
    return addCalendarYears(eventDay, years);
}

QDate lastDayOfMonthsFrom(const QDate& eventDay, int months)
{
    return addCalendarMonths(eventDay, months);
}

QDate lastDayOfYearsBeginningWith(const QDate& firstDay, int years)
{
    const QDate corresponding = addCalendarYears(firstDay, years);
    return corresponding.isValid() ? corresponding.addDays(-1) : QDate();
}

QDate lastDayOfMonthsBeginningWith(const QDate& firstDay, int months)
{
    const QDate corresponding = addCalendarMonths(firstDay, months);
    return corresponding.isValid() ? corresponding.addDays(-1) : QDate();
}

QDate dayOfAttaining(const QDate& dateOfBirth, int age, LeapBirthday convention)
{
    if (!dateOfBirth.isValid()) {
        return {};
    }
    const int year = dateOfBirth.year() + age;
    if (dateOfBirth.month() == 2 && dateOfBirth.day() == 29 && !QDate::isLeapYear(year)) {
        return convention == LeapBirthday::Feb28 ? QDate(year, 2, 28) : QDate(year, 3, 1);
    }
    return QDate(year, dateOfBirth.month(), dateOfBirth.day());
}

int ageOn(const QDate& dateOfBirth, const QDate& day)
{
    int age = day.year() - dateOfBirth.year();
    if (age > 0 && day < dayOfAttaining(dateOfBirth, age)) {
        --age;
    }
    return age;
}

QDate lastOpenDayOnOrBefore(const QDate& day, const HolidayCalendar& calendar, Region region)
{
    QDate d = day;
    while (d.isValid() && !calendar.isOpenDay(region, d)) {
        d = d.addDays(-1);
    }
    return d;
}

QDate openDayOnOrAfter(const QDate& day, const HolidayCalendar& calendar, Region region)
{
    QDate d = day;
    while (d.isValid() && !calendar.isOpenDay(region, d)) {
        d = d.addDays(1);
    }
    return d;
}

QDate lastBusinessDayOnOrBefore(const QDate& day, const HolidayCalendar& calendar, Region region)
{
    QDate d = day;
    while (d.isValid() && !calendar.isBusinessDay(region, d)) {
        d = d.addDays(-1);
    }
    return d;
}

QDate businessDayOnOrAfter(const QDate& day, const HolidayCalendar& calendar, Region region)
{
    QDate d = day;
    while (d.isValid() && !calendar.isBusinessDay(region, d)) {
        d = d.addDays(1);
    }
    return d;
}

QDate addBusinessDays(const QDate& day, int count, const HolidayCalendar& calendar, Region region)
{
    QDate d = day;
    for (int counted = 0; counted < count && d.isValid();) {
        d = d.addDays(1);
        if (calendar.isBusinessDay(region, d)) {
            ++counted;
        }
    }
    return d;
}

QDate cprDaysAfter(const QDate& eventDay, int days, const HolidayCalendar& calendar, Region region)
{
    if (days <= 5) {
        return addBusinessDays(eventDay, days, calendar, region);  // CPR 2.8(4)
    }
    return eventDay.addDays(days);  // CPR 2.8(2)-(3): clear days, every calendar day counts
}

QDate cprLastDayBefore(const QDate& eventDay, int clearDays, const HolidayCalendar& calendar, Region region)
{
    const bool shortPeriod = clearDays <= 5;
    QDate d = eventDay;
    for (int counted = 0; counted < clearDays && d.isValid();) {
        d = d.addDays(-1);
        if (!shortPeriod || calendar.isBusinessDay(region, d)) {
            ++counted;
        }
    }
    QDate last = d.addDays(-1);  // the act must be done before the earliest counted day
    if (shortPeriod) {
        while (last.isValid() && !calendar.isBusinessDay(region, last)) {
            last = last.addDays(-1);
        }
    }
    return last;
}

QString serviceMethodId(ServiceMethod method)
{
    switch (method) {
    case ServiceMethod::FirstClassPost:
        return QStringLiteral("first-class-post");
    case ServiceMethod::DocumentExchange:
        return QStringLiteral("document-exchange");
    case ServiceMethod::Personal:
        return QStringLiteral("personal");
    case ServiceMethod::LeaveAtAddress:
        return QStringLiteral("leave-at-address");
    case ServiceMethod::Email:
        return QStringLiteral("email");
    case ServiceMethod::Fax:
        return QStringLiteral("fax");
    }
    return {};
}

QString serviceMethodLabel(ServiceMethod method)
{
    switch (method) {
    case ServiceMethod::FirstClassPost:
        return QStringLiteral("first-class post");
    case ServiceMethod::DocumentExchange:
        return QStringLiteral("document exchange");
    case ServiceMethod::Personal:
        return QStringLiteral("personal service");
    case ServiceMethod::LeaveAtAddress:
        return QStringLiteral("leaving it at the address");
    case ServiceMethod::Email:
        return QStringLiteral("e-mail");
    case ServiceMethod::Fax:
        return QStringLiteral("fax");
    }
    return {};
}

ClaimFormService deemedServiceOfClaimForm(const QDate& stepDay, const HolidayCalendar& calendar, Region region)
{
    return ClaimFormService {addBusinessDays(stepDay, 2, calendar, region),
                             businessDayOnOrAfter(stepDay.addDays(2), calendar, region)};
}

QDate deemedServiceOfDocument(const QDateTime& sentAt, ServiceMethod method, const HolidayCalendar& calendar,
                              Region region)
{
    const QDate day = sentAt.date();
    switch (method) {
    case ServiceMethod::FirstClassPost:
    case ServiceMethod::DocumentExchange:
        return businessDayOnOrAfter(day.addDays(2), calendar, region);
    case ServiceMethod::Personal:
    case ServiceMethod::LeaveAtAddress:
    case ServiceMethod::Email:
    case ServiceMethod::Fax:
        break;
    }
    const QTime time = sentAt.time();
    const int minutes = time.hour() * 60 + time.minute();
    if (calendar.isBusinessDay(region, day) && minutes < kServiceCutoffMinutes) {
        return day;
    }
    return addBusinessDays(day, 1, calendar, region);
}

QString ukMonth(int month)
{
    static const char16_t* const kMonths[] = {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun",
                                              u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"};
    return month >= 1 && month <= 12 ? QString::fromUtf16(kMonths[month - 1]) : QString();
}

QString ukDate(const QDate& date)
{
    static const char16_t* const kDays[] = {u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"};
    if (!date.isValid()) {
        return QStringLiteral("(no date)");
    }
    return QString::fromUtf16(kDays[date.dayOfWeek() - 1]) + QLatin1Char(' ') + QString::number(date.day())
        + QLatin1Char(' ') + ukMonth(date.month()) + QLatin1Char(' ') + QString::number(date.year());
}

QString ukShortDate(const QDate& date)
{
    if (!date.isValid()) {
        return {};
    }
    return QString::number(date.day()) + QLatin1Char(' ') + ukMonthYear(date);
}

QString ukMonthYear(const QDate& date)
{
    return date.isValid() ? ukMonth(date.month()) + QLatin1Char(' ') + QString::number(date.year()) : QString();
}

QString ukTime(const QTime& time)
{
    return QStringLiteral("%1:%2").arg(time.hour(), 2, 10, QLatin1Char('0')).arg(time.minute(), 2, 10, QLatin1Char('0'));
}

}  // namespace claimdesk::core::deadlines
