#pragma once

#include "deadlines/EngineTypes.h"

// Internal to core/deadlines: what the limitation rules and the procedural rules share.
namespace claimdesk::core::deadlines::detail {

struct Context {
    const EngineInput& input;
    const HolidayCalendar& calendar;
};

// "England & Wales", "Scotland", "Northern Ireland"
QString regionName(Region region);
// Why the court office (court = true) or business in general is closed that day: "a Sunday",
// "Good Friday, a bank holiday", "a court closure day (Christmas Eve closure)". Empty when open.
QString closedReason(const QDate& day, const HolidayCalendar& calendar, Region region, bool court);

// The earliest and latest day a date given to a month or a year can mean.
QDate earliestDay(const QDate& given, Precision precision);
QDate latestDay(const QDate& given, Precision precision);
// The latest day an incident can have ended: its end read at the end's precision, or (no end) its start read
// at the start's precision ("March 2015" may have lasted to 31 Mar 2015).
QDate latestEnd(const IncidentFacts& incident);
QString precisionWords(const QDate& given, Precision precision);  // "known only to the month (Mar 2015)"

// How a period that ends on a closed day is treated.
enum class Rolling {
    None,  // not an act at the court office (service, protocol steps, CICA): no roll-forward
    CourtOffice,  // CPR 2.8(5) / Pritam Kaur: an act at the court office may be done on the next open day
    NextWorkingDay,  // tribunal rules, ICO guidance: the period itself extends to the next working day
};

// Completes a deadline whose rule, title, party, strictDate and explanation so far are set: the safe date
// (last open/business day on or before), the roll-forward date, the date to act on, the expiry against
// asOf, and the explanation steps that say why.
void finishDeadline(DeadlineEntry& entry, Region region, Rolling rolling, const Context& context);

// The closing steps shared by limitation entries: safe date and roll-forward, with reasons.
void explainClosedDays(QStringList& steps, const QDate& strict, const QDate& safe, const std::optional<QDate>& roll,
                       const QString& rollNote, const HolidayCalendar& calendar, Region region, bool court);

QList<LimitationEntry> limitationEntries(const Context& context);
void addProceduralDeadlines(const Context& context, EngineResult& result);

}  // namespace claimdesk::core::deadlines::detail
