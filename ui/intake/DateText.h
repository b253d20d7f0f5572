#pragma once

#include "cases/CaseTypes.h"

#include <QDate>
#include <QString>

namespace claimdesk::ui {

// A date as a person types it at intake: "14/03/1998", "14 Mar 1998", "Mar 1998", "03/1998", "1998" or
// "about 1998". The precision follows from what was typed.
struct TypedDate {
    enum class Status { Empty, Valid, Invalid };
    Status status = Status::Empty;
    QDate date;  // the first day of the month or year for partial dates
    core::DatePrecision precision = core::DatePrecision::Day;
    QString problem;  // what to fix, when Invalid

    bool isValid() const { return status == Status::Valid; }
    bool isEmpty() const { return status == Status::Empty; }
};

enum class DateEntry { FullDate, PartialAllowed };

// Parses what was typed. A day that does not exist ("31/02/1990") is a problem, never rolled over.
TypedDate parseTypedDate(const QString& text, DateEntry entry);

// UK style for people: "27 Nov 2026", "Nov 2026", "2026", "around 2005".
QString formatUkDate(const QDate& date, core::DatePrecision precision = core::DatePrecision::Day);

}  // namespace claimdesk::ui
