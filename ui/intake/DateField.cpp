#include "ui/intake/DateField.h"

#include "ui/common/Typography.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace claimdesk::ui {

DateField::DateField(QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_reading(new QLabel(this)), m_problem(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto* row = new QHBoxLayout;
    row->setSpacing(10);
    m_edit->setObjectName(QStringLiteral("dateLineEdit"));
    m_edit->setMinimumWidth(120);
    m_edit->setMaximumWidth(170);
    m_edit->setClearButtonEnabled(true);
    m_reading->setObjectName(QStringLiteral("dateReadingLabel"));
    m_reading->setTextFormat(Qt::PlainText);
    makeSecondary(m_reading);
    m_problem->setObjectName(QStringLiteral("dateHintLabel"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    makeProblem(m_problem);
    row->addWidget(m_edit);
    row->addWidget(m_reading, 1);
    layout->addLayout(row);
    layout->addWidget(m_problem);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        refresh();
        emit changed();
    });
    refresh();
}

void DateField::setEntry(DateEntry entry)
{
    m_entry = entry;
    refresh();
}

void DateField::setLatest(const QDate& latest, const QString& message)
{
    m_latest = latest;
    m_latestMessage = message;
    refresh();
}

void DateField::setCrossCheckProblem(const QString& problem)
{
    if (problem != m_crossCheck) {
        m_crossCheck = problem;
        refresh();
    }
}

void DateField::setMissingProblem(const QString& problem)
{
    if (problem != m_missing) {
        m_missing = problem;
        refresh();
    }
}

QString DateField::text() const
{
    return m_edit->text();
}

void DateField::setText(const QString& text)
{
    m_edit->setText(text);
}

void DateField::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

TypedDate DateField::value() const
{
    TypedDate typed = parseTypedDate(m_edit->text(), m_entry);
    if (typed.isEmpty() && !m_missing.isEmpty()) {
        typed.status = TypedDate::Status::Invalid;
        typed.problem = m_missing;
        return typed;
    }
    if (!typed.isValid()) {
        return typed;
    }
    // A partial date is too late only if it cannot have happened by `latest` ("2026" is fine in 2026).
    if (m_latest.isValid() && typed.date > m_latest) {
        typed.status = TypedDate::Status::Invalid;
        typed.problem = m_latestMessage;
        return typed;
    }
    if (!m_crossCheck.isEmpty()) {
        typed.status = TypedDate::Status::Invalid;
        typed.problem = m_crossCheck;
    }
    return typed;
}

QString DateField::hintText() const
{
    return m_problem->isHidden() ? m_reading->text() : m_problem->text();
}

void DateField::refresh()
{
    const TypedDate typed = value();
    m_reading->setText(typed.isValid() ? formatUkDate(typed.date, typed.precision) : QString());
    m_problem->setText(typed.status == TypedDate::Status::Invalid ? typed.problem : QString());
    m_problem->setHidden(m_problem->text().isEmpty());
    m_edit->setAccessibleDescription(hintText());
}

}  // namespace claimdesk::ui
