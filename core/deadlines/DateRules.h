#pragma once

#include "common/Region.h"

#include <QDate>
#include <QDateTime>
#include <QString>

// The date primitives of DOMAIN.md §1 (P1–P9), implemented once. Every rule in the deadline engine is built
// from these; no other file does date arithmetic for deadlines. All functions are pure: the calendar and
// the dates are inputs, nothing reads the clock.
namespace claimdesk::core::deadlines {

class HolidayCalendar;

// --- Calendar months and years: the corresponding-date rule (P4, P5; Dodds v Walker) -------------------
// The same-numbered day of the target month, or that month's last day when it has no such day
// (31 Oct + 4 months = 28 Feb; 29 Feb + 1 year = 28 Feb). Qt's addMonths/addYears are not relied upon
// (DOMAIN U19): this is explicit and pinned by tests.
QDate addCalendarMonths(const QDate& date, int months);
QDate addCalendarYears(const QDate& date, int years);

// --- Periods ----------------------------------------------------------------------------------------
// P1: "N years/months FROM an event that happens during day D": D is not counted, so the period ends at the
// end of the corresponding date (Marren v Dawson Bentley). Accident 8 Nov 1954 + 3 years → 8 Nov 1957.
QDate lastDayOfYearsFrom(const QDate& eventDay, int years);
QDate lastDayOfMonthsFrom(const QDate& eventDay, int months);
// P2/P3: a period that BEGINS WITH day D (HRA s.7(5)), or that starts at the first moment of D (a midnight
// event such as attaining 18: Matthew v Sedman): D is counted, so the period ends the day before the
// corresponding date. 18th birthday 2 Jan 2024 + 3 years → 1 Jan 2027.
QDate lastDayOfYearsBeginningWith(const QDate& firstDay, int years);
QDate lastDayOfMonthsBeginningWith(const QDate& firstDay, int months);

// --- Ages (P2, P5) ------------------------------------------------------------------------------------
// How a birthday on 29 February is kept in a common year: 28 February or 1 March (DOMAIN U2: unsettled in
// England & Wales; Scotland uses 1 March by statute). Rules compute both and take the earlier.
enum class LeapBirthday { Feb28, Mar1 };
// The day at whose first moment a person born on `dateOfBirth` attains `age` (Family Law Reform Act 1969 s.9).
QDate dayOfAttaining(const QDate& dateOfBirth, int age, LeapBirthday convention = LeapBirthday::Feb28);
// Whole years of age on `day` (at its start), with the earlier (28 Feb) leap-birthday convention.
int ageOn(const QDate& dateOfBirth, const QDate& day);

// --- Business and court-open days (P6, P7, P8) -------------------------------------------------------------
// The last court-open day on or before `day` (the "safe" date the firm diarises).
QDate lastOpenDayOnOrBefore(const QDate& day, const HolidayCalendar& calendar, Region region);
// `day` itself when the court office is open, else the next open day (CPR 2.8(5), Pritam Kaur).
QDate openDayOnOrAfter(const QDate& day, const HolidayCalendar& calendar, Region region);
// The last business day (CPR 6.2) on or before `day`: the safe date of acts not done at the court office.
QDate lastBusinessDayOnOrBefore(const QDate& day, const HolidayCalendar& calendar, Region region);
// `day` itself when it is a business day, else the next business day (CPR 6.2 business days).
QDate businessDayOnOrAfter(const QDate& day, const HolidayCalendar& calendar, Region region);
// The `count`-th business day after `day` (count >= 1; `day` itself is never counted).
QDate addBusinessDays(const QDate& day, int count, const HolidayCalendar& calendar, Region region);

// P6, CPR 2.8: "within N days after" event day E. Clear days: E is not counted. N <= 5: Saturdays, Sundays and
// bank holidays are not counted either; N >= 6: every calendar day counts. Returns the last day of the period.
QDate cprDaysAfter(const QDate& eventDay, int days, const HolidayCalendar& calendar, Region region);
// P6, CPR 2.8: "at least N (clear) days before" event day H: the last day on which the act may be done.
// Neither H nor the day of the act is counted; N <= 5 counts business days only and the result is rolled back
// to a business day. Notice 3 days before a hearing on Tue 22 Apr 2025 → Mon 14 Apr 2025.
QDate cprLastDayBefore(const QDate& eventDay, int clearDays, const HolidayCalendar& calendar, Region region);

// --- Service (P9; CPR 6.14, CPR 6.26) --------------------------------------------------------------------
enum class ServiceMethod { FirstClassPost, DocumentExchange, Personal, LeaveAtAddress, Email, Fax };
QString serviceMethodId(ServiceMethod method);  // "first-class-post", … (the CLI contract's spelling)
QString serviceMethodLabel(ServiceMethod method);  // "first-class post"

// CPR 6.26's 4.30 pm cut-off for delivery, personal service, fax and e-mail.
constexpr int kServiceCutoffMinutes = 16 * 60 + 30;

// CPR 6.14: a claim form is deemed served on the second business day after the step required by CPR 7.5 was
// taken, whatever the method. DOMAIN U9: a second reading (the second day after, if a business day, else the
// next business day) gives an earlier date; both are returned.
struct ClaimFormService {
    QDate deemed;  // two business days after the step (the usual reading; the later date)
    QDate earliestReading;  // the alternative reading (never later than `deemed`)
};
ClaimFormService deemedServiceOfClaimForm(const QDate& stepDay, const HolidayCalendar& calendar, Region region);

// CPR 6.26 table for documents other than the claim form: post and DX on the second day after posting if a
// business day, else the next business day; delivery, leaving, personal service, fax and e-mail on the same
// day if done on a business day before 4.30 pm, else the next business day.
QDate deemedServiceOfDocument(const QDateTime& sentAt, ServiceMethod method, const HolidayCalendar& calendar,
                              Region region);

// --- Words -------------------------------------------------------------------------------------------
// UK style with the weekday, for explanations: "Sun 14 Jan 2024". Independent of the system locale.
QString ukDate(const QDate& date);
// "Mar" for 3.
QString ukMonth(int month);
// The UI's and reports' date: "27 Nov 2026" (always "Sep", never the "Sept" of newer en-GB locale data); empty
// for an invalid date. ukMonthYear: "Nov 2026".
QString ukShortDate(const QDate& date);
QString ukMonthYear(const QDate& date);
// "17:10"
QString ukTime(const QTime& time);

}  // namespace claimdesk::core::deadlines
