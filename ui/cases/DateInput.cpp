#include "ui/cases/DateInput.h"

#include "ui/common/Typography.h"

#include <QLabel>
#include <QLineEdit>

namespace claimdesk::ui {

DateInput::DateInput(QLineEdit* edit, QLabel* hint, Options options, QObject* parent)
    : QObject(parent), m_edit(edit), m_hint(hint), m_options(options)
{
    m_edit->setPlaceholderText(options.partial ? tr("e.g. 27/11/1994, Nov 1994 or 1994") : tr("e.g. 27/11/1994"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    makeProblem(m_hint);
    m_hint->setVisible(false);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        revalidate();
        emit edited();
    });
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        if (const auto parsed = value(); parsed && isAcceptable()) {
            const QString tidy = ukDate(parsed->date, parsed->precision);
            if (tidy != m_edit->text()) {
                m_edit->setText(tidy);  // same date, written the one way everyone reads alike
            }
        }
    });
}

QDate DateInput::today()
{
    return QDate::currentDate();
}

void DateInput::setDate(const QDate& date, core::DatePrecision precision)
{
    m_edit->setText(date.isValid() ? ukDate(date, precision) : QString());
    revalidate();
}

void DateInput::setText(const QString& text)
{
    m_edit->setText(text);
    revalidate();
}

QString DateInput::text() const
{
    return m_edit->text();
}

std::optional<ParsedDate> DateInput::value() const
{
    return parseUkDate(m_edit->text(), m_options.partial).value;
}

QDate DateInput::date() const
{
    const auto parsed = value();
    return parsed ? parsed->date : QDate();
}

QString DateInput::problem() const
{
    const DateParse parsed = parseUkDate(m_edit->text(), m_options.partial);
    if (!parsed.value) {
        if (!parsed.problem.isEmpty()) {
            return parsed.problem;
        }
        return m_options.required ? tr("Enter a date.") : QString();
    }
    if (m_options.notInFuture && parsed.value->date > today()) {
        return tr("%1 is in the future.").arg(ukDate(parsed.value->date, parsed.value->precision));
    }
    if (parsed.value->date.year() < 1900) {
        return tr("Check the year: %1 is too long ago.").arg(parsed.value->date.year());
    }
    return m_crossCheck ? m_crossCheck(*parsed.value) : QString();
}

void DateInput::setCrossCheck(std::function<QString(const ParsedDate&)> check)
{
    m_crossCheck = std::move(check);
    revalidate();
}

void DateInput::revalidate()
{
    const QString text = problem();
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
}

}  // namespace claimdesk::ui
