#pragma once

// How the services store dates and times in text columns, in one place: ISO 8601 dates, UTC times with
// milliseconds and a "Z", and '' (never NULL) for an empty text in a NOT NULL column.

#include <QDate>
#include <QDateTime>
#include <QString>

namespace claimdesk::core::sql {

inline QString dateText(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

inline QDate dateFrom(const QString& text)
{
    return text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
}

inline QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

inline QDateTime utcFrom(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);  // stored with "Z": comes back as UTC
}

// Statement::bind() stores a null QString as SQL NULL; text columns are NOT NULL DEFAULT ''.
inline QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

}  // namespace claimdesk::core::sql
