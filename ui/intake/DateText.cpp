#include "ui/intake/DateText.h"

#include "deadlines/DateRules.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <array>

namespace claimdesk::ui {

namespace {

class DateText {
    Q_DECLARE_TR_FUNCTIONS(DateText)
public:
    static QString unreadable() { return tr("Not a date that can be read: try 14/03/1998, Mar 1998 or 1998."); }
    static QString fullDateNeeded() { return tr("Enter the whole date, for example 14/03/1985."); }
    static QString yearInFull() { return tr("Write the year in full, for example 1998."); }
    static QString noSuchMonth(int month) { return tr("There is no month %1: check the month.").arg(month); }
    static QString noSuchDay(int day, int month, int year)
    {
        return tr("There is no %1 %2 %3: check the day.")
            .arg(day)
            .arg(QLocale(QLocale::English, QLocale::UnitedKingdom).monthName(month))
            .arg(year);
    }
    static QString yearOutOfRange() { return tr("Check the year: it should be between 1900 and 2100."); }
    static QString around(const QString& year) { return tr("around %1").arg(year); }
};

// English month names and their common abbreviations: intake is in English whatever the desktop's locale.
int monthFromName(const QString& name)
{
    static const std::array<const char*, 12> names{"january", "february", "march",     "april",   "may",      "june",
                                                    "july",    "august",   "september", "october", "november", "december"};
    const QString lower = name.toLower();
    if (lower.size() < 3) {
        return 0;
    }
    if (lower == QStringLiteral("sept")) {
        return 9;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        const QString full = QString::fromLatin1(names[i]);
        if (full == lower || (lower.size() == 3 && full.startsWith(lower))) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

TypedDate invalid(const QString& problem)
{
    TypedDate t;
    t.status = TypedDate::Status::Invalid;
    t.problem = problem;
    return t;
}

TypedDate valid(const QDate& date, core::DatePrecision precision)
{
    TypedDate t;
    t.status = TypedDate::Status::Valid;
    t.date = date;
    t.precision = precision;
    return t;
}

// Checks the year, the month and the day, in that order, so the message names the part that is wrong.
TypedDate build(int year, int month, int day, core::DatePrecision precision)
{
    if (year < 1900 || year > 2100) {
        return invalid(DateText::yearOutOfRange());
    }
    if (month < 1 || month > 12) {
        return invalid(DateText::noSuchMonth(month));
    }
    const QDate date(year, month, day);
    if (!date.isValid()) {
        return invalid(DateText::noSuchDay(day, month, year));
    }
    return valid(date, precision);
}

}  // namespace

TypedDate parseTypedDate(const QString& text, DateEntry entry)
{
    QString s = text.simplified();
    if (s.isEmpty()) {
        return {};
    }
    using P = core::DatePrecision;
    static const QRegularExpression approxPrefix(
        QStringLiteral("^(?:about|around|approx\\.?|approximately|circa|c\\.|c|ca\\.?|~)\\s*(.+)$"),
        QRegularExpression::CaseInsensitiveOption);
    bool approximate = false;
    if (auto m = approxPrefix.match(s); m.hasMatch()) {
        approximate = true;
        s = m.captured(1).trimmed();
    }
    static const QRegularExpression dayMonthYear(QStringLiteral("^(\\d{1,2})[/.\\- ](\\d{1,2})[/.\\- ](\\d+)$"));
    static const QRegularExpression isoDate(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    static const QRegularExpression dayNameYear(
        QStringLiteral("^(\\d{1,2})(?:st|nd|rd|th)?\\s+([A-Za-z]+)\\.?,?\\s+(\\d+)$"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression nameYear(QStringLiteral("^([A-Za-z]+)\\.?,?\\s+(\\d+)$"));
    static const QRegularExpression monthYear(QStringLiteral("^(\\d{1,2})[/.\\-](\\d{4})$"));
    static const QRegularExpression yearOnly(QStringLiteral("^(\\d+)$"));

    TypedDate result;
    bool shortYear = false;
    auto yearOf = [&shortYear](const QString& digits) {
        if (digits.size() != 4) {
            shortYear = true;
        }
        return digits.toInt();
    };
    if (auto m = isoDate.match(s); m.hasMatch()) {
        result = build(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), P::Day);
    } else if (auto m2 = dayMonthYear.match(s); m2.hasMatch()) {
        const int year = yearOf(m2.captured(3));
        result = build(year, m2.captured(2).toInt(), m2.captured(1).toInt(), P::Day);
    } else if (auto m3 = dayNameYear.match(s); m3.hasMatch()) {
        const int month = monthFromName(m3.captured(2));
        if (month == 0) {
            return invalid(DateText::unreadable());
        }
        const int year = yearOf(m3.captured(3));
        result = build(year, month, m3.captured(1).toInt(), P::Day);
    } else if (auto m4 = nameYear.match(s); m4.hasMatch()) {
        const int month = monthFromName(m4.captured(1));
        if (month == 0) {
            return invalid(DateText::unreadable());
        }
        result = build(yearOf(m4.captured(2)), month, 1, P::Month);
    } else if (auto m5 = monthYear.match(s); m5.hasMatch()) {
        result = build(m5.captured(2).toInt(), m5.captured(1).toInt(), 1, P::Month);
    } else if (auto m6 = yearOnly.match(s); m6.hasMatch()) {
        result = build(yearOf(m6.captured(1)), 1, 1, P::Year);
    } else {
        return invalid(DateText::unreadable());
    }
    if (shortYear) {
        return invalid(DateText::yearInFull());
    }
    if (!result.isValid()) {
        return result;
    }
    if (approximate) {
        result.date = QDate(result.date.year(), 1, 1);
        result.precision = P::Approximate;
    }
    if (entry == DateEntry::FullDate && result.precision != P::Day) {
        return invalid(DateText::fullDateNeeded());
    }
    return result;
}

QString formatUkDate(const QDate& date, core::DatePrecision precision)
{
    if (!date.isValid()) {
        return {};
    }
    // Fixed three-letter months ("Sep", not CLDR's "Sept"), the same on every desktop.
    const QString year = QString::number(date.year());
    switch (precision) {
    case core::DatePrecision::Day: return core::deadlines::ukShortDate(date);
    case core::DatePrecision::Month: return core::deadlines::ukMonthYear(date);
    case core::DatePrecision::Year: return year;
    case core::DatePrecision::Approximate: return DateText::around(year);
    }
    return year;
}

}  // namespace claimdesk::ui
