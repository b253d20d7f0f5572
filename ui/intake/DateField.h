#pragma once

#include "ui/intake/DateText.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace claimdesk::ui {

// A date typed as text, with a hint beside it that says how it was read ("14 Mar 1998") or, in red below
// it, what to fix ("There is no 31 February 1990"). Empty is allowed: the form decides whether it is needed.
// What was typed is kept as typed (drafts save the text), so nothing is lost while it is being corrected.
class DateField final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateField)
public:
    explicit DateField(QWidget* parent = nullptr);

    void setEntry(DateEntry entry);  // FullDate by default
    // Dates after `latest` are a problem, explained by `message`.
    void setLatest(const QDate& latest, const QString& message);
    // A problem found by the form (an end before its start): shown until cleared with an empty string.
    void setCrossCheckProblem(const QString& problem);
    // When set, an empty field is a problem too (the form needs this date), explained by `problem`.
    void setMissingProblem(const QString& problem);

    QString text() const;
    void setText(const QString& text);
    void setPlaceholderText(const QString& text);
    TypedDate value() const;  // Invalid when it cannot be read, does not exist, is too late, or fails a cross-check
    bool isAcceptable() const { return value().status != TypedDate::Status::Invalid; }
    QLineEdit* lineEdit() const { return m_edit; }
    QString hintText() const;  // the reading, or the problem when there is one

signals:
    void changed();

private:
    void refresh();

    QLineEdit* m_edit;
    QLabel* m_reading;  // beside the edit: how it was read
    QLabel* m_problem;  // below the edit, red: what to fix
    DateEntry m_entry = DateEntry::FullDate;
    QDate m_latest;
    QString m_latestMessage;
    QString m_crossCheck;
    QString m_missing;
};

}  // namespace claimdesk::ui
