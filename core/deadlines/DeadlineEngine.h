#pragma once

#include "deadlines/EngineTypes.h"

#include <QList>
#include <QString>

namespace claimdesk::core::deadlines {

class HolidayCalendar;

// A problem with the engine's input, named by its field path: `incidents[0].end`.
struct InputProblem {
    QString field;
    QString message;  // `"2014-01-01" is before the start "2015-03-01"`
    QString line() const { return field + QStringLiteral(": ") + message; }
};

// The deadline engine (DOMAIN.md §1–4, §6.4): limitation per incident, CICA, pre-action protocol, CPR service
// and response periods, Part 36, subject access requests, Rehabilitation Code replies and standstill expiry.
// Pure and deterministic: `asOf` and the calendar are inputs; nothing reads the clock; the result does not
// depend on the order of incidents or events. Every date comes with numbered plain-English steps.
class DeadlineEngine {
public:
    explicit DeadlineEngine(const HolidayCalendar& calendar);

    // Bumped when the engine's code changes a result; stored with every computed deadline.
    static QString engineVersion();
    // Bumped when a rule's constants or law-change dates change (e.g. CICA time limits, s.11ZA commencement).
    static QString rulesVersion();
    // The day LA 1980 s.11ZA came into force (Crime and Policing Act 2026 s.96): 29 Jun 2026.
    static QDate s11zaCommencement();

    // Problems that make the input unusable (an end before a start, an incident after asOf, a Part 36 offer
    // with a relevant period under 21 days, a second claim form issue date …). Empty when the input is good.
    QList<InputProblem> validate(const EngineInput& input) const;

    // The result for a valid input (call validate() first; invalid parts are skipped, never guessed).
    EngineResult compute(const EngineInput& input) const;

private:
    const HolidayCalendar& m_calendar;
};

}  // namespace claimdesk::core::deadlines
