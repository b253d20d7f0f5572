#include "deadlines/RuleSupport.h"

#include "deadlines/DateRules.h"
#include "deadlines/HolidayCalendar.h"

namespace claimdesk::core::deadlines::detail {

QString regionName(Region region)
{
    switch (region) {
    case Region::EnglandWales:
        return QStringLiteral("England & Wales");
    case Region::Scotland:
        return QStringLiteral("Scotland");
    case Region::NorthernIreland:
        return QStringLiteral("Northern Ireland");
    }
    return {};
}

QString closedReason(const QDate& day, const HolidayCalendar& calendar, Region region, bool court)
{
    if (day.dayOfWeek() == Qt::Saturday) {
        return QStringLiteral("a Saturday");
    }
    if (day.dayOfWeek() == Qt::Sunday) {
        return QStringLiteral("a Sunday");
    }
    const QString holiday = calendar.holidayName(region, day);
    if (!holiday.isEmpty()) {
        return QStringLiteral("%1, a bank holiday in %2").arg(holiday, regionName(region));
    }
    if (court && !calendar.isOpenDay(region, day)) {
        for (const Holiday& closure : calendar.courtClosures()) {
            if (closure.date == day) {
                return QStringLiteral("a court closure day (%1)").arg(closure.name);
            }
        }
        return QStringLiteral("a court closure day");
    }
    return {};
}

QDate earliestDay(const QDate& given, Precision precision)
{
    switch (precision) {
    case Precision::Day:
        return given;
    case Precision::Month:
        return QDate(given.year(), given.month(), 1);
    case Precision::Year:
        return QDate(given.year(), 1, 1);
    }
    return given;
}

QDate latestDay(const QDate& given, Precision precision)
{
    switch (precision) {
    case Precision::Day:
        return given;
    case Precision::Month:
        return QDate(given.year(), given.month(), given.daysInMonth());
    case Precision::Year:
        return QDate(given.year(), 12, 31);
    }
    return given;
}

QDate latestEnd(const IncidentFacts& incident)
{
    if (incident.end) {
        return latestDay(*incident.end, incident.endPrecision.value_or(incident.precision));
    }
    return incident.start ? latestDay(*incident.start, incident.precision) : QDate();
}

QString precisionWords(const QDate& given, Precision precision)
{
    switch (precision) {
    case Precision::Day:
        return ukDate(given);
    case Precision::Month:
        return QStringLiteral("known only to the month (%1 %2)")
            .arg(ukMonth(given.month()))
            .arg(given.year());
    case Precision::Year:
        return QStringLiteral("known only to the year (%1)").arg(given.year());
    }
    return {};
}

void explainClosedDays(QStringList& steps, const QDate& strict, const QDate& safe, const std::optional<QDate>& roll,
                       const QString& rollNote, const HolidayCalendar& calendar, Region region, bool court)
{
    const QString why = closedReason(strict, calendar, region, court);
    const QString place = court ? QStringLiteral("the court office is closed") : QStringLiteral("is not a business day");
    if (why.isEmpty()) {
        steps << QStringLiteral("%1 is %2, so the safe date to diarise is the same day.")
                     .arg(ukDate(strict), court ? QStringLiteral("a day the court office is open")
                                                : QStringLiteral("a business day"));
        return;
    }
    // Holidays and closure days between the safe date and the strict date are named too (weekends need not be).
    QStringList alsoClosed;
    for (QDate d = strict.addDays(-1); d > safe; d = d.addDays(-1)) {
        if (d.dayOfWeek() < Qt::Saturday) {
            alsoClosed << QStringLiteral("%1 is %2").arg(ukDate(d), closedReason(d, calendar, region, court));
        }
    }
    steps << QStringLiteral("%1 is %2, when %3.%4 Safe date (diarise this): %5, the last %6 before it.")
                 .arg(ukDate(strict), why, court ? place : QStringLiteral("offices are closed"),
                      alsoClosed.isEmpty() ? QString() : QStringLiteral(" ") + alsoClosed.join(QStringLiteral("; ")) + QLatin1Char('.'),
                      ukDate(safe), court ? QStringLiteral("open day") : QStringLiteral("business day"));
    if (roll) {
        steps << QStringLiteral("Roll-forward date: %1. %2").arg(ukDate(*roll), rollNote);
    } else if (!rollNote.isEmpty()) {
        steps << rollNote;
    }
}

void finishDeadline(DeadlineEntry& entry, Region region, Rolling rolling, const Context& context)
{
    const HolidayCalendar& calendar = context.calendar;
    const bool court = rolling == Rolling::CourtOffice;
    entry.safeDate = court ? lastOpenDayOnOrBefore(entry.strictDate, calendar, region)
                           : lastBusinessDayOnOrBefore(entry.strictDate, calendar, region);
    const bool strictOpen = court ? calendar.isOpenDay(region, entry.strictDate)
                                  : calendar.isBusinessDay(region, entry.strictDate);
    if (!strictOpen && court) {
        entry.rollForwardDate = openDayOnOrAfter(entry.strictDate.addDays(1), calendar, region);
    } else if (!strictOpen && rolling == Rolling::NextWorkingDay) {
        // Tribunal rules and ICO guidance: a period ending on a non-working day runs on to the next working day
        // (the analogue of CPR 2.8(5)); the firm still diarises the safe date when it must act.
        entry.rollForwardDate = businessDayOnOrAfter(entry.strictDate.addDays(1), calendar, region);
    }
    QString rollNote;
    switch (rolling) {
    case Rolling::CourtOffice:
        rollNote = QStringLiteral("An act at the court office may be done on the next day it is open (CPR 2.8(5)).");
        break;
    case Rolling::NextWorkingDay:
        rollNote = QStringLiteral("The period itself runs on to the next working day.");
        break;
    case Rolling::None:
        rollNote = QStringLiteral("This is not an act at the court office, so the period does not roll forward to the "
                                  "next open day.");
        break;
    }
    explainClosedDays(entry.explanation, entry.strictDate, entry.safeDate, entry.rollForwardDate, rollNote, calendar,
                      region, court);
    if (entry.party == ActingParty::Own) {
        entry.date = entry.safeDate;
        entry.explanation << QStringLiteral("The firm must act: the date to act on is the safe date, %1.")
                                 .arg(ukDate(entry.date));
    } else {
        entry.date = entry.rollForwardDate.value_or(entry.strictDate);
        entry.explanation << QStringLiteral("The other side must act: they are in time until the end of %1; take no "
                                            "step against them before then.")
                                 .arg(ukDate(entry.date));
        if (rolling == Rolling::None && !strictOpen) {
            // Protocol-style periods ending on a closed day: the date stays; the chase is the next business day.
            entry.chaseDate = businessDayOnOrAfter(entry.strictDate.addDays(1), calendar, region);
            entry.explanation << QStringLiteral("If nothing has arrived, chase on %1, the next business day.")
                                     .arg(ukDate(*entry.chaseDate));
        }
    }
    // ENGINE-CLI.md: expired means the as-of date is after the strict date.
    entry.expired = context.input.asOf > entry.strictDate;
}

}  // namespace claimdesk::core::deadlines::detail
